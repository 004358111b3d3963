// The replication tour, run for real: each step's "Do it for me" is injected into a live session
// and the session advanced until the step's completion holds on the frame — as the page does.
// And completion conditions that must not hold early, on the real frames.
import { describe, expect, it } from 'vitest';
import type { Frame } from '../../engine/frame';
import { defaultScenario } from '../../scenarios/catalog';
import { SimulationService } from '../../worker/simulation-service';
import { replicationTour } from './tour';
import { replicationView } from './ui/replication-view';

/** Advances in 100 ms frames until `done`, at most `limitMs`; returns the frame it held on. */
function advanceUntil(service: SimulationService, done: (frame: Frame) => boolean, limitMs: number): Frame | null {
  let frame = service.frame();
  const end = frame.timeMs + limitMs;
  while (frame.timeMs < end) {
    frame = service.advanceTo(frame.timeMs + 100);
    if (done(frame)) return frame;
  }
  return null;
}

describe('replication tour', () => {
  it('has six steps, each with narration, a task, a "Do it" and an honest note', () => {
    expect(replicationTour.steps.map((s) => s.id)).toEqual(['async-loses-a-write', 'semi-sync-keeps-it', 'follower-reads', 'sync-stalls', 'split-brain', 'fencing-stops-it']);
    for (const step of replicationTour.steps) expect([step.narration, step.task, step.note, step.doIt?.label].every(Boolean)).toBe(true);
  });

  // Half the runs press the first "Do it" at once, as a visitor does on a fresh page.
  it.each([[1, 0, 0], [2, 1500, 900], [3, 0, 1500], [4, 1500, 0], [5, 0, 900], [6, 1500, 1500], [7, 0, 0], [8, 1500, 900]])('completes every step with "Do it for me" on seed %i (first press at %i ms, each %i ms after the step begins), and no step is done before its action', (seed, firstPressMs, pressDelayMs) => {
    const service = new SimulationService();
    const loaded = service.load({ ...defaultScenario('replication', seed), until: undefined });
    expect(loaded.ok).toBe(true);
    service.advanceTo(firstPressMs);
    const texts: string[] = [];
    for (const step of replicationTour.steps) {
      const start = service.frame();
      expect(step.done(start, start) || step.done(advanceUntil(service, () => true, 100)!, start), `${step.id} done before its action`).toBe(false);
      // The page's step begins at "Next"; the visitor presses "Do it" a little later, while it plays.
      const begun = service.frame();
      const pressed = service.advanceTo(begun.timeMs + pressDelayMs);
      for (const action of step.doIt!.actions(pressed)) expect(service.inject(action as never).ok).toBe(true);
      const done = advanceUntil(service, (frame) => step.done(frame, begun), 20_000);
      expect(done, `${step.id} never completed`).not.toBeNull();
      texts.push(step.doneText(done!, begun));
    }
    expect(texts[0]).toContain('acknowledged, then lost');
    expect(texts[2]).toMatch(/read-your-writes|monotonic-reads/);
    expect(replicationView(service.frame())?.fencing).toBe(true);
  });
});
