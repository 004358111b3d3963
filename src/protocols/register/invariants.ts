// The register keeps Raft's safety properties: AP operations never touch the log, so election
// safety, log matching, leader completeness and state machine safety must hold in both modes.
// AP may be inconsistent by design; the history checkers judge it.
import type { Invariant } from '../../engine/types';
import { registerRaft } from './raft';
import type { RegisterState } from './types';
import { asRaft } from './view';

function wrap<G>(invariant: Invariant<any, G>): Invariant<RegisterState, G> {
  return {
    name: invariant.name,
    description: invariant.description,
    initGhost: () => invariant.initGhost(),
    check: (nodes, ghost, changed) => invariant.check(asRaft(nodes), ghost, changed),
  };
}

export const registerInvariants: Invariant<RegisterState, any>[] = registerRaft.invariants.map(wrap);
