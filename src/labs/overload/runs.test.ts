// Whole runs of the lab under random settings and random faults (fast-check picks both): the
// engine's counts must add up whatever happens. Every request ends once (answered in time, or
// given up) or is still pending; no second finishes more work than capacity allows; wasted work
// is work that was done; a client that never retries sends one attempt per request; and with
// deadline shedding checked at dequeue the invariant holds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { metricPoints } from '../../engine/metrics';
import type { Simulation } from '../../engine/simulation';
import { planScenario, runHeadless } from '../../scenarios/headless';
import type { ClientState } from './client';
import { runTotals } from './figures';
import { QUEUE_ORDERS, RETRY_POLICIES, SOUND_SHED_POLICIES } from './params';

const settings = fc.record({
  load: fc.constantFrom(0.5, 0.85, 1.2),
  retry: fc.constantFrom(...RETRY_POLICIES),
  retries: fc.integer({ min: 0, max: 4 }),
  budget: fc.constantFrom('off' as const, 0.1, 0.5),
  shed: fc.constantFrom(...SOUND_SHED_POLICIES),
  order: fc.constantFrom(...QUEUE_ORDERS),
  breaker: fc.boolean(),
});

function pendingAtEnd(sim: Simulation): number {
  return sim.world.actorIds
    .filter((id) => sim.world.nodes[id].role === 'client' && sim.world.nodes[id].state !== null)
    .reduce((sum, id) => sum + (sim.world.nodes[id].state as ClientState).pending.length, 0);
}

describe('overload runs under random settings and faults', () => {
  it('the counts add up, and the deadline invariant holds', () => {
    fc.assert(
      fc.property(settings, fc.integer({ min: 1, max: 10_000 }), fc.boolean(), (params, seed, faults) => {
        const scenario = planScenario({ lab: 'overload', seed, untilMs: 5000, faults: faults ? 'random' : 'none', params });
        const { simulation: sim, violations } = runHeadless(scenario);
        expect(violations).toEqual([]);
        const totals = runTotals(sim);
        // Clients are never crashed here (faults strike servers), so nothing is forgotten.
        expect(totals.requests).toBe(totals.goodput + totals.gaveUp + pendingAtEnd(sim));
        expect(totals.wasted).toBeLessThanOrEqual(totals.served);
        expect(totals.retries).toBeLessThanOrEqual(totals.requests * params.retries);
        if (params.retry === 'none') expect(totals.retries).toBe(0);
        if (!params.breaker) expect(totals.fastFailed).toBe(0);
        // Two servers of two workers at 40 ms: at most 100 a second, plus the ones begun in the
        // second before (and each worker's first job, begun at once).
        for (const point of metricPoints(sim.world.metrics, 0, 4).served ?? []) expect(point.rate).toBeLessThanOrEqual(104);
      }),
      { numRuns: 25 },
    );
  }, 60_000);
});
