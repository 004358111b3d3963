// The CRDT lab's invariant and its convergence check. Invariant: a real CRDT replica's state only
// moves up its lattice (merging the old state into the new changes nothing), so no operation or
// merge ever forgets one. Convergence: after a quiet period with no new operations, do all
// running replicas read the same value? (checkConvergence over a copy of the world run on.)
import { checkConvergence, type ConvergenceResult } from '../../checkers/index';
import { Simulation } from '../../engine/simulation';
import type { Invariant } from '../../engine/types';
import { CRDTS, REAL_CRDTS } from '../../protocols/crdt/index';
import { type ReplicaState } from './replica';

/** Quiet time, with no new operations, before replicas are expected to agree. */
export const CONVERGENCE_QUIET_MS = 2000;

export const statesInflate: Invariant<ReplicaState, Record<string, ReplicaState>> = {
  name: 'states-inflate',
  description: 'A CRDT replica never loses what it has seen: each new state includes the one before.',
  initGhost: () => ({}),
  check(nodes, ghost, changed) {
    for (const node of nodes) {
      if (changed !== null && node.id !== changed) continue;
      const before = ghost[node.id];
      ghost[node.id] = node.state as ReplicaState;
      if (!node.up || node.state === null) {
        delete ghost[node.id];
        continue;
      }
      const now = node.state;
      if (!before || before.epoch !== now.epoch || before.crdt === now.crdt || !REAL_CRDTS.includes(now.type)) continue;
      const type = CRDTS[now.type];
      if (JSON.stringify(type.merge(now.crdt, before.crdt)) !== JSON.stringify(now.crdt)) {
        return `${node.id}'s ${now.type} forgot part of its earlier state (value ${JSON.stringify(type.value(before.crdt))} → ${JSON.stringify(type.value(now.crdt))})`;
      }
    }
    return null;
  },
};

/** The running replicas' states. */
export function replicaStates(sim: Simulation): Record<string, ReplicaState> {
  const out: Record<string, ReplicaState> = {};
  for (const id of sim.world.nodeIds) {
    const node = sim.world.nodes[id];
    if (node.up && node.state) out[id] = node.state as ReplicaState;
  }
  return out;
}

/** Every replica's state, a crashed one's as it persisted it (its operations still count). */
export function allReplicaStates(sim: Simulation): ReplicaState[] {
  return sim.world.nodeIds
    .map((id) => (sim.world.nodes[id].state ?? sim.world.nodes[id].persisted) as ReplicaState | null)
    .filter((state): state is ReplicaState => state !== null);
}

/** The running replicas' values as the convergence checker reads them (one key: the value). */
export function convergenceNow(sim: Simulation): ConvergenceResult {
  const values: Record<string, Record<string, unknown>> = {};
  for (const [id, state] of Object.entries(replicaStates(sim))) values[id] = { value: CRDTS[state.type].value(state.crdt) };
  return checkConvergence(values);
}

/** A copy of the run, with operations stopped, run on for the quiet period (gossip continues). */
export function quietCopy(sim: Simulation): Simulation {
  const copy = new Simulation(sim.system, structuredClone(sim.world), [], false);
  for (const id of copy.world.nodeIds) {
    const onControl = copy.protocolOf(id).onControl;
    if (copy.world.nodes[id].up && onControl) copy.runHandler(id, (state, ctx) => onControl(state, { do: 'quiet' }, ctx));
  }
  copy.runUntil(copy.world.timeMs + CONVERGENCE_QUIET_MS, Infinity, false);
  return copy;
}
