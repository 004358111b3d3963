// The overload tour run headlessly, as "Do it for me" would run it: each step's actions are
// injected into a live run and the step must complete on the lab's live phase within a bounded
// stretch of virtual time, over several seeds; no step is done before its evidence exists.
import { describe, expect, it } from 'vitest';
import { runTourHeadless, type StepOutcome } from '../../ui/tour/run-tour-headless';
import { defaultScenario } from '../../scenarios/catalog';
import { SimulationService } from '../../worker/simulation-service';
import { overloadTour, overloadViewOf } from './tour';

const STEP_LIMIT_MS = 15_000;

function runTour(seed: number, startMs: number): StepOutcome[] {
  return runTourHeadless({ scenario: defaultScenario('overload', seed), tour: overloadTour, startMs: startMs, stepLimitMs: STEP_LIMIT_MS, tickMs: 250 });
}

describe('overload tour, end to end without a page', () => {
  it.each([
    [1, 0],
    [2, 500],
    [3, 2500],
    [4, 1200],
  ])('every step completes on its own evidence (seed %i, first press at %i ms)', (seed, startMs) => {
    const results = runTour(seed, startMs);
    expect(results.filter((r) => r.text === 'NOT DONE'), JSON.stringify(results, null, 1)).toEqual([]);
    expect(results[0].text).toMatch(/: metastable$/);
    expect(results[1].text).toMatch(/^with backoff and jitter, .*still collapsed$/);
    expect(results[2].text).toMatch(/^with a retry budget of 0.1, .*recovered$/);
    expect(results[4].text).toMatch(/^open breakers failed [1-9]\d* requests/);
  }, 60_000);

  it('the scheduled slowdown alone, with no button pressed, ends in the metastable phase: step 1 is done on arrival', () => {
    const service = new SimulationService();
    const loaded = service.load(defaultScenario('overload', 7), { recordedFrom: 0 });
    if (!loaded.ok) throw new Error('scenario refused');
    expect(overloadViewOf(service.advanceTo(1900))?.live.phase).toBe('starting');
    expect(overloadViewOf(service.advanceTo(3000))?.live.phase).toBe('slowed');
    const late = service.advanceTo(7000);
    expect(overloadViewOf(late)?.live.phase).toBe('metastable');
    expect(overloadTour.steps[0].done(late, late)).toBe(true);
  });

  it('without a trigger the service stays healthy', () => {
    const service = new SimulationService();
    const scenario = defaultScenario('overload', 7);
    scenario.params = { ...scenario.params, triggerForMs: 0 };
    const loaded = service.load(scenario, { recordedFrom: 0 });
    if (!loaded.ok) throw new Error('scenario refused');
    expect(overloadViewOf(service.advanceTo(8000))?.live.phase).toBe('healthy');
  });
});
