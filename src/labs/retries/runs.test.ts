// Whole runs of the lab's actors: the backoff experiment's shape, and idempotency keys under a
// lossy, duplicating network (property: keys on, never a duplicate charge; keys off, the same
// faults do charge twice).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../engine/simulation';
import { toWorldConfig, defaultScenario } from '../../scenarios/catalog';
import type { AccountState } from './account';
import { runStrategy, runTrial, STRATEGIES } from './experiment';
import { retriesSystem } from './system';

describe('backoff experiment', () => {
  it('every client writes once in the end, and the published shape holds at 20 clients', () => {
    const trial = runTrial('full-jitter', 10, 1);
    expect(trial.complete).toBe(true);
    expect(trial.calls).toBeGreaterThanOrEqual(10);
    const rows = Object.fromEntries(STRATEGIES.map((strategy) => [strategy, runStrategy(strategy, 20, 12)]));
    // No backoff and exponential without jitter make about as many calls; jitter cuts them by a third or more.
    expect(rows['full-jitter'].meanCalls).toBeLessThan(rows.none.meanCalls * 0.75);
    expect(rows['decorrelated-jitter'].meanCalls).toBeLessThan(rows.none.meanCalls * 0.75);
    expect(rows.exponential.meanCalls).toBeGreaterThan(rows['full-jitter'].meanCalls * 1.3);
    // Exponential without jitter is by far the slowest to finish.
    for (const strategy of STRATEGIES) if (strategy !== 'exponential') expect(rows.exponential.meanTimeMs).toBeGreaterThan(rows[strategy].meanTimeMs * 4);
  });
});

function duplicatesAfter(seed: number, drop: number, duplicate: number, idempotencyKey: boolean): number {
  const scenario = { ...defaultScenario('retries', seed), params: { idempotencyKey, clients: 5 }, network: { latencyMs: [7, 13] as [number, number], drop, duplicate } };
  const sim = Simulation.create(retriesSystem, toWorldConfig(scenario), []);
  sim.runUntil(6000, Infinity, false);
  return (sim.world.nodes.n1.state as AccountState).duplicates;
}

describe('idempotency keys', () => {
  it('with keys on, no order is ever charged twice, however lossy or duplicating the network', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), (seed, dropPct, dupPct) => {
      expect(duplicatesAfter(seed, dropPct / 100, dupPct / 100, true)).toBe(0);
    }), { numRuns: 25 });
  });

  it('with keys off, the same faults charge some order twice', () => {
    const seeds = [1, 2, 3, 4, 5];
    expect(seeds.some((seed) => duplicatesAfter(seed, 0.3, 0, false) > 0)).toBe(true);
  });
});
