// The messaging tour run headlessly, as "Do it for me" would run it: each step's actions are
// injected into a live run and the step must complete on the checkers' findings within a bounded
// stretch of virtual time, over several seeds; no step is done before its evidence exists.
import { describe, expect, it } from 'vitest';
import type { Action } from '../../engine/actions';
import type { Frame } from '../../engine/frame';
import { defaultScenario } from '../../scenarios/catalog';
import { SimulationService } from '../../worker/simulation-service';
import { messagingTour } from './tour';

const STEP_LIMIT_MS = 20_000;

function runTour(seed: number): { step: string; tookMs: number; text: string }[] {
  const service = new SimulationService();
  const loaded = service.load(defaultScenario('messaging', seed), { recordedFrom: 0 });
  if (!loaded.ok) throw new Error('scenario refused');
  let frame: Frame = service.advanceTo(1000);
  const results = [];
  for (const step of messagingTour.steps) {
    const start = frame;
    expect(step.done(start, start), `${step.id} done before it began (seed ${seed})`).toBe(false);
    for (const action of step.doIt!.actions(frame)) {
      const injected = service.inject(action as Action);
      if (!injected.ok) throw new Error(`${step.id}: ${injected.error}`);
      frame = injected.frame;
    }
    while (!step.done(frame, start) && frame.timeMs - start.timeMs < STEP_LIMIT_MS) frame = service.advanceTo(frame.timeMs + 100);
    results.push({ step: step.id, tookMs: frame.timeMs - start.timeMs, text: step.done(frame, start) ? step.doneText(frame, start) : 'NOT DONE' });
    frame = service.advanceTo(frame.timeMs + 200);
  }
  return results;
}

describe('messaging tour, end to end without a page', () => {
  it.each([1, 2, 3, 4])('every step completes on its own evidence (seed %i)', (seed) => {
    const results = runTour(seed);
    expect(results.filter((r) => r.text === 'NOT DONE'), JSON.stringify(results, null, 1)).toEqual([]);
    expect(results.find((r) => r.step === 'redelivery')!.text).toMatch(/effect applied [2-9] times/);
    expect(results.find((r) => r.step === 'commit-before')!.text).toMatch(/lost$/);
    const full = Number(/(\d+) events replayed/.exec(results.find((r) => r.step === 'replay')!.text)![1]);
    const short = Number(/(\d+) events replayed/.exec(results.find((r) => r.step === 'snapshot-replay')!.text)![1]);
    expect(short).toBeLessThan(full);
  }, 60_000);
});
