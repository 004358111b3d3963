// The caching tour run headlessly, as "Do it for me" would run it: each step's actions are
// injected into a live run and the step must complete on what the engine and the checks report,
// within a bounded stretch of virtual time, over several seeds; no step is done before it began.
import { describe, expect, it } from 'vitest';
import { runTourHeadless, type StepOutcome } from '../../ui/tour/run-tour-headless';
import { defaultScenario } from '../../scenarios/catalog';
import { cachingTour } from './tour';

const STEP_LIMIT_MS = 30_000;

export function runTour(seed: number): StepOutcome[] {
  return runTourHeadless({ scenario: defaultScenario('caching', seed), tour: cachingTour, startMs: 300, stepLimitMs: STEP_LIMIT_MS, tickMs: 100 });
}

describe('caching tour, end to end without a page', () => {
  it.each([1, 2, 3])('every step completes on its own evidence (seed %i)', (seed) => {
    const results = runTour(seed);
    expect(results.filter((r) => r.text === 'NOT DONE'), JSON.stringify(results, null, 1)).toEqual([]);
    expect(results.find((r) => r.step === 'race')!.text).toMatch(/the cache still held \w+=\d+ \(v\d+\) while the database held \w+=\d+ \(v\d+\)/);
    expect(results.find((r) => r.step === 'cache-crash')!.text).toMatch(/^\d+ acknowledged write\(s\) died/);
  }, 120_000);
});
