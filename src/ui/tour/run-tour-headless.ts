// A tour run without a page, as "Do it for me" would run it (for the labs' tour tests): each
// step's actions are injected into a live run, which then advances in ticks until the step is
// done or its time is up. A step already done before it began fails the test.
import { expect } from 'vitest';
import type { Action } from '../../engine/actions';
import type { Frame } from '../../engine/frame';
import type { Scenario } from '../../scenarios/scenario';
import { SimulationService } from '../../worker/simulation-service';
import type { Tour } from './types';

export interface HeadlessTourRun {
  scenario: Scenario;
  tour: Tour;
  /** When the first step's button is pressed. */
  startMs?: number;
  /** Virtual time a step may take before it counts as not done. */
  stepLimitMs: number;
  /** Virtual time per advance while waiting for a step. */
  tickMs: number;
}

export interface StepOutcome {
  step: string;
  tookMs: number;
  /** The step's doneText, or 'NOT DONE'. */
  text: string;
}

export function runTourHeadless({ scenario, tour, startMs = 0, stepLimitMs, tickMs }: HeadlessTourRun): StepOutcome[] {
  const service = new SimulationService();
  const loaded = service.load(scenario, { recordedFrom: 0 });
  if (!loaded.ok) throw new Error('scenario refused');
  let frame: Frame = startMs > 0 ? service.advanceTo(startMs) : loaded.frame;
  const results: StepOutcome[] = [];
  for (const step of tour.steps) {
    const start = frame;
    expect(step.done(start, start), `${step.id} done before it began (seed ${scenario.seed})`).toBe(false);
    for (const action of step.doIt!.actions(frame)) {
      const injected = service.inject(action as Action);
      if (!injected.ok) throw new Error(`${step.id}: ${injected.error}`);
      frame = injected.frame;
    }
    while (!step.done(frame, start) && frame.timeMs - start.timeMs < stepLimitMs) frame = service.advanceTo(frame.timeMs + tickMs);
    results.push({ step: step.id, tookMs: frame.timeMs - start.timeMs, text: step.done(frame, start) ? step.doneText(frame, start) : 'NOT DONE' });
  }
  return results;
}
