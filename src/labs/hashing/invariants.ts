// What must hold after every event, checked over the nodes' states:
//  - no key is lost: every key is on some node (a crashed node's keys count: they are on its disk);
//  - a node keeps a key it does not own only while a transfer of it is unacknowledged.
import type { Invariant, NodeSnapshot } from '../../engine/types';
import { keyName, keyHashes, preferenceIds } from './placement';
import { placementOfView, type HashNodeState } from './protocol';

interface LostGhost {
  /** Each node's keys as last seen up (a crash keeps them on disk). */
  held: Record<string, readonly number[]>;
  /** How many nodes hold each key. */
  copies: number[] | null;
}

function count(copies: number[], keys: readonly number[], by: number): void {
  for (const key of keys) copies[key] = (copies[key] ?? 0) + by;
}

export const noKeyLost: Invariant<HashNodeState, LostGhost> = {
  name: 'no-key-lost',
  description: 'Every key is stored on some node: a node drops a key only after its new owner acknowledged it.',
  initGhost: () => ({ held: {}, copies: null }),
  check(nodes: NodeSnapshot<HashNodeState>[], ghost, changed) {
    if (ghost.copies === null) {
      const first = nodes.find((node) => node.state !== null)?.state;
      if (!first) return null;
      ghost.copies = new Array<number>(first.keyCount).fill(0);
      for (const node of nodes) {
        if (!node.state) continue;
        ghost.held[node.id] = node.state.held;
        count(ghost.copies, node.state.held, 1);
      }
    }
    const copies = ghost.copies;
    const dropped: number[] = [];
    let dropper = '';
    for (const node of nodes) {
      if ((changed !== null && node.id !== changed) || !node.up || !node.state) continue;
      const before = ghost.held[node.id] ?? [];
      const now = node.state.held;
      if (before === now) continue;
      const had = new Set(before);
      const has = new Set(now);
      for (const key of now) if (!had.has(key)) copies[key] = (copies[key] ?? 0) + 1;
      for (const key of before) {
        if (has.has(key)) continue;
        copies[key]--;
        if (copies[key] <= 0) {
          dropped.push(key);
          dropper = node.id;
        }
      }
      ghost.held[node.id] = now;
    }
    if (dropped.length === 0) return null;
    return `${dropper} dropped ${dropped.slice(0, 3).map(keyName).join(', ')}${dropped.length > 3 ? ` and ${dropped.length - 3} more` : ''}, and no node holds ${dropped.length === 1 ? 'it' : 'them'} any more`;
  },
};

interface KeptGhost {
  /** The state each node had when last checked, so an unchanged one is not checked again. */
  seen: Record<string, HashNodeState>;
}

/** The first key `state` holds that it neither owns nor is handing over, or −1. */
export function strayKey(state: HashNodeState): number {
  const placement = placementOfView(state.view, state.settings);
  if (placement.members.length === 0) return -1;
  const pending = new Set<number>();
  for (const entries of Object.values(state.outbox)) for (const key of Object.keys(entries)) pending.add(Number(key));
  const hashes = keyHashes(state.keyCount);
  for (const key of state.held) {
    if (pending.has(key)) continue;
    if (!preferenceIds(placement, hashes[key], state.settings.replicas).includes(state.self)) return key;
  }
  return -1;
}

export const keepsOnlyItsKeys: Invariant<HashNodeState, KeptGhost> = {
  name: 'keeps-only-its-keys',
  description: 'A node keeps a key outside its preference list only while a transfer of it awaits acknowledgement.',
  initGhost: () => ({ seen: {} }),
  check(nodes, ghost, changed) {
    for (const node of nodes) {
      if ((changed !== null && node.id !== changed) || !node.up || !node.state) continue;
      const state = node.state;
      const last = ghost.seen[node.id];
      if (last && last.held === state.held && last.outbox === state.outbox && last.view === state.view && last.settings === state.settings) continue;
      ghost.seen[node.id] = state;
      const stray = strayKey(state);
      if (stray >= 0) return `${node.id} holds ${keyName(stray)}, which its view of the ring places elsewhere, with no transfer of it pending`;
    }
    return null;
  },
};

export const hashingInvariants = [noKeyLost, keepsOnlyItsKeys];
