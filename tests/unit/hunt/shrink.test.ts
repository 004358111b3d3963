// Shrinking keeps what matters: the shrunk scenario still violates the same invariant first,
// never has more actions or nodes or a later end, is the same every time, and is locally
// minimal (no single remaining action can go).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstViolation } from '../../../src/hunt/first-violation';
import { huntSeed, plannedScenario } from '../../../src/hunt/hunt';
import { shrink } from '../../../src/hunt/shrink';
import type { RunPlan } from '../../../src/scenarios/headless';
import { validateScenario } from '../../../src/scenarios/validate';

const plan = (seed: number): RunPlan => ({ lab: 'raft', seed, untilMs: 10_000, faults: 'random', params: { bug: 'vote-twice' } });

/** Seed 4 fails late (about 4 s in) after many faults, and keeps a few of them when shrunk. */
const LATE_SEED = 4;

describe('shrink', () => {
  it('keeps the same first violation with no more actions, nodes or time (property, random seeds)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), (seed) => {
        const found = huntSeed(plan(seed));
        if (!found) return;
        const result = shrink(found.scenario, found.invariant);
        expect(validateScenario(result.scenario).ok).toBe(true);
        expect(firstViolation(result.scenario)).toMatchObject({ invariant: found.invariant, timeMs: result.violation.timeMs });
        expect(result.scenario.actions.length).toBeLessThanOrEqual(found.scenario.actions.length);
        expect(result.scenario.nodes).toBeLessThanOrEqual(found.scenario.nodes);
        expect(result.scenario.until!).toBeLessThanOrEqual(found.scenario.until!);
        expect(result.runs).toBeLessThanOrEqual(500);
      }),
      { numRuns: 12, seed: 42 },
    );
  });

  it('shrinks a late failure to a few of its faults, and none of them can go', () => {
    const found = huntSeed(plan(LATE_SEED))!;
    expect(found.invariant).toBe('election-safety');
    const { scenario } = shrink(found.scenario, found.invariant);
    expect(scenario.actions.length).toBeGreaterThan(0);
    expect(scenario.actions.length).toBeLessThan(found.scenario.actions.length / 2);
    scenario.actions.forEach((_, index) => {
      const without = { ...scenario, actions: scenario.actions.filter((__, i) => i !== index) };
      expect(firstViolation(without)?.invariant, `action ${index} could go`).not.toBe(found.invariant);
    });
  });

  it('is deterministic', () => {
    const found = huntSeed(plan(LATE_SEED))!;
    expect(shrink(found.scenario, found.invariant)).toEqual(shrink(structuredClone(found.scenario), found.invariant));
  });

  it('ends the scenario soon after its violation, and drops a lab size that no longer fails', () => {
    const found = huntSeed(plan(3))!;
    const result = shrink(found.scenario, found.invariant, { marginMs: 50 });
    expect(result.scenario.until).toBe(result.violation.timeMs + 50);
    expect(result.scenario.nodes).toBeGreaterThanOrEqual(3);
  });

  it('stays within its budget of runs', () => {
    const found = huntSeed(plan(LATE_SEED))!;
    const result = shrink(found.scenario, found.invariant, { budget: 5 });
    expect(result.runs).toBe(5);
    expect(firstViolation(result.scenario)?.invariant).toBe(found.invariant);
  });

  it('refuses a scenario that does not fail that way', () => {
    const healthy = plannedScenario({ lab: 'raft', seed: 1, untilMs: 2000, faults: 'none' });
    expect(() => shrink(healthy, 'election-safety')).toThrow(/not election-safety/);
  });
});
