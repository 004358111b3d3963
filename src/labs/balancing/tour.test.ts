// The balancing tour run headlessly, as "Do it for me" would run it: each step's actions are
// injected into a live run and the step must complete on what the engine and the lab's view then
// report, within a bounded stretch of virtual time, over several seeds. And a step is not done
// before its evidence exists.
import { describe, expect, it } from 'vitest';
import { runTourHeadless, type StepOutcome } from '../../ui/tour/run-tour-headless';
import { defaultScenario } from '../../scenarios/catalog';
import { balancingTour } from './tour';

const STEP_LIMIT_MS = 30_000;

function runTour(seed: number): StepOutcome[] {
  return runTourHeadless({ scenario: defaultScenario('balancing', seed), tour: balancingTour, startMs: 500, stepLimitMs: STEP_LIMIT_MS, tickMs: 250 });
}

describe('balancing tour, end to end without a page', () => {
  it.each([1, 2, 3])('every step completes on its own evidence (seed %i)', (seed) => {
    const results = runTour(seed);
    expect(results.filter((r) => r.text === 'NOT DONE'), JSON.stringify(results, null, 1)).toEqual([]);
    expect(results.find((r) => r.step === 'stale-herd')!.text).toMatch(/^in second \d+, n\d+ got \d+% of all \d+ requests/);
    expect(results.find((r) => r.step === 'crash')!.text).toMatch(/requests sent to it before were lost$/);
    expect(results.find((r) => r.step === 'shallow')!.text).toMatch(/longer than its health checks promise/);
  }, 60_000);
});
