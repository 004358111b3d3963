// The lab's hash: FNV-1a's published vectors, and the same ring position as the stage's hash-ring
// layout for any id, so a node drawn on the stage sits exactly at its first token.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ringHash } from '../../ui/stage/layouts/hash';
import { fmix32, fnv1a, hash32 } from './hash';

describe('hash32', () => {
  it('FNV-1a matches the reference vectors', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });

  it('fmix32 is murmur3’s finaliser (0 stays 0, 1 spreads over the word)', () => {
    expect(fmix32(0)).toBe(0);
    expect(fmix32(1)).toBe(0x514e28b7);
  });

  it('agrees with the stage’s hash-ring layout on every string, multi-byte ones included', () => {
    for (const id of ['n1', 'n64', 'n3#7', 'k1', 'ü', '日本', '😀x']) expect(hash32(id)).toBe(ringHash(id));
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (text) => hash32(text) === ringHash(text)), { numRuns: 300 });
  });
});
