// What a `cli run breaker` line adds: when each breaker first opened, how many calls were refused
// (by a breaker, by a full pool), success rates and p99 latency per dependency, the checks' counts
// and the breaker transitions with their causes. A run fails when isolation broke: a call to one
// dependency refused a slot because the other dependency's calls held the pool.
import { metricTotal } from '../../engine/metrics';
import type { Simulation } from '../../engine/simulation';
import type { ClientPersisted, ClientState } from './client';
import { CLIENT_ROLE, currentConfig } from './controls';
import { totalsOf } from './checks';
import { DEPENDENCIES, type DependencyName } from './params';

const TRANSITIONS_LISTED = 12;

/** The client's record, up or down (a crashed client's record is what it persisted). */
function clientRecord(sim: Simulation): ClientPersisted | null {
  const id = sim.world.roster[CLIENT_ROLE]?.[0];
  if (!id) return null;
  const node = sim.world.nodes[id];
  return node.up ? (node.state as ClientState) : (node.persisted as ClientPersisted | null);
}

const perDependency = <T>(read: (d: DependencyName) => T): Record<DependencyName, T> =>
  Object.fromEntries(DEPENDENCIES.map((d) => [d, read(d)])) as Record<DependencyName, T>;

export function breakerVerdict(sim: Simulation): { fields: Record<string, unknown>; failed: boolean } {
  const config = currentConfig(sim);
  const record = clientRecord(sim);
  const totals = perDependency((d) => totalsOf(sim, d));
  const sum = (read: (t: (typeof totals)['A']) => number) => DEPENDENCIES.reduce((s, d) => s + read(totals[d]), 0);
  const healthyFailures = sum((t) => t.healthyFailures);
  const transitions = record?.transitions ?? [];
  const fields = {
    breaker: config.breaker,
    bulkheads: config.bulkheads,
    timeoutMs: config.timeoutMs,
    breakerOpenedAt: record?.firstOpenedAtMs ?? { A: null, B: null },
    healthyFailures,
    rejected: { breaker: sum((t) => t.rejectedBreaker), bulkhead: sum((t) => t.rejectedBulkhead) },
    timeouts: sum((t) => t.timeout),
    unprotectedCalls: sum((t) => t.unprotected),
    lateReplies: sum((t) => t.late),
    successPct: perDependency((d) => Math.round(metricTotal(sim.world.metrics, `${d}.ok`, 'mean'))),
    p99Ms: perDependency((d) => Math.round(metricTotal(sim.world.metrics, `${d}.latency`, 'p99'))),
    transitionCount: record?.transitionCount ?? 0,
    transitions: transitions.slice(-TRANSITIONS_LISTED).map((t) => `${t.dependency} ${t.from}→${t.to} at ${t.atMs} ms: ${t.cause}`),
  };
  return { fields, failed: healthyFailures > 0 };
}
