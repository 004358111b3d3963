// The shard map's operations keep it a partition of the position space, and `flows` names exactly
// the pairs of shards between which some position changes owner.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { positionEnd } from './keyspace';
import { flows, initialMap, moveRange, ownerOf, splitRange, type ShardMap } from './shard-map';

const SHARDS = ['n1', 'n2', 'n3', 'n4', 'n5'];

function coversAll(map: ShardMap): boolean {
  if (map.ranges[0].lo !== 0 || map.ranges.at(-1)!.hi !== positionEnd(map.scheme)) return false;
  return map.ranges.every((r, i) => r.lo < r.hi && (i === 0 || map.ranges[i - 1].hi === r.lo));
}

const change = fc.tuple(fc.boolean(), fc.nat(), fc.nat(), fc.constantFrom(...SHARDS));

describe('shard map', () => {
  it('the first map cuts the preloaded keys evenly and leaves the last range open for new keys', () => {
    const map = initialMap('range', SHARDS.slice(0, 4), 256);
    expect(map.ranges.map((r) => [r.lo, r.shard])).toEqual([[0, 'n1'], [64, 'n2'], [128, 'n3'], [192, 'n4']]);
    expect(ownerOf(map, 10_000)).toBe('n4');
    expect(coversAll(initialMap('hash', SHARDS, 256))).toBe(true);
  });

  it('any sequence of splits and moves keeps the ranges contiguous over the whole space, one version per change', () => {
    fc.assert(
      fc.property(fc.constantFrom('range' as const, 'hash' as const), fc.array(change, { maxLength: 30 }), (scheme, changes) => {
        let map = initialMap(scheme, SHARDS.slice(0, 4), 256);
        for (const [isSplit, which, at, shard] of changes) {
          const index = which % map.ranges.length;
          const range = map.ranges[index];
          const next = isSplit ? splitRange(map, index, range.lo + (at % Math.max(1, Math.min(range.hi - range.lo, 1000)))) : moveRange(map, index, shard);
          if (next === null) continue;
          expect(next.version).toBe(map.version + 1);
          map = next;
          expect(coversAll(map)).toBe(true);
        }
      }),
    );
  });

  it('flows name exactly the shard pairs between which a position changes owner', () => {
    fc.assert(
      fc.property(fc.array(change, { minLength: 1, maxLength: 10 }), fc.array(fc.nat(2 ** 20), { minLength: 50, maxLength: 50 }), (changes, probes) => {
        let map = initialMap('range', SHARDS.slice(0, 4), 256);
        for (const [isSplit, which, at, shard] of changes) {
          const index = which % map.ranges.length;
          const range = map.ranges[index];
          map = (isSplit ? splitRange(map, index, range.lo + 1 + (at % 300)) : moveRange(map, index, shard)) ?? map;
        }
        const before = map;
        const after = moveRange(map, changes[0][1] % map.ranges.length, changes[0][3]) ?? map;
        const pairs = new Set(flows(before, after).map((f) => `${f.from}>${f.to}`));
        for (const p of probes) {
          const from = ownerOf(before, p);
          const to = ownerOf(after, p);
          if (from !== to) expect(pairs.has(`${from}>${to}`)).toBe(true);
        }
        for (const f of flows(before, after)) expect(f.from).not.toBe(f.to);
      }),
    );
  });

  it('a change of scheme makes every shard a possible source for every other', () => {
    const pairs = flows(initialMap('range', SHARDS.slice(0, 3), 256), initialMap('hash', SHARDS.slice(0, 3), 256, 2));
    expect(pairs).toHaveLength(6);
  });

  it('a split outside the range, or a move to its own shard, is refused', () => {
    const map = initialMap('range', SHARDS.slice(0, 4), 256);
    expect(splitRange(map, 0, 0)).toBeNull();
    expect(splitRange(map, 0, 64)).toBeNull();
    expect(moveRange(map, 0, 'n1')).toBeNull();
  });
});
