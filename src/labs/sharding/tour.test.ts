// The sharding tour run headlessly, as "Do it for me" would run it: each step's actions are
// injected into a live run and the step must complete on the lab's live figures within a bounded
// stretch of virtual time, over several seeds; no step is done before its evidence exists.
import { describe, expect, it } from 'vitest';
import type { Action } from '../../engine/actions';
import type { Frame } from '../../engine/frame';
import { defaultScenario } from '../../scenarios/catalog';
import { SimulationService } from '../../worker/simulation-service';
import { shardingTour } from './tour';

const STEP_LIMIT_MS = 15_000;

function runTour(seed: number, startMs: number): { step: string; tookMs: number; text: string }[] {
  const service = new SimulationService();
  const loaded = service.load(defaultScenario('sharding', seed), { recordedFrom: 0 });
  if (!loaded.ok) throw new Error('scenario refused');
  let frame: Frame = startMs > 0 ? service.advanceTo(startMs) : loaded.frame;
  const results = [];
  for (const step of shardingTour.steps) {
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

describe('sharding tour, end to end without a page', () => {
  it.each([
    [1, 0],
    [2, 700],
    [3, 2600],
  ])('every step completes on its own evidence (seed %i, first press at %i ms)', (seed, startMs) => {
    const results = runTour(seed, startMs);
    expect(results.filter((r) => r.text === 'NOT DONE'), JSON.stringify(results, null, 1)).toEqual([]);
    expect(results[0].text).toMatch(/^under range partitioning \d+ scans touched 1\.\d+ shards each/);
    expect(results[2].text).toMatch(/^salted into 4 \(k\d+ on n\d, k\d+#1 on n\d, .*each hot-key read touched [2-4]\.\d+ shards/);
    expect(results[5].text).toMatch(/^[1-9]\d* keys moved; .* each scan touched [34]\.\d+ shards$/);
  }, 120_000);
});
