// What a shard may serve, read from its map: it owns a key's position in its current map and,
// while it still waits for data of that version, owned it in the map before too. Both the shard
// protocol and the invariants use these, so the check tests the same definition the shard acts on.
import { hotKeyOf, positionOf } from './keyspace';
import { ownerOf, rangesOverlapping, type ShardMap, type ShardRange } from './shard-map';

export interface Holding {
  map: ShardMap;
  /** The map before, while handoffs for `map` are still awaited (null: ready). */
  prev: ShardMap | null;
}

export function keyPosition(key: number, map: ShardMap, keys: number): number {
  return positionOf(key, map.scheme, keys, hotKeyOf(keys));
}

export function ownsKey(id: string, map: ShardMap, key: number, keys: number): boolean {
  return ownerOf(map, keyPosition(key, map, keys)) === id;
}

/** Whether `id` may answer for `key` now; `early` is the broken rule (serve gained keys at once). */
export function servesKey(id: string, holding: Holding, key: number, keys: number, early: boolean): boolean {
  if (!ownsKey(id, holding.map, key, keys)) return false;
  return holding.prev === null || early || ownsKey(id, holding.prev, key, keys);
}

/** The ranges of positions `id` serves now (in `holding.map`'s scheme). */
export function servedRanges(id: string, holding: Holding, early: boolean): ShardRange[] {
  const mine = holding.map.ranges.filter((r) => r.shard === id);
  if (holding.prev === null || early) return mine;
  if (holding.prev.scheme !== holding.map.scheme) return [];
  const before = holding.prev.ranges.filter((r) => r.shard === id);
  const out: ShardRange[] = [];
  for (const a of mine) {
    for (const b of before) {
      const lo = Math.max(a.lo, b.lo);
      const hi = Math.min(a.hi, b.hi);
      if (lo < hi) out.push({ lo, hi, shard: id });
    }
  }
  return out;
}

/** Whether `id` may scan positions [lo, hi) (range partitioning) or, under hash partitioning, its
 * share of a key interval (it must not be waiting for any data). */
export function servesScan(id: string, holding: Holding, lo: number | undefined, hi: number | undefined, early: boolean): boolean {
  if (lo === undefined || hi === undefined) return holding.map.scheme === 'hash' && (holding.prev === null || early);
  if (holding.map.scheme !== 'range') return false;
  const served = servedRanges(id, holding, early);
  // [lo, hi) lies inside the union of served ranges (they are disjoint and sorted).
  let at = lo;
  for (const r of served.sort((a, b) => a.lo - b.lo)) if (r.lo <= at && at < r.hi) at = r.hi;
  return at >= hi && rangesOverlapping(holding.map, lo, hi).every((r) => r.shard === id);
}
