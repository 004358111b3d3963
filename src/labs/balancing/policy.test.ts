// The policies as pure choices, under fast-check: a choice is always a usable server (none only
// when none is usable); round-robin visits every usable server once per cycle; least-loaded picks
// a minimum of the board, least connections a minimum of its own counts; two choices never picks
// the one server that reported the most, and sends the least loaded only about 2/n of requests.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Prng } from '../../engine/prng';
import { POLICIES } from './params';
import { choose, type ChoiceInput } from './policy';

const world = fc.integer({ min: 1, max: 32 }).chain((n) =>
  fc.record({
    servers: fc.constant(Array.from({ length: n }, (_, i) => `n${i + 1}`)),
    usableMask: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    loads: fc.array(fc.integer({ min: 0, max: 50 }), { minLength: n, maxLength: n }),
    counts: fc.array(fc.integer({ min: 0, max: 50 }), { minLength: n, maxLength: n }),
    cursor: fc.integer({ min: -1, max: n - 1 }),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
  }),
);

function input(w: { servers: string[]; usableMask: boolean[]; loads: number[]; counts: number[]; cursor: number }): ChoiceInput {
  const index = (s: string) => w.servers.indexOf(s);
  return {
    servers: w.servers,
    usable: (s) => w.usableMask[index(s)],
    reported: Object.fromEntries(w.servers.map((s, i) => [s, w.loads[i]])),
    outstanding: Object.fromEntries(w.servers.map((s, i) => [s, w.counts[i]])),
    cursor: w.cursor,
  };
}

describe('balancing policies', () => {
  it('choose a usable server, and none only when none is usable', () => {
    fc.assert(fc.property(world, fc.constantFrom(...POLICIES), (w, policy) => {
      const choice = choose(policy, input(w), Prng.fromSeed(w.seed, 'p'));
      if (w.usableMask.some(Boolean)) {
        expect(choice.server).not.toBeNull();
        expect(w.usableMask[w.servers.indexOf(choice.server!)]).toBe(true);
      } else expect(choice.server).toBeNull();
    }));
  });

  it('round-robin visits each usable server once per cycle', () => {
    fc.assert(fc.property(world, (w) => {
      const usable = w.servers.filter((_, i) => w.usableMask[i]);
      let cursor = w.cursor;
      const seen: string[] = [];
      for (let i = 0; i < usable.length; i++) {
        const choice = choose('round-robin', { ...input(w), cursor }, Prng.fromSeed(w.seed, 'p'));
        seen.push(choice.server!);
        cursor = choice.cursor;
      }
      expect([...seen].sort()).toEqual([...usable].sort());
    }));
  });

  it('least-loaded picks a minimum of the reports, least connections of its own counts', () => {
    fc.assert(fc.property(world, (w) => {
      const usable = w.servers.map((_, i) => i).filter((i) => w.usableMask[i]);
      if (usable.length === 0) return;
      const rng = Prng.fromSeed(w.seed, 'p');
      const stale = choose('least-loaded-stale', input(w), rng).server!;
      expect(w.loads[w.servers.indexOf(stale)]).toBe(Math.min(...usable.map((i) => w.loads[i])));
      const lc = choose('least-connections', input(w), rng).server!;
      expect(w.counts[w.servers.indexOf(lc)]).toBe(Math.min(...usable.map((i) => w.counts[i])));
    }));
  });

  it('two choices never picks the single most loaded of two or more', () => {
    fc.assert(fc.property(world, (w) => {
      const usable = w.servers.map((_, i) => i).filter((i) => w.usableMask[i]);
      if (usable.length < 2) return;
      const top = Math.max(...usable.map((i) => w.loads[i]));
      const tops = usable.filter((i) => w.loads[i] === top);
      if (tops.length !== 1) return;
      const rng = Prng.fromSeed(w.seed, 'p');
      for (let k = 0; k < 20; k++) expect(choose('two-choices', input(w), rng).server).not.toBe(w.servers[tops[0]]);
    }));
  });

  it('two choices sends the one least-loaded server about 2/n of the requests, least-loaded all of them', () => {
    const n = 8;
    const servers = Array.from({ length: n }, (_, i) => `n${i + 1}`);
    const w = { servers, usableMask: servers.map(() => true), loads: servers.map((_, i) => 10 + i), counts: servers.map(() => 0), cursor: -1 };
    const rng = Prng.fromSeed(3, 'p');
    const picks = (policy: 'two-choices' | 'least-loaded-stale') => Array.from({ length: 8000 }, () => choose(policy, input(w), rng).server).filter((s) => s === 'n1').length / 8000;
    expect(picks('least-loaded-stale')).toBe(1);
    expect(picks('two-choices')).toBeGreaterThan(0.22);
    expect(picks('two-choices')).toBeLessThan(0.28);
  });
});
