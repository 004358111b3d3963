// The sharding tour run headlessly, as "Do it for me" would run it: each step's actions are
// injected into a live run and the step must complete on the lab's live figures within a bounded
// stretch of virtual time, over several seeds; no step is done before its evidence exists.
import { describe, expect, it } from 'vitest';
import { runTourHeadless, type StepOutcome } from '../../ui/tour/run-tour-headless';
import { defaultScenario } from '../../scenarios/catalog';
import { shardingTour } from './tour';

const STEP_LIMIT_MS = 15_000;

function runTour(seed: number, startMs: number): StepOutcome[] {
  return runTourHeadless({ scenario: defaultScenario('sharding', seed), tour: shardingTour, startMs: startMs, stepLimitMs: STEP_LIMIT_MS, tickMs: 250 });
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
