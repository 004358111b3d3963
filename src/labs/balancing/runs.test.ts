// Whole runs of the lab. Under random settings and faults (fast-check) the balancers' counts add
// up: every request routed is answered, failed or still waiting. Two random choices beats
// least-loaded from stale reports on p99 in most seeds; a crashed server is ejected by every
// balancer within the bound; and the broken rule — shallow health checks — is caught by the
// detection check when a server fails, while deep checks (or outlier ejection) keep it clean.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Simulation } from '../../engine/simulation';
import { planScenario, runHeadless } from '../../scenarios/headless';
import type { BalancerState } from './balancer';
import { HEALTH_CHECKS, POLICIES } from './params';
import { balancingVerdict } from './verdict';

function run(params: Record<string, unknown>, seed: number, untilMs: number, actions: unknown[] = [], faults: 'random' | 'none' = 'none'): Simulation {
  const scenario = planScenario({ lab: 'balancing', seed, untilMs, faults, params });
  scenario.actions = [...(scenario.actions ?? []), ...(actions as typeof scenario.actions)].sort((a, b) => a.at - b.at);
  return runHeadless(scenario).simulation;
}

function balancers(sim: Simulation): BalancerState[] {
  return (sim.world.roster.balancer ?? []).map((id) => sim.world.nodes[id].state as BalancerState).filter((s) => s !== null);
}

describe('balancing runs', () => {
  it('every request a balancer took is answered, failed or still waiting, whatever the policy and faults', () => {
    fc.assert(fc.property(
      fc.constantFrom(...POLICIES), fc.constantFrom(...HEALTH_CHECKS), fc.boolean(), fc.integer({ min: 3, max: 12 }), fc.integer({ min: 1, max: 10_000 }),
      (policy, healthCheck, outlierEjection, nodes, seed) => {
        const scenario = planScenario({ lab: 'balancing', seed, untilMs: 4000, faults: 'random', nodes, params: { policy, healthCheck, outlierEjection } });
        const { simulation: sim } = runHeadless(scenario);
        for (const b of balancers(sim)) {
          const { requests, ok, timeouts, errors, noServer } = b.counts;
          expect(requests).toBe(ok + timeouts + errors + noServer + Object.keys(b.pending).length);
          const outstanding = Object.values(b.outstanding).reduce((a, c) => a + c, 0);
          expect(outstanding).toBe(Object.keys(b.pending).length);
        }
      },
    ), { numRuns: 25 });
  });

  it('two random choices has a lower p99 than least-loaded from stale reports in most seeds', () => {
    let wins = 0;
    const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
    for (const seed of seeds) {
      const stale = balancingVerdict(run({ policy: 'least-loaded-stale' }, seed, 10_000)).fields;
      const two = balancingVerdict(run({ policy: 'two-choices' }, seed, 10_000)).fields;
      expect(Number(stale.herdShare)).toBeGreaterThan(Number(two.herdShare));
      if (Number(two.p99LatencyMs) < Number(stale.p99LatencyMs)) wins++;
    }
    expect(wins).toBeGreaterThanOrEqual(6);
  }, 60_000);

  it('a crashed server is ejected by every balancer, within the bound, and its requests are lost', () => {
    const sim = run({}, 4, 5000, [{ at: 2000, do: 'crash', node: 'n3' }]);
    for (const b of balancers(sim)) {
      expect(b.ejected.n3?.by).toBe('health');
      expect(b.ejected.n3!.atMs - 2000).toBeLessThanOrEqual(1750);
    }
    const verdict = balancingVerdict(sim);
    expect(verdict.failed).toBe(false);
    expect(Number(verdict.fields.timeouts)).toBeGreaterThan(0);
  });

  it('shallow health checks leave a failing server in the pool: the detection check fails the run', () => {
    const fail = [{ at: 2000, do: 'lab', name: 'failServer', server: 'n3', failing: true }];
    const shallow = balancingVerdict(run({ healthCheck: 'shallow' }, 5, 6000, fail));
    expect(shallow.failed).toBe(true);
    expect((shallow.fields.detectionViolations as string[])[0]).toMatch(/^n3 has answered every request with an error since 2\.0 s, and lb\d has kept it in its pool/);
    expect(balancingVerdict(run({ healthCheck: 'deep' }, 5, 6000, fail)).failed).toBe(false);
    const rescued = run({ healthCheck: 'shallow', outlierEjection: true, policy: 'two-choices' }, 5, 6000, fail);
    expect(balancingVerdict(rescued).failed).toBe(false);
    for (const b of balancers(rescued)) expect(b.ejected.n3?.by).toBe('outlier');
  });
});
