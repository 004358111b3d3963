import { describe, expect, it } from 'vitest';
import { borrowStateCache, giveBackStateCache, StateCache } from '../../../src/checkers/state-cache';

describe('StateCache', () => {
  it('tells (set, state) pairs apart exactly, even when hashes collide', () => {
    const cache = new StateCache(2);
    const bits = new Uint32Array([0xffffffff, 0b101, 0]);
    expect(cache.addIfAbsent(7, 1, bits, 1, 2)).toBe(true);
    expect(cache.addIfAbsent(7, 1, bits, 1, 2)).toBe(false);
    expect(cache.addIfAbsent(7, 2, bits, 1, 2)).toBe(true);
    const other = new Uint32Array([0xffffffff, 0b111, 0]);
    expect(cache.addIfAbsent(7, 1, other, 1, 2)).toBe(true);
    for (let i = 0; i < 100; i++) expect(cache.addIfAbsent(i, 9, new Uint32Array([i, 0]), 0, 1)).toBe(true);
    expect(cache.size).toBe(103);
    expect(cache.addIfAbsent(7, 1, other, 1, 2)).toBe(false);
  });

  it('starts afresh instead of outgrowing its limits', () => {
    const cache = new StateCache(4, { maxEntries: 10, maxPoolWords: 1000 });
    for (let i = 0; i < 25; i++) cache.addIfAbsent(i, 0, new Uint32Array([i]), 0, 1);
    expect(cache.resets).toBe(2);
    expect(cache.size).toBe(5);
  });

  it('is given back empty for the next search, forgetting exactly what it held', () => {
    const cache = borrowStateCache();
    const bits = new Uint32Array([0b1011]);
    for (let state = 0; state < 3000; state++) expect(cache.addIfAbsent(state * 31, state, bits, 0, 1)).toBe(true);
    giveBackStateCache(cache);
    const again = borrowStateCache();
    expect(again).toBe(cache);
    expect(again.size).toBe(0);
    expect(again.resets).toBe(0);
    for (let state = 0; state < 3000; state++) expect(again.addIfAbsent(state * 31, state, bits, 0, 1)).toBe(true);
    expect(again.addIfAbsent(31, 1, bits, 0, 1)).toBe(false);
    expect(borrowStateCache()).not.toBe(again); // lent out: a second search gets its own
    giveBackStateCache(again);
  });

  it('is not kept once a hard search has grown it large', () => {
    const cache = borrowStateCache();
    for (let state = 0; state < 40_000; state++) cache.addIfAbsent(state, state, new Uint32Array([1]), 0, 1);
    giveBackStateCache(cache);
    expect(borrowStateCache()).not.toBe(cache);
  });
});
