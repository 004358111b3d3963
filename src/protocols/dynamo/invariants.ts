// Safety properties of every replica, checked after every event that changed one.
import type { Invariant, NodeSnapshot } from '../../engine/types';
import type { DynamoState, Stamp } from './types';
import { compareStamps, versionId, vvDescends } from './versions';

/** Under LWW a key holds one version; under version vectors its siblings are all concurrent. */
export const versionsWellFormed: Invariant<DynamoState, null> = {
  name: 'versions-well-formed',
  description: 'Under last-writer-wins a replica holds one version per key; under version vectors no sibling descends from another.',
  initGhost: () => null,
  check(nodes, _ghost, changed) {
    for (const node of nodes) {
      if ((changed !== null && node.id !== changed) || !node.state) continue;
      const problem = malformedKey(node.state);
      if (problem) return `${node.id}: ${problem}`;
    }
    return null;
  },
};

function malformedKey(state: DynamoState): string | null {
  for (const key of Object.keys(state.store)) {
    const versions = state.store[key];
    if (versions.length === 0) return `${key} has no version`;
    if (state.config.versioning === 'lww' && versions.length > 1) return `${key} keeps ${versions.length} versions under last-writer-wins`;
    const ids = new Set(versions.map(versionId));
    if (ids.size !== versions.length) return `${key} holds one write twice`;
    for (const a of versions) for (const b of versions) if (vvDescends(a.vv, b.vv)) return `${key}: sibling ${versionId(a)} descends from sibling ${versionId(b)}`;
  }
  return null;
}

/** Last-writer-wins never goes back: a running replica's stamp for a key only grows. */
export const lwwNeverRegresses: Invariant<DynamoState, Record<string, Record<string, Stamp>>> = {
  name: 'lww-never-regresses',
  description: 'Under last-writer-wins, a replica never replaces a key’s version with one of an older timestamp.',
  initGhost: () => ({}),
  check(nodes: NodeSnapshot<DynamoState>[], ghost, changed) {
    for (const node of nodes) {
      if (changed !== null && node.id !== changed) continue;
      // The rule holds while LWW is in force; under version vectors a descendant may carry an older clock.
      if (!node.state || node.state.config.versioning !== 'lww') {
        delete ghost[node.id];
        continue;
      }
      const seen = (ghost[node.id] ??= {});
      for (const key of Object.keys(node.state.store)) {
        const stamp = node.state.store[key][0].stamp;
        if (Object.hasOwn(seen, key) && compareStamps(stamp, seen[key]) < 0) {
          return `${node.id} replaced ${key}@${seen[key].ms}·${seen[key].node} with the older ${key}@${stamp.ms}·${stamp.node}`;
        }
        seen[key] = stamp;
      }
    }
    return null;
  },
};

export const dynamoInvariants = [versionsWellFormed, lwwNeverRegresses];
