// The caching lab's run check: with the rule broken (delete the cache entry before the database
// write) and leases on, a hunt finds a key left stale past quiescence — the same plans with the
// delete after the write find nothing; settings that promise fresh keys find nothing over a range
// of seeds, and the defaults (which leave keys stale by design) are not reported; a finding is
// dated at the millisecond the key is left stale, when the lab's own quiescence check (the
// verdict's) lists it; and a look only reads the run.
import { describe, expect, it } from 'vitest';
import type { Violation } from '../../engine/frame';
import { traceHash } from '../../engine/trace';
import { firstViolation } from '../../hunt/first-violation';
import { plannedScenario } from '../../hunt/hunt';
import { createSimulation } from '../../scenarios/headless';
import type { Scenario } from '../../scenarios/scenario';
import { staleAfterQuiescence } from './quiescence';
import { cachingRunChecks, keysLeftStale, sentence, STALE_PAST_QUIESCENCE, staleForGood } from './run-checks';

const UNTIL_MS = 10_000;
const BROKEN = { invalidation: 'delete-first', leases: true };

function planned(seed: number, params: Record<string, unknown>): Scenario {
  return plannedScenario({ lab: 'caching', seed, untilMs: UNTIL_MS, faults: 'random', params });
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** The first seed of `seeds` whose scenario a hunt finds failing, with its finding. */
function firstFailing(seeds: number[], params: Record<string, unknown>): { scenario: Scenario; found: Violation } | null {
  for (const seed of seeds) {
    const scenario = planned(seed, params);
    const found = firstViolation(scenario);
    if (found) return { scenario, found };
  }
  return null;
}

const keyOf = (message: string) => /^At \d+\.\d{3} s (\w+) is left stale: the cache holds /.exec(message)?.[1];

describe('caching run checks', () => {
  it('with the delete before the database write (and leases on) a hunt finds a key left stale; deleting after the write does not', () => {
    const hit = firstFailing(range(1, 5), BROKEN);
    expect(hit).not.toBeNull();
    expect(hit!.found.invariant).toBe(STALE_PAST_QUIESCENCE);
    expect(keyOf(hit!.found.message)).toBeDefined();
    expect(firstViolation(planned(hit!.scenario.seed, { ...BROKEN, invalidation: 'delete' }))).toBeNull();
  });

  it('finds nothing under settings that promise fresh keys, nor under the defaults, which leave keys stale by design', () => {
    for (const seed of range(1, 60)) expect(firstViolation(planned(seed, { leases: true })), `leases, seed ${seed}`).toBeNull();
    for (const seed of range(1, 25)) expect(firstViolation(planned(seed, { versioned: true })), `versioned sets, seed ${seed}`).toBeNull();
    for (const seed of range(1, 25)) expect(firstViolation(planned(seed, { strategy: 'read-through', leases: true })), `read-through with leases, seed ${seed}`).toBeNull();
    // Without leases the cache-aside race leaves keys stale (the lab's lesson), and the check stays
    // silent, as the verdict passes such runs.
    const defaults = range(1, 5).map((seed) => planned(seed, {}));
    for (const scenario of defaults) expect(firstViolation(scenario), `defaults, seed ${scenario.seed}`).toBeNull();
    const raced = defaults.some((scenario) => {
      const sim = createSimulation(scenario);
      for (let t = 50; t <= UNTIL_MS; t += 50) {
        sim.runUntil(t, Infinity, false);
        if (keysLeftStale(sim).length > 0) return true;
      }
      return false;
    });
    expect(raced).toBe(true);
  }, 20_000);

  it('dates a finding at the millisecond the key is left stale, when the lab’s quiescence check lists it', () => {
    let checked = 0;
    for (const seed of range(1, 5)) {
      const scenario = planned(seed, BROKEN);
      const found = firstViolation(scenario);
      if (!found) continue;
      checked++;
      const key = keyOf(found.message)!;
      const sim = createSimulation(scenario);
      sim.runUntil(found.timeMs - 1, Infinity, false);
      expect(staleForGood(sim), `seed ${seed}, before`).toEqual([]);
      sim.runUntil(found.timeMs, Infinity, false);
      const stale = staleForGood(sim).find((k) => k.key === key);
      expect(stale, `seed ${seed}, at ${found.timeMs} ms`).toBeDefined();
      expect(found.message).toBe(sentence(stale!, found.timeMs));
      expect(staleAfterQuiescence(sim).map((k) => k.key)).toContain(key);
    }
    expect(checked).toBeGreaterThan(2);
  });

  it('a look only reads the run: its replay leaves the simulation as it was', () => {
    const hit = firstFailing(range(1, 5), BROKEN)!;
    const lookMs = Math.ceil(hit.found.timeMs / cachingRunChecks.everyMs) * cachingRunChecks.everyMs;
    const sim = createSimulation(hit.scenario);
    sim.runUntil(lookMs, Infinity, false);
    const before = { hash: traceHash(sim.world.trace), events: sim.world.eventCount, history: sim.world.history.length };
    const found = cachingRunChecks.find(sim, lookMs - cachingRunChecks.everyMs);
    expect(found.map((f) => f.timeMs)).toContain(hit.found.timeMs);
    expect({ hash: traceHash(sim.world.trace), events: sim.world.eventCount, history: sim.world.history.length }).toEqual(before);
    sim.runUntil(UNTIL_MS, Infinity, false);
    const again = createSimulation(hit.scenario);
    again.runUntil(UNTIL_MS, Infinity, false);
    expect(traceHash(sim.world.trace)).toBe(traceHash(again.world.trace));
  });
});
