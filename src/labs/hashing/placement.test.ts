// Placement properties, for random member sets and keys: consistent schemes move only the keys
// the joining (or leaving) node takes (or gives up); hash mod N moves most keys; preference lists
// are distinct members headed by the owner; more tokens balance the ring.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyHashes, keysPerMember, maxOverMean, movedKeys, placementFor, preferenceIds, type Scheme } from './placement';

const memberSets = fc.uniqueArray(fc.integer({ min: 1, max: 64 }), { minLength: 2, maxLength: 20 }).map((ns) => ns.map((n) => `n${n}`));
const hashes = keyHashes(500);
const owner = (scheme: Scheme, vnodes: number, members: string[], h: number) => {
  const p = placementFor(scheme, vnodes, members);
  return p.members[p.ownerOf(h)];
};

describe('consistent schemes move only what they must', () => {
  for (const scheme of ['ring', 'rendezvous'] as const) {
    it(`${scheme}: adding a node moves keys only to it (so removing it moves only its keys)`, () => {
      fc.assert(
        fc.property(memberSets, fc.integer({ min: 1, max: 32 }), fc.integer({ min: 65, max: 99 }), (members, vnodes, extra) => {
          const added = `n${extra}`;
          for (const h of hashes) {
            const before = owner(scheme, vnodes, members, h);
            const after = owner(scheme, vnodes, [...members, added], h);
            if (before !== after && after !== added) return false;
          }
          return true;
        }),
        { numRuns: 60 },
      );
    });
  }

  it('jump: adding a node at the end of the id order moves keys only to it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), (n) => {
        const members = Array.from({ length: n }, (_, i) => `n${i + 1}`);
        return hashes.every((h) => {
          const before = owner('jump', 1, members, h);
          const after = owner('jump', 1, [...members, `n${n + 1}`], h);
          return before === after || after === `n${n + 1}`;
        });
      }),
      { numRuns: 40 },
    );
  });

  it('hash mod N moves most keys when a node joins (and the ring about 1/(N+1))', () => {
    const members = Array.from({ length: 10 }, (_, i) => `n${i + 1}`);
    const all = keyHashes(20_000);
    const mod = movedKeys(placementFor('mod', 1, members), placementFor('mod', 1, [...members, 'n11']), all) / all.length;
    const ring = movedKeys(placementFor('ring', 100, members), placementFor('ring', 100, [...members, 'n11']), all) / all.length;
    expect(mod).toBeGreaterThan(0.85);
    expect(ring).toBeGreaterThan(0.05);
    expect(ring).toBeLessThan(0.13);
  });
});

describe('preference lists', () => {
  it('are min(R, N) distinct members, headed by the owner', () => {
    fc.assert(
      fc.property(memberSets, fc.constantFrom<Scheme>('ring', 'mod', 'rendezvous', 'jump'), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 16 }), (members, scheme, r, vnodes) => {
        const p = placementFor(scheme, vnodes, members);
        return hashes.slice(0, 100).every((h) => {
          const list = preferenceIds(p, h, r);
          return list.length === Math.min(r, members.length) && new Set(list).size === list.length && list[0] === p.members[p.ownerOf(h)];
        });
      }),
      { numRuns: 80 },
    );
  });

  it('on the ring, are the next distinct nodes clockwise from the key', () => {
    const p = placementFor('ring', 4, ['n1', 'n2', 'n3', 'n4', 'n5']);
    for (const h of hashes.slice(0, 50)) {
      const walk: string[] = [];
      const start = p.tokenPositions.findIndex((pos) => pos >= h);
      for (let i = 0; i < p.tokenPositions.length; i++) {
        const id = p.members[p.tokenOwners[((start < 0 ? 0 : start) + i) % p.tokenPositions.length]];
        if (!walk.includes(id)) walk.push(id);
      }
      expect(preferenceIds(p, h, 3)).toEqual(walk.slice(0, 3));
    }
  });
});

describe('balance', () => {
  it('one token per node is lopsided; a hundred are close to even', () => {
    const members = Array.from({ length: 10 }, (_, i) => `n${i + 1}`);
    const all = keyHashes(20_000);
    expect(maxOverMean(keysPerMember(placementFor('ring', 1, members), all))).toBeGreaterThan(1.8);
    expect(maxOverMean(keysPerMember(placementFor('ring', 100, members), all))).toBeLessThan(1.35);
  });
});
