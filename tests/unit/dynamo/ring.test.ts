// Placement on the ring: a key's preference list is N consecutive servers from its position, the
// same on every node, and the fallbacks are the rest in ring order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fallbacks, preferenceList, ringFrom } from '../../../src/protocols/dynamo/ring';

const servers = (count: number) => Array.from({ length: count }, (_, i) => `n${i + 1}`);

describe('ring placement', () => {
  it('puts x on n1, n2, n3 of five servers, with n4 and n5 as stand-ins', () => {
    expect(preferenceList('x', servers(5), 3)).toEqual(['n1', 'n2', 'n3']);
    expect(fallbacks('x', servers(5), 3)).toEqual(['n4', 'n5']);
  });

  it('splits the ring into N replicas and the rest, each server once', () => {
    fc.assert(fc.property(fc.string({ maxLength: 6 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), (key, count, n) => {
      const all = servers(count);
      const replicas = preferenceList(key, all, n);
      expect(replicas.length).toBe(Math.min(n, count));
      expect([...replicas, ...fallbacks(key, all, n)].sort()).toEqual([...all].sort());
      expect(ringFrom(key, all).slice(0, replicas.length)).toEqual(replicas);
    }));
  });
});
