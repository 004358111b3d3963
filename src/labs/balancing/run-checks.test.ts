// The balancing lab's run check: a hunt finds a failed server kept in a balancer's pool past the
// detection bound — with the rule broken (shallow health checks) once a server fails while staying
// up (random plans in this lab draw that fault too), and with health checks off once random faults
// crash one — finds nothing with the defaults, and dates each finding at the millisecond the lab's
// own detection check starts counting it.
import { describe, expect, it } from 'vitest';
import type { Violation } from '../../engine/frame';
import { firstViolation } from '../../hunt/first-violation';
import { plannedScenario } from '../../hunt/hunt';
import { createSimulation } from '../../scenarios/headless';
import type { Scenario } from '../../scenarios/scenario';
import { validateScenario } from '../../scenarios/validate';
import { FAILED_SERVER_KEPT } from './run-checks';
import { balancingVerdict } from './verdict';

const UNTIL_MS = 10_000;

function planned(seed: number, params: Record<string, unknown> = {}): Scenario {
  return plannedScenario({ lab: 'balancing', seed, untilMs: UNTIL_MS, faults: 'random', params });
}

/** A seed's random plan with n3 failing (up, answering every request with an error) from 2 s. */
function withFailingServer(seed: number, params: Record<string, unknown>): Scenario {
  const scenario = planned(seed, params);
  const fail = { at: 2000, do: 'lab', name: 'failServer', server: 'n3', failing: true };
  const actions = [...scenario.actions, fail].sort((a, b) => a.at - b.at);
  const result = validateScenario({ ...scenario, actions } as unknown);
  if (!result.ok) throw new Error(result.issues.map((issue) => issue.message).join('; '));
  return result.scenario;
}

/** The first seed of `seeds` whose scenario a hunt finds failing, with its finding. */
function firstFailing(seeds: number[], scenarioOf: (seed: number) => Scenario): { scenario: Scenario; found: Violation } | null {
  for (const seed of seeds) {
    const scenario = scenarioOf(seed);
    const found = firstViolation(scenario);
    if (found) return { scenario, found };
  }
  return null;
}

/** The detection check's sentences, as the verdict (and the panel) read them, at `timeMs`. */
function detectionAt(scenario: Scenario, timeMs: number): { before: string[]; at: string[] } {
  const sim = createSimulation(scenario);
  sim.runUntil(timeMs - 1, Infinity, false);
  const before = balancingVerdict(sim).fields.detectionViolations as string[];
  sim.runUntil(timeMs, Infinity, false);
  return { before, at: balancingVerdict(sim).fields.detectionViolations as string[] };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('balancing run checks', () => {
  it('with shallow health checks a hunt finds a failing server kept in the pool; deep checks on the same plans do not', () => {
    const hit = firstFailing(range(1, 5), (seed) => withFailingServer(seed, { healthCheck: 'shallow' }));
    expect(hit).not.toBeNull();
    expect(hit!.found.invariant).toBe(FAILED_SERVER_KEPT);
    expect(hit!.found.message).toMatch(/^n3 has answered every request with an error since 2\.0 s, and lb\d has kept it in its pool/);
    expect(firstViolation(withFailingServer(hit!.scenario.seed, { healthCheck: 'deep' }))).toBeNull();
  });

  it('with health checks off a hunt on random faults alone finds a crashed server kept in the pool', () => {
    const hit = firstFailing(range(1, 5), (seed) => planned(seed, { healthCheck: 'off' }));
    expect(hit).not.toBeNull();
    expect(hit!.found.invariant).toBe(FAILED_SERVER_KEPT);
    expect(hit!.found.message).toMatch(/^n\d+ has been down since/);
  });

  it('finds nothing with the defaults; random plans alone break shallow checks in many seeds', () => {
    for (const seed of range(1, 100)) expect(firstViolation(planned(seed)), `defaults, seed ${seed}`).toBeNull();
    const shallow = range(1, 15).map((seed) => firstViolation(planned(seed, { healthCheck: 'shallow' })));
    expect(shallow.filter((found) => found?.invariant === FAILED_SERVER_KEPT).length).toBeGreaterThanOrEqual(4);
    expect(shallow.some((found) => /answered every request with an error/.test(found?.message ?? ''))).toBe(true);
  }, 20_000);

  it('dates a finding at the millisecond the detection check starts counting it', () => {
    const cases = [
      firstFailing(range(1, 5), (seed) => withFailingServer(seed, { healthCheck: 'shallow' })),
      firstFailing(range(1, 5), (seed) => planned(seed, { healthCheck: 'off' })),
    ];
    for (const hit of cases) {
      expect(hit).not.toBeNull();
      const { scenario, found } = hit!;
      const [, server, balancer] = /^(n\d+) .*, and (lb\d+) has kept it/.exec(found.message) ?? [];
      expect(server).toBeDefined();
      const { before, at } = detectionAt(scenario, found.timeMs);
      expect(before).toEqual([]);
      expect(at.some((sentence) => sentence.startsWith(`${server} `) && sentence.includes(`and ${balancer} has kept it`))).toBe(true);
    }
  });
});
