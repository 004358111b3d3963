import { describe, expect, it } from 'vitest';
import { StateCache } from '../../../src/checkers/state-cache';

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
});
