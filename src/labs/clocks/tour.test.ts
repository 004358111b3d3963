// The clocks tour run headless on the worker's service: each step's "Do it for me" is injected and
// the run advanced until the step's completion holds on the lab's frame data, as the page would.
import { describe, expect, it } from 'vitest';
import type { Action } from '../../engine/actions';
import type { Frame } from '../../engine/frame';
import { defaultScenario } from '../../scenarios/catalog';
import { SimulationService } from '../../worker/simulation-service';
import { clocksTour } from './tour';

function runTour(seed: number): string[] {
  const service = new SimulationService();
  const loaded = service.load({ ...defaultScenario('clocks', seed), until: 60_000 });
  if (!loaded.ok) throw new Error('load failed');
  let frame: Frame = service.advanceTo(200);
  const texts: string[] = [];
  for (const step of clocksTour.steps) {
    const start = frame;
    for (const action of step.doIt?.actions(frame) ?? []) {
      const result = service.inject(action as Action);
      if (!result.ok) throw new Error(`${step.id}: inject failed: ${result.error}`);
      frame = result.frame;
    }
    for (let i = 0; i < 100 && !step.done(frame, start); i++) frame = service.advanceTo(frame.timeMs + 100);
    expect(step.done(frame, start), `${step.id} not done by ${frame.timeMs} ms`).toBe(true);
    texts.push(step.doneText(frame, start));
  }
  return texts;
}

describe('clocks tour, headless', () => {
  it.each([1, 2, 3])('every step completes after its "Do it for me" (seed %i)', (seed) => {
    const texts = runTour(seed);
    expect(texts[0]).toMatch(/Lamport max\(\d+, \d+\) \+ 1 = \d+/);
    expect(texts[1]).toMatch(/concurrent .* yet Lamport says \d+ < \d+/);
    expect(texts[2]).toMatch(/the later event has the smaller physical timestamp/);
    expect(texts[3]).toMatch(/happened before it/);
    expect(texts[4]).toMatch(/no causally later write lost/);
  });

  it('a step is not done on the frame it started from', () => {
    const service = new SimulationService();
    service.load({ ...defaultScenario('clocks', 1), params: { ...defaultScenario('clocks', 1).params, intervalMs: [0, 0] } });
    const frame = service.advanceTo(1000);
    for (const step of clocksTour.steps) expect(step.done(frame, frame), step.id).toBe(false);
  });
});
