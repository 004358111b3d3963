// The search's entries come out in event order whichever way they are ordered (buckets for dense
// indices, packed keys for sparse ones, a comparator for indices that cannot be packed), exactly
// as a stable sort of call 0, return 0, call 1, return 1… by event index would put them.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderEntries, type EntryTimes } from '../../../src/checkers/entry-order';

function problem(times: [call: number, ret: number][]): EntryTimes {
  return { count: times.length, callIndex: Float64Array.from(times, ([call]) => call), returnIndex: Float64Array.from(times, ([, ret]) => ret) };
}

function stableSortReference(ops: EntryTimes): number[] {
  const n = ops.count;
  const entries: number[] = [];
  for (let i = 0; i < n; i++) {
    entries.push(i);
    if (ops.returnIndex[i] !== Infinity) entries.push(n + i);
  }
  const at = (entry: number) => (entry < n ? ops.callIndex[entry] : ops.returnIndex[entry - n]);
  return entries.sort((x, y) => at(x) - at(y));
}

/** A paired history's indices: each event index used once, a return after its call, some never. */
const pairedTimes = (spread: number) =>
  fc.array(fc.tuple(fc.nat(3), fc.boolean()), { maxLength: 40 }).map((ops) => {
    const order = ops.flatMap(([, returns], i) => (returns ? [i, i] : [i]));
    const times: [number, number][] = ops.map(() => [0, Infinity]);
    const seen = new Set<number>();
    let index = 0;
    for (const i of order) {
      index += 1 + ((i * 7 + index) % spread);
      if (seen.has(i)) times[i][1] = index;
      else times[i][0] = index;
      seen.add(i);
    }
    return times;
  });

describe('orderEntries', () => {
  it('orders dense and sparse paired histories as a stable sort does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 1_000_000 }), (spread, offset) => {
        fc.assert(
          fc.property(pairedTimes(spread), (times) => {
            const ops = problem(times.map(([call, ret]) => [call + offset, ret + offset]));
            expect(Array.from(orderEntries(ops))).toEqual(stableSortReference(ops));
          }),
          { numRuns: 20 },
        );
      }),
      { numRuns: 50 },
    );
  });

  it('keeps the stable order of entries that share an index, and handles indices it cannot pack', () => {
    const index = fc.oneof(fc.integer({ min: 0, max: 12 }), fc.constantFrom(-3, 2.5, 2 ** 40, Infinity));
    fc.assert(
      fc.property(fc.array(fc.tuple(index.filter(Number.isFinite), index), { maxLength: 30 }), (times) => {
        const ops = problem(times);
        expect(Array.from(orderEntries(ops))).toEqual(stableSortReference(ops));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives nothing for no operations', () => {
    expect(orderEntries(problem([])).length).toBe(0);
  });
});
