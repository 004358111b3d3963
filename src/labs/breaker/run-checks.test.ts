// The breaker lab's run checks as a bug hunt uses them: a shared pool (no bulkheads) is caught
// refusing a call because of the other dependency, the defaults never are, and the finding is
// dated at the very event the lab's own count (verdict and side panel) first sees.
import { describe, expect, it } from 'vitest';
import { firstViolation } from '../../hunt/first-violation';
import { huntAndShrink, plannedScenario } from '../../hunt/hunt';
import { createSimulation } from '../../scenarios/headless';
import type { Scenario } from '../../scenarios/scenario';
import { labById } from '../registry';
import { summarize } from './checks';
import { breakerRunChecks, STARVED_BY_OTHER } from './run-checks';
import { breakerVerdict } from './verdict';

const scenarioOf = (seed: number, params: Record<string, unknown> = {}) =>
  plannedScenario({ lab: 'breaker', seed, untilMs: 10_000, faults: 'random', params });

/** The lab's own counts at `timeMs`: the verdict's (what `cli run` prints) and the side panel's. */
function countsAt(scenario: Scenario, timeMs: number): { verdict: number; panel: number } {
  const sim = createSimulation(scenario);
  sim.runUntil(timeMs, Infinity, false);
  return { verdict: breakerVerdict(sim).fields.healthyFailures as number, panel: summarize(sim).healthyFailures };
}

describe('breaker run checks', () => {
  it('are the lab’s run checks', () => {
    expect(labById('breaker').runChecks).toBe(breakerRunChecks);
    expect(breakerRunChecks.checks.map((c) => c.name)).toEqual([STARVED_BY_OTHER]);
  });

  it('catch a shared pool refusing a call because of the other dependency (no-bulkhead)', () => {
    const found = [1, 2, 3, 4, 5].map((seed) => firstViolation(scenarioOf(seed, { bulkheads: false })));
    expect(found.filter((v) => v?.invariant === STARVED_BY_OTHER).length).toBeGreaterThan(0);
    for (const v of found) if (v) expect(v.message).toMatch(/^At \d+\.\d{3} s a call to [AB] found no free slot: [AB]'s calls held \d+ of the 10 shared slots$/);
  });

  it('find nothing with the default bulkheads, faults or not', () => {
    for (let seed = 1; seed <= 30; seed++) expect(firstViolation(scenarioOf(seed)), `seed ${seed}`).toBeNull();
    // The breaker off alone does not share the pool either.
    for (let seed = 1; seed <= 5; seed++) expect(firstViolation(scenarioOf(seed, { breaker: false })), `seed ${seed}, breaker off`).toBeNull();
  });

  it('date the finding at the refusal the lab counts first', () => {
    for (const seed of [1, 4, 13]) {
      const scenario = scenarioOf(seed, { bulkheads: false });
      const found = firstViolation(scenario);
      expect(found, `seed ${seed}`).not.toBeNull();
      expect(countsAt(scenario, found!.timeMs - 1), `seed ${seed} before`).toEqual({ verdict: 0, panel: 0 });
      const at = countsAt(scenario, found!.timeMs);
      expect(at.verdict, `seed ${seed} at`).toBeGreaterThan(0);
      expect(at.panel).toBe(at.verdict);
    }
  });

  it('date the shrunk scenario’s finding right too (the share link opens 1 ms before it)', () => {
    const outcome = huntAndShrink({ lab: 'breaker', seed: 1, untilMs: 10_000, faults: 'random', params: { bulkheads: false } }, { shrink: true, budget: 60 });
    expect(outcome?.invariant).toBe(STARVED_BY_OTHER);
    const timeMs = outcome!.timeMs.after;
    expect(countsAt(outcome!.shrunk, timeMs - 1).verdict).toBe(0);
    expect(countsAt(outcome!.shrunk, timeMs).verdict).toBeGreaterThan(0);
  });

  it('only read the run, and fall back to the look’s span when the log no longer holds the first refusal', () => {
    const sim = createSimulation(scenarioOf(2, { bulkheads: false }));
    sim.runUntil(3000, Infinity, false);
    const events = sim.world.eventCount;
    const first = breakerRunChecks.find(sim, 2950);
    expect(first).toHaveLength(1);
    expect(first[0].timeMs).toBeLessThan(2950);
    expect(breakerRunChecks.find(sim, 2950)).toEqual(first);
    expect(sim.world.eventCount).toBe(events);
    sim.world.trace.notable = sim.world.trace.notable.filter((event) => event.tag !== 'healthy-failure' || event.timeMs > first[0].timeMs);
    const dated = breakerRunChecks.find(sim, 2950);
    expect(dated).toEqual([{ check: STARVED_BY_OTHER, message: expect.stringContaining('between 2.950 s and 3.000 s'), timeMs: 2951 }]);
  });
});
