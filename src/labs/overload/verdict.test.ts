// The CLI's goodput figures (`cli run overload`): with aggressive retries the service is still
// collapsed in the last seconds of a 10 s run; with backoff, jitter and a retry budget it has
// recovered. And the broken rule is caught by the invariant, while the kept rule is not.
import { describe, expect, it } from 'vitest';
import { planScenario, runHeadless } from '../../scenarios/headless';
import { overloadVerdict } from './verdict';

type Goodput = { before: number; during: number; after: number };

function run(seed: number, params: Record<string, unknown> = {}) {
  const result = runHeadless(planScenario({ lab: 'overload', seed, untilMs: 10_000, faults: 'none', params }));
  return { ...overloadVerdict(result.simulation), violations: result.violations };
}

describe('overload verdict', () => {
  it.each([1, 2, 3, 4, 5])('seed %i: aggressive retries stay collapsed after the trigger; backoff + jitter + a budget of 0.1 recovers', (seed) => {
    const aggressive = run(seed);
    const goodput = aggressive.fields.goodput as Goodput;
    expect(goodput.before).toBeGreaterThan(0.7);
    expect(goodput.during).toBeLessThan(0.3);
    expect(goodput.after).toBeLessThan(0.2);
    expect(aggressive.fields.wastedWork).toBeGreaterThan(300);
    expect(aggressive.failed).toBe(false);

    const fixed = run(seed, { retry: 'backoff-jitter', budget: 0.1 });
    expect((fixed.fields.goodput as Goodput).after).toBeGreaterThanOrEqual(0.75);
    expect(fixed.fields.retries as number).toBeLessThan((aggressive.fields.retries as number) / 2);
  });

  it('names its windows and the settings in force', () => {
    const { fields } = run(1, { retry: 'none' });
    expect(fields).toMatchObject({ retry: 'none', budget: 'off', shedding: 'none', capacity: 100, windows: { before: [1, 2], during: [2, 4], after: [7, 10] } });
  });

  it('deadline shedding checked at dequeue keeps the invariant; checked on arrival only, it breaks', () => {
    expect(run(1, { shed: 'deadline' }).violations).toEqual([]);
    const broken = run(1, { shed: 'deadline-on-arrival' }).violations;
    expect(broken.map((v) => v.invariant)).toEqual(['deadline-respected']);
    expect(broken[0].message).toMatch(/^n\d began c\d-\d+ \(attempt \d\) at \d+ ms on its clock, \d+ ms after it arrived; it finishes at \d+ ms, \d+ ms after its deadline$/);
  });
});
