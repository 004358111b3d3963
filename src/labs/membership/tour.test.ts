// The membership tour run headlessly, as "Do it for me" would run it: each step's actions are
// injected into a live run and the step must complete on the lab's view within a bounded stretch
// of virtual time, over several seeds; and no step is done before its evidence exists.
import { describe, expect, it } from 'vitest';
import type { Action } from '../../engine/actions';
import type { Frame } from '../../engine/frame';
import { defaultScenario } from '../../scenarios/catalog';
import { SimulationService } from '../../worker/simulation-service';
import { membershipTour } from './tour';

const STEP_LIMIT_MS = 20_000;

function runTour(seed: number, nodes?: number): { step: string; tookMs: number; text: string }[] {
  const service = new SimulationService();
  const loaded = service.load(defaultScenario('membership', seed, nodes), { recordedFrom: 0 });
  if (!loaded.ok) throw new Error('scenario refused');
  let frame: Frame = service.advanceTo(1000);
  const results = [];
  for (const step of membershipTour.steps) {
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
