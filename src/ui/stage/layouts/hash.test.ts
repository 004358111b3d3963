// FNV-1a and the hash ring: the published test vectors, and members placed at their hash angle.
import { describe, expect, it } from 'vitest';
import { fnv1a32, hashAngle, hashFraction, hashRingPoint } from './hash';
import { HASH_RING, hashRingLayout } from './hash-ring';

describe('fnv1a32', () => {
  it('matches the reference vectors', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('gives fractions of a turn in [0, 1)', () => {
    for (const key of ['n1', 'n2', 'user:42', 'ü']) {
      expect(hashFraction(key)).toBeGreaterThanOrEqual(0);
      expect(hashFraction(key)).toBeLessThan(1);
    }
  });
});

describe('hash ring layout', () => {
  it('puts each member at the angle its id hashes to, where a key with that id would be', () => {
    const actors = Array.from({ length: 12 }, (_, i) => ({ id: `n${i + 1}`, role: 'server', home: null }));
    const layout = hashRingLayout(actors);
    for (const placed of layout.actors) {
      const angle = Math.atan2(placed.y - HASH_RING.cy, placed.x - HASH_RING.cx);
      const expected = Math.atan2(Math.sin(hashAngle(placed.id)), Math.cos(hashAngle(placed.id)));
      expect(angle).toBeCloseTo(expected, 6);
    }
    const key = hashRingPoint('n3', HASH_RING);
    const n3 = layout.byId.get('n3')!;
    expect(Math.atan2(key.y - 320, key.x - 320)).toBeCloseTo(Math.atan2(n3.y - 320, n3.x - 320), 6);
  });
});

describe('hash ring sizes', () => {
  it('keeps members apart and inside at every cluster size up to 64', () => {
    for (let count = 2; count <= 64; count++) {
      const layout = hashRingLayout(Array.from({ length: count }, (_, i) => ({ id: `n${i + 1}`, role: 'server', home: null })));
      for (const a of layout.actors) {
        expect(a.x - a.radius).toBeGreaterThanOrEqual(0);
        expect(a.x + a.radius).toBeLessThanOrEqual(layout.width);
        for (const b of layout.actors) {
          if (a !== b) expect(Math.hypot(a.x - b.x, a.y - b.y), `${count}: ${a.id}/${b.id}`).toBeGreaterThanOrEqual(a.radius + b.radius);
        }
      }
    }
  });
});
