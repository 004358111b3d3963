// The caching tour run headlessly, as "Do it for me" would run it: each step's actions are
// injected into a live run and the step must complete on what the engine and the checks report,
// within a bounded stretch of virtual time, over several seeds; no step is done before it began.
import { describe, expect, it } from 'vitest';
import type { Action } from '../../engine/actions';
import type { Frame } from '../../engine/frame';
import { defaultScenario } from '../../scenarios/catalog';
import { SimulationService } from '../../worker/simulation-service';
import { cachingTour } from './tour';

const STEP_LIMIT_MS = 30_000;

export function runTour(seed: number): { step: string; tookMs: number; text: string }[] {
  const service = new SimulationService();
  const loaded = service.load(defaultScenario('caching', seed), { recordedFrom: 0 });
  if (!loaded.ok) throw new Error('scenario refused');
  let frame: Frame = service.advanceTo(300);
  const results = [];
  for (const step of cachingTour.steps) {
    const start = frame;
    expect(step.done(start, start), `${step.id} done before it began (seed ${seed})`).toBe(false);
    for (const action of step.doIt!.actions(frame)) {
      const injected = service.inject(action as Action);
      if (!injected.ok) throw new Error(`${step.id}: ${injected.error}`);
      frame = injected.frame;
    }
    while (!step.done(frame, start) && frame.timeMs - start.timeMs < STEP_LIMIT_MS) frame = service.advanceTo(frame.timeMs + 100);
    results.push({ step: step.id, tookMs: frame.timeMs - start.timeMs, text: step.done(frame, start) ? step.doneText(frame, start) : 'NOT DONE' });
  }
  return results;
}

describe('caching tour, end to end without a page', () => {
  it.each([1, 2, 3])('every step completes on its own evidence (seed %i)', (seed) => {
    const results = runTour(seed);
    expect(results.filter((r) => r.text === 'NOT DONE'), JSON.stringify(results, null, 1)).toEqual([]);
    expect(results.find((r) => r.step === 'race')!.text).toMatch(/the cache still held \w+=\d+ \(v\d+\) while the database held \w+=\d+ \(v\d+\)/);
    expect(results.find((r) => r.step === 'cache-crash')!.text).toMatch(/^\d+ acknowledged write\(s\) died/);
  }, 120_000);
});
