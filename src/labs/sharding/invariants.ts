// The sharding lab's safety properties, checked after every event over the shards' states (a
// crashed shard counts with the state it had on disk):
// - one-server-per-key: no position is served by two shards at once — a move hands a range over,
//   it never lets old and new owner both answer for it;
// - moves-keep-writes: a shard serving a key holds every write any shard ever applied to it — a
//   move never drops an acknowledged write (versions only grow, so "holds" is "version ≥").
import type { Invariant, NodeSnapshot } from '../../engine/types';
import { servedRanges, servesKey } from './placement';
import type { ShardRange } from './shard-map';
import type { ShardState } from './shard';
import { describeRange } from './shard-map';
import { getEntry, type Store } from './store';
import { keyName, hotKeyOf } from './keyspace';

interface Served {
  scheme: string;
  ranges: ShardRange[];
}

function served(state: ShardState, id: string): Served {
  return { scheme: state.map.scheme, ranges: servedRanges(id, state, state.early) };
}

export const oneServerPerKey: Invariant<ShardState, Record<string, Served>> = {
  name: 'one-server-per-key',
  description: 'No key is served by two shards at once: a move hands a range over, it never lets the old and the new owner both answer for it.',
  initGhost: () => ({}),
  check(nodes, ghost, changed) {
    for (const node of nodes) if (node.state !== null && (changed === null || node.id === changed)) ghost[node.id] = served(node.state, node.id);
    const checked = changed === null ? Object.keys(ghost) : [changed];
    for (const id of checked) {
      const mine = ghost[id];
      if (!mine || mine.ranges.length === 0) continue;
      for (const [other, theirs] of Object.entries(ghost)) {
        if (other === id || theirs.ranges.length === 0) continue;
        if (theirs.scheme !== mine.scheme) return `${id} serves keys by ${mine.scheme} partitioning while ${other} still serves them by ${theirs.scheme}`;
        for (const a of mine.ranges) {
          const b = theirs.ranges.find((r) => r.lo < a.hi && a.lo < r.hi);
          if (b) return `${id} and ${other} both serve ${describeRange({ lo: Math.max(a.lo, b.lo), hi: Math.min(a.hi, b.hi) }, mine.scheme as 'range' | 'hash')}`;
        }
      }
    }
    return null;
  },
};

interface WriteGhost {
  /** The highest version any shard ever held, per key written at least once. */
  maxVer: Map<number, number>;
  /** Per shard, the chunk objects last looked at, and the map objects it last served by. */
  seen: Record<string, { chunks: Record<number, unknown>; map: unknown; prev: unknown }>;
}

function learnVersions(id: string, data: Store, ghost: WriteGhost): void {
  const seen = (ghost.seen[id] ??= { chunks: {}, map: null, prev: null });
  for (const [c, chunk] of Object.entries(data)) {
    const index = Number(c);
    if (seen.chunks[index] === chunk) continue;
    seen.chunks[index] = chunk;
    for (const [k, entry] of Object.entries(chunk)) {
      if (entry.ver > (ghost.maxVer.get(Number(k)) ?? 0)) ghost.maxVer.set(Number(k), entry.ver);
    }
  }
}

/** The first key `id` serves without its newest write, or null. */
function missingWrite(node: NodeSnapshot<ShardState>, ghost: WriteGhost): string | null {
  const state = node.state!;
  for (const [key, ver] of ghost.maxVer) {
    if (!servesKey(node.id, state, key, state.keys, state.early)) continue;
    const have = getEntry(state.data, key)?.ver ?? 0;
    if (have < ver) return `${node.id} serves ${keyName(key, hotKeyOf(state.keys))} holding ${have} of its ${ver} writes: a move lost ${ver - have} acknowledged write(s)`;
  }
  return null;
}

export const movesKeepWrites: Invariant<ShardState, WriteGhost> = {
  name: 'moves-keep-writes',
  description: 'A shard serving a key holds every write any shard applied to it: moving a range never loses an acknowledged write.',
  initGhost: () => ({ maxVer: new Map(), seen: {} }),
  check(nodes, ghost, changed) {
    for (const node of nodes) {
      if (node.state === null || (changed !== null && node.id !== changed)) continue;
      learnVersions(node.id, node.state.data, ghost);
      // A write only raises versions; only a change of what the shard serves can expose a gap.
      const seen = ghost.seen[node.id];
      if (seen.map === node.state.map && seen.prev === node.state.prev) continue;
      seen.map = node.state.map;
      seen.prev = node.state.prev;
      const problem = missingWrite(node, ghost);
      if (problem) return problem;
    }
    return null;
  },
};

export const shardingInvariants = [oneServerPerKey, movesKeepWrites];
