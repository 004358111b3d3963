// The breaker tour run headlessly, as "Do it for me" would run it: each step's actions are
// injected into a live run, and the step must complete on what the engine then reports within a
// bounded stretch of virtual time, over several seeds; and no step is done before it began.
import { describe, expect, it } from 'vitest';
import type { Action } from '../../engine/actions';
import type { Frame } from '../../engine/frame';
import { defaultScenario } from '../../scenarios/catalog';
import { SimulationService } from '../../worker/simulation-service';
import { breakerTour } from './tour';

const STEP_LIMIT_MS = 15_000;

function runTour(seed: number, startMs: number): { step: string; tookMs: number; text: string }[] {
  const service = new SimulationService();
  const loaded = service.load(defaultScenario('breaker', seed), { recordedFrom: 0 });
  if (!loaded.ok) throw new Error('scenario refused');
  let frame: Frame = service.advanceTo(startMs);
  const results = [];
  for (const step of breakerTour.steps) {
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

describe('breaker tour, end to end without a page', () => {
  it.each([[1, 0], [2, 500], [3, 1500], [4, 3000], [5, 7000]])('every step completes on its own evidence (seed %i, from %i ms)', (seed, startMs) => {
    const results = runTour(seed, startMs);
    expect(results.filter((r) => r.text === 'NOT DONE'), JSON.stringify(results, null, 1)).toEqual([]);
    expect(results.find((r) => r.step === 'shared-pool')!.text).toMatch(/^\d+ calls to healthy A were refused a slot/);
    expect(results.find((r) => r.step === 'breaker-opens')!.text).toMatch(/B’s breaker opened \((failure|slow-call) rate \d+% ≥ 50%/);
    expect(results.find((r) => r.step === 'half-open')!.text).toContain('trial calls: failure rate 100% ≥ 50%');
    expect(results.find((r) => r.step === 'recovers')!.text).toContain('trial calls: failure rate 0% < 50%');
    expect(results.find((r) => r.step === 'long-timeout')!.text).toMatch(/p99 (1[5-9]|2\d)\d\d ms/);
    for (const r of results) expect(r.tookMs, `${r.step} took ${r.tookMs} ms of virtual time`).toBeLessThan(6000);
  }, 60_000);
});
