// SWIM's precedence rule as a total order: applying only winning rumors makes beliefs monotone,
// and the result does not depend on the order rumors arrive in.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareBeliefs, supersedes, type Rumor, type Status } from './view-order';

const status = fc.constantFrom<Status>('alive', 'suspect', 'dead');
const rumor = fc.record({ id: fc.constant('n2'), status, incarnation: fc.integer({ min: 0, max: 5 }) });

function fold(rumors: Rumor[]): { status: Status; incarnation: number } {
  let current = { status: 'alive' as Status, incarnation: 0 };
  for (const r of rumors) if (supersedes(r, current)) current = { status: r.status, incarnation: r.incarnation };
  return current;
}

describe('belief precedence', () => {
  it('follows the paper: a higher incarnation wins; at the same one, dead over suspect over alive', () => {
    expect(supersedes({ status: 'alive', incarnation: 2 }, { status: 'suspect', incarnation: 1 })).toBe(true);
    expect(supersedes({ status: 'alive', incarnation: 1 }, { status: 'suspect', incarnation: 1 })).toBe(false);
    expect(supersedes({ status: 'suspect', incarnation: 1 }, { status: 'alive', incarnation: 1 })).toBe(true);
    expect(supersedes({ status: 'dead', incarnation: 1 }, { status: 'suspect', incarnation: 1 })).toBe(true);
    expect(supersedes({ status: 'suspect', incarnation: 0 }, { status: 'alive', incarnation: 1 })).toBe(false);
    expect(supersedes({ status: 'alive', incarnation: 0 }, undefined)).toBe(true);
  });

  it('a belief only moves forward, and every arrival order ends at the greatest rumor', () => {
    fc.assert(fc.property(fc.array(rumor, { maxLength: 12 }), fc.func(fc.integer()), (rumors, key) => {
      let current = { status: 'alive' as Status, incarnation: 0 };
      for (const r of rumors) {
        const next = supersedes(r, current) ? { status: r.status, incarnation: r.incarnation } : current;
        expect(compareBeliefs(next, current)).toBeGreaterThanOrEqual(0);
        current = next;
      }
      const shuffled = rumors.map((r, i) => ({ r, k: key(i) })).sort((a, b) => a.k - b.k).map(({ r }) => r);
      expect(compareBeliefs(fold(shuffled), current)).toBe(0);
    }));
  });
});
