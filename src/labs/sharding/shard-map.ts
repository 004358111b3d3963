// The shard map: the position space cut into ranges [lo, hi), each served by one shard, with a
// version that grows by one per change. Splits, moves and a change of scheme each make the next
// version; `flows` says which shards must hand data to which for a change to take effect.
import { HASH_END, positionEnd } from './keyspace';
import type { Scheme } from './settings';

export interface ShardRange {
  lo: number;
  hi: number;
  shard: string;
}

export interface ShardMap {
  version: number;
  scheme: Scheme;
  /** Sorted by lo, contiguous, covering 0…positionEnd(scheme). */
  ranges: ShardRange[];
}

/** The first map: range partitioning cuts the preloaded keys 0…keys-1 evenly (the last range is
 * open-ended, so new larger keys land there); hash partitioning cuts the hash space evenly. */
export function initialMap(scheme: Scheme, shards: readonly string[], keys: number, version = 1): ShardMap {
  const span = scheme === 'range' ? keys : HASH_END;
  const ranges = shards.map((shard, i) => ({
    lo: Math.floor((i * span) / shards.length),
    hi: i === shards.length - 1 ? positionEnd(scheme) : Math.floor(((i + 1) * span) / shards.length),
    shard,
  }));
  return { version, scheme, ranges };
}

export function rangeIndexOf(map: ShardMap, position: number): number {
  let lo = 0;
  let hi = map.ranges.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (map.ranges[mid].lo <= position) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function ownerOf(map: ShardMap, position: number): string {
  return map.ranges[rangeIndexOf(map, position)].shard;
}

/** The map with range `index` cut at `at` (lo < at < hi), or null when it cannot be cut there. */
export function splitRange(map: ShardMap, index: number, at: number): ShardMap | null {
  const range = map.ranges[index];
  if (!range || at <= range.lo || at >= range.hi) return null;
  const ranges = [...map.ranges.slice(0, index), { ...range, hi: at }, { ...range, lo: at }, ...map.ranges.slice(index + 1)];
  return { ...map, version: map.version + 1, ranges };
}

/** The map with range `index` served by `shard` (neighbours on the same shard are not merged:
 * range boundaries stay where the splits put them). */
export function moveRange(map: ShardMap, index: number, shard: string): ShardMap | null {
  const range = map.ranges[index];
  if (!range || range.shard === shard) return null;
  const ranges = map.ranges.map((r, i) => (i === index ? { ...r, shard } : r));
  return { ...map, version: map.version + 1, ranges };
}

/** Which shard must hand data to which for `next` to take effect: pairs whose ranges overlap with
 * a different owner; after a change of scheme positions mean something else, so every shard may
 * hold keys for every other. Sorted, so both ends compute the same list. */
export function flows(prev: ShardMap, next: ShardMap): { from: string; to: string }[] {
  const pairs = new Set<string>();
  if (prev.scheme !== next.scheme) {
    const shards = [...new Set([...prev.ranges, ...next.ranges].map((r) => r.shard))];
    for (const from of shards) for (const to of shards) if (from !== to) pairs.add(`${from}>${to}`);
  } else {
    for (const a of prev.ranges) {
      for (const b of next.ranges) {
        if (a.shard !== b.shard && a.lo < b.hi && b.lo < a.hi) pairs.add(`${a.shard}>${b.shard}`);
      }
    }
  }
  return [...pairs].sort().map((pair) => {
    const [from, to] = pair.split('>');
    return { from, to };
  });
}

/** The ranges of `map` that overlap [lo, hi). */
export function rangesOverlapping(map: ShardMap, lo: number, hi: number): ShardRange[] {
  return map.ranges.filter((r) => r.lo < hi && lo < r.hi);
}

export function describeRange(range: Pick<ShardRange, 'lo' | 'hi'>, scheme: Scheme): string {
  const end = range.hi >= positionEnd(scheme) ? '∞' : String(range.hi);
  return scheme === 'range' ? `[k${range.lo}, ${end === '∞' ? '∞' : `k${end}`})` : `hash [${range.lo}, ${end === '∞' ? HASH_END : end})`;
}
