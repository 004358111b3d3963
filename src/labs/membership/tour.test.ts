// The membership tour run headlessly, as "Do it for me" would run it: each step's actions are
// injected into a live run and the step must complete on the lab's view within a bounded stretch
// of virtual time, over several seeds; and no step is done before its evidence exists.
import { describe, expect, it } from 'vitest';
import { runTourHeadless, type StepOutcome } from '../../ui/tour/run-tour-headless';
import { defaultScenario } from '../../scenarios/catalog';
import { membershipTour } from './tour';

const STEP_LIMIT_MS = 20_000;

function runTour(seed: number, nodes?: number): StepOutcome[] {
  return runTourHeadless({ scenario: defaultScenario('membership', seed, nodes), tour: membershipTour, startMs: 1000, stepLimitMs: STEP_LIMIT_MS, tickMs: 100 });
}

describe('membership tour, end to end without a page', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])('every step completes on its own evidence (seed %i)', (seed) => {
    const results = runTour(seed);
    expect(results.filter((r) => r.text === 'NOT DONE'), JSON.stringify(results, null, 1)).toEqual([]);
    expect(results[0].text).toMatch(/^n\d+ crashed at [\d.]+ s: first suspected after [\d.]+ periods, declared dead after [\d.]+, and all 15 running members knew/);
    expect(results[2].text).toMatch(/a false positive/);
    expect(results[3].text).toMatch(/was alive and reachable/);
    expect(results[5].text).toMatch(/15 per 300 ms period/);
  }, 60_000);

  it('runs with 64 members too', () => {
    const results = runTour(7, 64);
    expect(results.filter((r) => r.text === 'NOT DONE'), JSON.stringify(results, null, 1)).toEqual([]);
  }, 60_000);
});
