// The breaker tour run headlessly, as "Do it for me" would run it: each step's actions are
// injected into a live run, and the step must complete on what the engine then reports within a
// bounded stretch of virtual time, over several seeds; and no step is done before it began.
import { describe, expect, it } from 'vitest';
import { runTourHeadless, type StepOutcome } from '../../ui/tour/run-tour-headless';
import { defaultScenario } from '../../scenarios/catalog';
import { breakerTour } from './tour';

const STEP_LIMIT_MS = 15_000;

function runTour(seed: number, startMs: number): StepOutcome[] {
  return runTourHeadless({ scenario: defaultScenario('breaker', seed), tour: breakerTour, startMs: startMs, stepLimitMs: STEP_LIMIT_MS, tickMs: 100 });
}

describe('breaker tour, end to end without a page', () => {
  it.each([[1, 0], [2, 500], [3, 1500], [4, 3000], [5, 7000]])('every step completes on its own evidence (seed %i, from %i ms)', (seed, startMs) => {
    const results = runTour(seed, startMs);
    expect(results.filter((r) => r.text === 'NOT DONE'), JSON.stringify(results, null, 1)).toEqual([]);
    expect(results.find((r) => r.step === 'shared-pool')!.text).toMatch(/^\d+ calls to healthy A were refused a slot/);
    expect(results.find((r) => r.step === 'breaker-opens')!.text).toMatch(/B’s breaker opened \((failure|slow-call) rate \d+% ≥ 50%/);
    expect(results.find((r) => r.step === 'half-open')!.text).toContain('trial calls: failure rate 100% ≥ 50%');
    expect(results.find((r) => r.step === 'recovers')!.text).toContain('trial calls: failure rate 0% < 50%');
    expect(results.find((r) => r.step === 'long-timeout')!.text).toMatch(/p99 (1[5-9]|2\d)\d\d ms/);
    for (const r of results) expect(r.tookMs, `${r.step} took ${r.tookMs} ms of virtual time`).toBeLessThan(6000);
  }, 60_000);
});
