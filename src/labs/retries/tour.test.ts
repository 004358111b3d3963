// The retries tour run headlessly, as "Do it for me" would run it: each step's actions are
// injected into a live run, and the step must complete on what the engine then reports within a
// bounded stretch of virtual time, over several seeds; no step is done before its evidence exists.
import { describe, expect, it } from 'vitest';
import { runTourHeadless, type StepOutcome } from '../../ui/tour/run-tour-headless';
import { defaultScenario } from '../../scenarios/catalog';
import { retriesTour } from './tour';

const STEP_LIMIT_MS = 30_000;

function runTour(seed: number): StepOutcome[] {
  return runTourHeadless({ scenario: defaultScenario('retries', seed), tour: retriesTour, startMs: 300, stepLimitMs: STEP_LIMIT_MS, tickMs: 100 });
}

describe('retries tour, end to end without a page', () => {
  it.each([1, 2, 3])('every step completes on its own evidence (seed %i)', (seed) => {
    const results = runTour(seed);
    expect(results.filter((r) => r.text === 'NOT DONE'), JSON.stringify(results, null, 1)).toEqual([]);
    expect(results.find((r) => r.step === 'herd')!.text).toMatch(/^with immediate, 10 orders took \d+ conditional writes/);
    expect(results.find((r) => r.step === 'lost-reply')!.text).toMatch(/^c\d+#\d+ was charged 2 times/);
    expect(results.find((r) => r.step === 'deadline')!.text).toMatch(/refused \d+ writes/);
  }, 60_000);
});
