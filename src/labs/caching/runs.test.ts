// Whole runs under random faults, judged by the lab's verdict: without leases the cache-aside
// race leaves keys stale past quiescence in some seeds, with leases in none; coalescing lowers
// the origin's peak; write-behind loses acknowledged writes when the cache crashes; and the broken
// rule (delete before the database write) fails a run even with leases on.
import { describe, expect, it } from 'vitest';
import { planScenario, runHeadless } from '../../scenarios/headless';
import lab from './lab';

function verdicts(params: Record<string, unknown>, seeds: number, untilMs = 6000, faults: 'random' | 'none' = 'random') {
  return Array.from({ length: seeds }, (_, i) => {
    const run = runHeadless(planScenario({ lab: 'caching', seed: i + 1, untilMs, faults, params }));
    expect(run.violations).toEqual([]);
    return lab.verdict!(run.simulation);
  });
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('caching runs', () => {
  it('the race leaves keys stale past quiescence without leases, never with them', () => {
    const without = verdicts({ leases: false, slowFillPercent: 40 }, 20);
    const withLeases = verdicts({ leases: true, slowFillPercent: 40 }, 20);
    expect(without.filter((v) => (v.fields.staleForeverKeys as number) > 0).length).toBeGreaterThan(0);
    expect(withLeases.map((v) => v.fields.staleForeverKeys)).toEqual(withLeases.map(() => 0));
    expect(withLeases.some((v) => v.failed)).toBe(false);
    expect(sum(withLeases.map((v) => v.fields.refusedFills as number))).toBeGreaterThan(0);
  }, 60_000);

  it('versioned sets stop the race too', () => {
    const runs = verdicts({ versioned: true, slowFillPercent: 40 }, 15);
    expect(runs.map((v) => v.fields.staleForeverKeys)).toEqual(runs.map(() => 0));
  }, 60_000);

  it('coalescing lowers the origin’s peak when a hot key expires', () => {
    const plain = verdicts({ ttlMs: 1000, invalidation: 'none' }, 8, 6000, 'none');
    const coalesced = verdicts({ ttlMs: 1000, invalidation: 'none', coalescing: true }, 8, 6000, 'none');
    expect(sum(coalesced.map((v) => v.fields.originPeakPerS as number))).toBeLessThan(sum(plain.map((v) => v.fields.originPeakPerS as number)));
  }, 60_000);

  it('TTL-only invalidation serves stale reads the session checkers catch', () => {
    const runs = verdicts({ invalidation: 'none', ttlMs: 3000 }, 3, 6000, 'none');
    expect(sum(runs.map((v) => v.fields.staleReads as number))).toBeGreaterThan(0);
    expect(sum(runs.map((v) => v.fields.readYourWrites as number))).toBeGreaterThan(0);
    expect(Math.max(...runs.map((v) => v.fields.maxStaleMs as number))).toBeLessThan(3000 + 1000);
  }, 60_000);

  it('write-behind loses acknowledged writes in a cache crash; write-through does not', () => {
    const crash = (strategy: string) => {
      const scenario = planScenario({ lab: 'caching', seed: 3, untilMs: 4000, faults: 'none', params: { strategy } });
      scenario.actions = [{ at: 1500, do: 'crash', node: 'cache1' }, { at: 2000, do: 'restart', node: 'cache1' }];
      return lab.verdict!(runHeadless(scenario).simulation).fields.lostWrites as number;
    };
    expect(crash('write-behind')).toBeGreaterThan(0);
    expect(crash('write-through')).toBe(0);
  }, 60_000);

  it('deleting before the database write fails a run even with leases on', () => {
    const runs = verdicts({ invalidation: 'delete-first', leases: true }, 10, 6000, 'none');
    expect(runs.some((v) => v.failed && (v.fields.staleForeverKeys as number) > 0)).toBe(true);
  }, 60_000);
});
