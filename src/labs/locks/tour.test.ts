// The locks tour run headlessly, as "Do it for me" would run it: each step's actions are injected
// into a live run (at a moment a client is at work, as the e2e test presses it) and the step must
// complete on what the storage's ledger and the mutex checker then report, within a bounded
// stretch of virtual time, over several seeds. And no step is done before its evidence exists.
import { describe, expect, it } from 'vitest';
import type { Action } from '../../engine/actions';
import type { Frame } from '../../engine/frame';
import { defaultScenario } from '../../scenarios/catalog';
import { SimulationService } from '../../worker/simulation-service';
import { locksTour, locksView } from './tour';

const STEP_LIMIT_MS = 8000;

function runTour(seed: number): { step: string; tookMs: number; text: string }[] {
  const service = new SimulationService();
  const loaded = service.load(defaultScenario('locks', seed), { recordedFrom: 0 });
  if (!loaded.ok) throw new Error('scenario refused');
  let frame: Frame = service.advanceTo(300);
  const results = [];
  for (const step of locksTour.steps) {
    // Press at a moment a client is at work, as a person watching the stage would.
    while (locksView(frame)?.working === null) frame = service.advanceTo(frame.timeMs + 5);
    const start = frame;
    expect(step.done(start, start), `${step.id} done before it began (seed ${seed})`).toBe(false);
    for (const action of step.doIt!.actions(frame)) {
      const injected = service.inject(action as Action);
      if (!injected.ok) throw new Error(`${step.id}: ${injected.error}`);
      frame = injected.frame;
    }
    while (!step.done(frame, start) && frame.timeMs - start.timeMs < STEP_LIMIT_MS) frame = service.advanceTo(frame.timeMs + 50);
    results.push({ step: step.id, tookMs: frame.timeMs - start.timeMs, text: step.done(frame, start) ? step.doneText(frame, start) : 'NOT DONE' });
  }
  return results;
}

describe('locks tour, end to end without a page', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('every step completes on its own evidence (seed %i)', (seed) => {
    const results = runTour(seed);
    if (process.env.SHOW_TOUR) console.log(JSON.stringify(results, null, 1));
    expect(results.filter((r) => r.text === 'NOT DONE'), JSON.stringify(results, null, 1)).toEqual([]);
    expect(results[0].text).toMatch(/^the storage took c\d's write of \d+ \(token \d+\) after c\d's section \(token \d+\) had begun/);
    expect(results[1].text).toMatch(/^the storage rejected c\d's (read|write) with token \d+: it had already seen token \d+/);
    expect(results[5].text).toMatch(/the mutex checker found the lock service linearizable over \d+ grants and releases$/);
  }, 60_000);
});
