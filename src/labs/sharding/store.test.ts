// The chunked store: merging a handoff keeps the newer copy of each key, whatever the order and
// however often the same handoff arrives; partition splits it without losing a key.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countKeys, entries, getEntry, mergeEntries, partition, putEntry, type Entry, type Store } from './store';

const entryList = fc.array(fc.tuple(fc.nat(300), fc.record({ value: fc.integer(), ver: fc.nat(20) })), { maxLength: 60 });

function build(list: [number, Entry][]): Store {
  return mergeEntries({}, list);
}

describe('store', () => {
  it('merge keeps, per key, the highest version seen, in any order and with duplicates', () => {
    fc.assert(
      fc.property(entryList, entryList, (a, b) => {
        const once = mergeEntries(build(a), b);
        const twice = mergeEntries(mergeEntries(build(b), a), b);
        for (const [key] of [...a, ...b]) {
          const best = Math.max(...[...a, ...b].filter(([k]) => k === key).map(([, e]) => e.ver));
          expect(getEntry(once, key)!.ver).toBe(best);
          expect(getEntry(twice, key)!.ver).toBe(best);
        }
      }),
    );
  });

  it('partition keeps some keys and returns the rest, losing none', () => {
    fc.assert(
      fc.property(entryList, fc.nat(300), (list, cut) => {
        const store = build(list);
        const { kept, leaving } = partition(store, (key) => key < cut);
        expect(countKeys(kept) + leaving.length).toBe(countKeys(store));
        expect(entries(kept).every(([k]) => k < cut)).toBe(true);
        expect(leaving.every(([k]) => k >= cut)).toBe(true);
      }),
    );
  });

  it('a write copies its chunk only: other chunks stay the same objects', () => {
    const store = putEntry(putEntry({}, 1, { value: 1, ver: 1 }), 100, { value: 2, ver: 1 });
    const after = putEntry(store, 2, { value: 3, ver: 1 });
    expect(after[3]).toBe(store[3]);
    expect(after[0]).not.toBe(store[0]);
  });
});
