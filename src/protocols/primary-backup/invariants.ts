// Primary-backup's safety properties, checked after every step. Split brain: once a primary of
// some epoch has acknowledged a write, no primary of an older epoch may acknowledge another —
// two primaries accepting writes is exactly what epochs and leases (fencing) exist to prevent.
import type { Invariant, NodeId } from '../../engine/types';
import type { PrimaryBackupState } from './types';

export interface AckGhost {
  /** The newest epoch whose primary has acknowledged a write, and that primary. */
  epoch: number;
  by: NodeId | null;
  /** Each node's acknowledgement count when last seen. */
  acks: Record<NodeId, number>;
  /** Writes acknowledged by an older primary after a newer one had acknowledged one, and the latest. */
  splitAcks: number;
  last: { node: NodeId; epoch: number; newer: NodeId | null; newerEpoch: number; atMs: number } | null;
}

export const noSplitBrain: Invariant<PrimaryBackupState, AckGhost> = {
  name: 'no-split-brain',
  description: 'Once a primary of a newer epoch has acknowledged a write, no older primary acknowledges one (no two primaries accept writes).',
  initGhost: () => ({ epoch: 0, by: null, acks: {}, splitAcks: 0, last: null }),
  check(nodes, ghost, changed) {
    for (const node of nodes) {
      if (changed !== null && node.id !== changed) continue;
      if (!node.up || node.state === null) continue;
      const state = node.state;
      const before = ghost.acks[node.id] ?? 0;
      ghost.acks[node.id] = state.acks;
      if (state.acks <= before) continue;
      if (state.epoch < ghost.epoch) {
        // Counted on and on (the engine reports the first): the lab shows how many there were.
        ghost.splitAcks += state.acks - before;
        ghost.last = { node: node.id, epoch: state.epoch, newer: ghost.by, newerEpoch: ghost.epoch, atMs: state.lastAckMs };
        return `split brain: ${node.id}, primary of epoch ${state.epoch}, acknowledged a write after ${ghost.by}, primary of epoch ${ghost.epoch}, had — two primaries accept writes`;
      }
      if (state.epoch > ghost.epoch) {
        ghost.epoch = state.epoch;
        ghost.by = node.id;
      }
    }
    return null;
  },
};

/** Elections give each epoch at most one primary. */
export const onePrimaryPerEpoch: Invariant<PrimaryBackupState, null> = {
  name: 'one-primary-per-epoch',
  description: 'No two nodes are primary in the same epoch.',
  initGhost: () => null,
  check(nodes) {
    const seen = new Map<number, NodeId>();
    for (const node of nodes) {
      if (!node.up || node.state?.role !== 'primary') continue;
      const other = seen.get(node.state.epoch);
      if (other) return `${other} and ${node.id} are both primary of epoch ${node.state.epoch}`;
      seen.set(node.state.epoch, node.id);
    }
    return null;
  },
};

export const primaryBackupInvariants = [noSplitBrain, onePrimaryPerEpoch];
