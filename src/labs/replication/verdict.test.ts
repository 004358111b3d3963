// The CLI figures: with random faults, async runs lose acknowledged writes in some seeds, sync
// runs in none (a loss there fails the run), over the same seeds.
import { describe, expect, it } from 'vitest';
import { planScenario, runHeadless } from '../../scenarios/headless';
import lab from './lab';

function verdicts(mode: string, seeds: number[]) {
  return seeds.map((seed) => lab.verdict!(runHeadless(planScenario({ lab: lab.id, seed, untilMs: 10_000, faults: 'random', params: { mode } })).simulation));
}

const SEEDS = Array.from({ length: 24 }, (_, i) => i + 1);

describe('replication verdict', () => {
  it('async: lostAcknowledgedWrites above 0 in some seeds, and the run does not fail for it', () => {
    const results = verdicts('async', SEEDS);
    expect(results.filter((r) => (r.fields.lostAcknowledgedWrites as number) > 0).length).toBeGreaterThan(0);
    expect(results.every((r) => !r.failed)).toBe(true);
  });

  it('sync: lostAcknowledgedWrites 0 in every seed, and the history linearizable', () => {
    const results = verdicts('sync', SEEDS);
    expect(results.map((r) => r.fields.lostAcknowledgedWrites)).toEqual(SEEDS.map(() => 0));
    expect(results.every((r) => r.fields.linearizable === true && !r.failed)).toBe(true);
  });
});
