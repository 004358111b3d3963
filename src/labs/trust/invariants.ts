// What must hold of the replicas, checked after every event:
// - replicas-match-primary: a follower holds only (version, value) pairs the primary wrote — a
//   tampered or forged Replicate that a follower took breaks it;
// - no-rollback: a replica's version never goes back — a replayed old Replicate breaks it.
import type { Invariant, NodeSnapshot } from '../../engine/types';
import type { ReplicaState } from './replica';

/** Every version the primary has held, and the value it held at it. */
export interface WrittenGhost {
  written: Record<number, number | null>;
}

function recordPrimary(primary: NodeSnapshot<ReplicaState> | undefined, ghost: WrittenGhost): void {
  if (!primary?.up || primary.state === null) return;
  const { version, value } = primary.state;
  if (version > 0 && !Object.hasOwn(ghost.written, version)) ghost.written[version] = value;
}

export const replicasMatchPrimary: Invariant<ReplicaState, WrittenGhost> = {
  name: 'replicas-match-primary',
  description: 'Every follower holds a version the primary wrote, with the value the primary wrote at it.',
  initGhost: () => ({ written: {} }),
  check(nodes, ghost, changed) {
    const [primary, ...followers] = nodes;
    recordPrimary(primary, ghost);
    for (const node of followers) {
      if ((changed !== null && node.id !== changed) || !node.up || node.state === null || node.state.version === 0) continue;
      const { version, value } = node.state;
      if (!Object.hasOwn(ghost.written, version)) return `${node.id} holds x=${value} at version ${version}, a version ${primary.id} never wrote`;
      if (ghost.written[version] !== value) return `${node.id} holds x=${value} at version ${version}, but ${primary.id} wrote x=${ghost.written[version]} at version ${version}`;
    }
    return null;
  },
};

export const noRollback: Invariant<ReplicaState, Record<string, number>> = {
  name: 'no-rollback',
  description: 'A replica never goes back to an older version than one it held (its register is on disk, so not even across a restart).',
  initGhost: () => ({}),
  check(nodes, ghost, changed) {
    for (const node of nodes) {
      if ((changed !== null && node.id !== changed) || !node.up || node.state === null) continue;
      const highest = ghost[node.id] ?? 0;
      if (node.state.version < highest) return `${node.id} went back to version ${node.state.version} (x=${node.state.value}) after holding version ${highest}`;
      ghost[node.id] = node.state.version;
    }
    return null;
  },
};

export const TRUST_INVARIANTS = [replicasMatchPrimary, noRollback];
