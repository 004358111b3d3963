// The messaging lab run headlessly: random consumer faults cause redelivery, a non-idempotent store
// applies some effects twice and an idempotent one never does; poison messages reach the DLQ;
// committing before the work loses messages; a non-durable subscription misses them; and the
// FIFO model holds for one consumer of a one-partition stream without faults.
import { describe, expect, it } from 'vitest';
import { planScenario, runHeadless } from '../../scenarios/headless';
import lab from './lab';

function run(seed: number, params: Record<string, unknown>, faults: 'none' | 'random' = 'random', nodes?: number) {
  const result = runHeadless(planScenario({ lab: 'messaging', seed, untilMs: 10_000, faults, params, nodes }));
  return { ...lab.verdict!(result.simulation), violations: result.violations };
}

const SEEDS = [1, 2, 3, 4, 5, 6];

describe('messaging lab runs', () => {
  it('duplicates effects without idempotence, never with it; dead-letters poison messages', () => {
    const loose = SEEDS.map((seed) => run(seed, { idempotent: false }));
    const strict = SEEDS.map((seed) => run(seed, { idempotent: true }));
    expect(loose.some((r) => (r.fields.duplicatedEffects as number) > 0)).toBe(true);
    expect(strict.map((r) => r.fields.duplicatedEffects)).toEqual(SEEDS.map(() => 0));
    expect(strict.every((r) => !r.failed && (r.fields.deadLettered as number) > 0)).toBe(true);
    expect(strict.every((r) => r.violations.length === 0)).toBe(true);
  }, 60_000);

  it('loses messages when acknowledging before the work, in a queue and in a stream; not after', () => {
    for (const mode of ['queue', 'stream']) {
      expect(SEEDS.some((seed) => (run(seed, { mode, commit: 'before' }).fields.lostMessages as number) > 0), mode).toBe(true);
      expect(SEEDS.map((seed) => run(seed, { mode, commit: 'after' }).fields.lostMessages), mode).toEqual(SEEDS.map(() => 0));
    }
  }, 60_000);

  it('a non-durable subscription misses messages while a subscriber is down; a durable one does not', () => {
    expect(SEEDS.some((seed) => (run(seed, { mode: 'pubsub', durable: false }).fields.lostMessages as number) > 0)).toBe(true);
    expect(SEEDS.map((seed) => run(seed, { mode: 'pubsub', durable: true }).fields.lostMessages)).toEqual(SEEDS.map(() => 0));
  }, 60_000);

  it('the FIFO model holds for one consumer of a one-partition stream, and a redelivering queue breaks it', () => {
    expect(run(1, { mode: 'stream', partitions: 1, poisonEvery: 0 }, 'none', 1).fields.fifo).toBe(true);
    expect(run(1, { mode: 'queue', poisonEvery: 0 }, 'none', 1).fields.fifo).toBe(true);
    expect(run(1, { mode: 'queue' }, 'none', 1).fields.fifo).toBe(false);
    expect(run(1, { mode: 'queue' }, 'none', 3).fields.fifo).toBe('n/a');
  }, 60_000);
});
