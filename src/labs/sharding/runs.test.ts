// Whole runs through the CLI's headless runner: the default run moves keys with no violation and
// no lost request; each broken rule is caught (the invariants for serving early, the verdict for
// refusing instead of redirecting); and the figures the lab teaches come out of the engine.
import { describe, expect, it } from 'vitest';
import { planScenario, runHeadless } from '../../scenarios/headless';
import lab from './lab';

function run(params: Record<string, unknown>, untilMs: number, seed = 1, faults: 'none' | 'random' = 'none') {
  const scenario = planScenario({ lab: 'sharding', seed, untilMs, faults });
  scenario.params = { ...scenario.params, ...params };
  const result = runHeadless(scenario);
  return { result, verdict: lab.verdict!(result.simulation) };
}

describe('sharding runs', () => {
  it('the default run splits and moves a range at 1.5 s: keys move, nothing is lost, no invariant breaks', () => {
    const { result, verdict } = run({}, 4000);
    expect(result.violations).toEqual([]);
    expect(verdict.fields.movedKeys).toBeGreaterThan(0);
    expect(verdict.fields.mapVersion).toBe(2);
    expect(verdict.fields.lostRequests).toBe(0);
    expect(verdict.fields.timedOut).toBe(0);
    expect(verdict.failed).toBe(false);
  });

  it('serving a gained range before its keys arrive is caught by both invariants', () => {
    const { result } = run({ serveEarly: true }, 3000);
    const names = new Set(result.violations.map((v) => v.invariant));
    expect(names.has('one-server-per-key') || names.has('moves-keep-writes')).toBe(true);
  });

  it('refusing misrouted requests loses some of those in flight during moves, and fails the run', () => {
    const lost = [1, 2, 3, 4, 5, 6].map((seed) => run({ misrouted: 'reject' }, 4000, seed).verdict);
    expect(lost.some((v) => Number(v.fields.lostRequests) > 0 && v.failed)).toBe(true);
    const redirected = [1, 2, 3, 4, 5, 6].map((seed) => run({}, 4000, seed).verdict);
    expect(redirected.every((v) => v.fields.lostRequests === 0)).toBe(true);
  });

  it('scans touch about one shard under range partitioning and every shard under hash partitioning', () => {
    const range = run({ scanShare: 30, rebalanceAtMs: 0 }, 4000).verdict.fields;
    const hash = run({ scanShare: 30, rebalanceAtMs: 0, scheme: 'hash' }, 4000).verdict.fields;
    expect(Number(range.shardsPerScan)).toBeLessThan(1.5);
    expect(hash.shardsPerScan).toBe(4);
  });

  it('sequential inserts overload the last range under range partitioning, not under hash partitioning', () => {
    const range = run({ pattern: 'sequential', rebalanceAtMs: 0 }, 6000).verdict.fields;
    const hash = run({ pattern: 'sequential', rebalanceAtMs: 0, scheme: 'hash' }, 6000).verdict.fields;
    expect(Number(range.maxOverMeanLoad)).toBeGreaterThan(1.8);
    expect(Number(hash.maxOverMeanLoad)).toBeLessThan(1.5);
  });

  it('a hot key overloads one shard whatever the scheme; salting spreads it and makes reads fan out', () => {
    for (const scheme of ['range', 'hash']) {
      expect(Number(run({ hotShare: 50, rebalanceAtMs: 0, scheme }, 6000).verdict.fields.maxOverMeanLoad)).toBeGreaterThan(1.8);
    }
    const salted = run({ hotShare: 50, salt: 4, rebalanceAtMs: 0 }, 6000).verdict.fields;
    expect(Number(salted.maxOverMeanLoad)).toBeLessThan(1.3);
    expect(Number(salted.hotReadShards)).toBeGreaterThan(3.5);
  });

  it('random shard faults during a move break no invariant (a few seeds; the conformance swarm runs hundreds)', () => {
    for (const seed of [1, 2, 3]) expect(run({}, 4000, seed, 'random').result.violations).toEqual([]);
  });
});
