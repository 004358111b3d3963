// The balancing tour run headlessly, as "Do it for me" would run it: each step's actions are
// injected into a live run and the step must complete on what the engine and the lab's view then
// report, within a bounded stretch of virtual time, over several seeds. And a step is not done
// before its evidence exists.
import { describe, expect, it } from 'vitest';
import type { Action } from '../../engine/actions';
import type { Frame } from '../../engine/frame';
import { defaultScenario } from '../../scenarios/catalog';
import { SimulationService } from '../../worker/simulation-service';
import { balancingTour } from './tour';

const STEP_LIMIT_MS = 30_000;

function runTour(seed: number): { step: string; tookMs: number; text: string }[] {
  const service = new SimulationService();
  const loaded = service.load(defaultScenario('balancing', seed), { recordedFrom: 0 });
  if (!loaded.ok) throw new Error('scenario refused');
  let frame: Frame = service.advanceTo(500);
  const results = [];
  for (const step of balancingTour.steps) {
    const start = frame;
    expect(step.done(start, start), `${step.id} done before it began (seed ${seed})`).toBe(false);
    for (const action of step.doIt!.actions(frame)) {
      const injected = service.inject(action as Action);
      if (!injected.ok) throw new Error(`${step.id}: ${injected.error}`);
      frame = injected.frame;
    }
    while (!step.done(frame, start) && frame.timeMs - start.timeMs < STEP_LIMIT_MS) frame = service.advanceTo(frame.timeMs + 250);
    results.push({ step: step.id, tookMs: frame.timeMs - start.timeMs, text: step.done(frame, start) ? step.doneText(frame, start) : 'NOT DONE' });
  }
  return results;
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
