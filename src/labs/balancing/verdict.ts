// What a `cli run balancing` line adds: the policy, the whole run's latency percentiles of answered
// requests (from the engine's log-bucketed histogram, within about 9%; a request that timed out or
// failed is not in them but in `failedRequests` — read the two together), the requests failed and why, the longest
// queue any server had, ejections, and the detection check. A run fails only on the check: a
// failed server overstayed in a balancer's pool.
import { metricTotal } from '../../engine/metrics';
import type { Simulation } from '../../engine/simulation';
import { detectionViolations } from './checks';
import { herdAt } from './figures';
import { currentSettings } from './settings';

/** The mean over the run's whole seconds of the busiest server's share of the routing. */
function meanHerdShare(sim: Simulation): number {
  const lastSec = Math.floor(sim.world.timeMs / 1000) - 1;
  let sum = 0;
  let seconds = 0;
  for (let sec = 1; sec <= lastSec; sec++) {
    const herd = herdAt(sim.world.metrics, sim.world.nodeIds, sec);
    if (herd.routed === 0) continue;
    sum += herd.share;
    seconds++;
  }
  return seconds === 0 ? 0 : Math.round((sum / seconds) * 1000) / 1000;
}

export function balancingVerdict(sim: Simulation): { fields: Record<string, unknown>; failed: boolean } {
  const store = sim.world.metrics;
  const settings = currentSettings(sim);
  const violations = detectionViolations(sim);
  return {
    fields: {
      policy: settings.policy,
      healthCheck: settings.healthCheck,
      outlierEjection: settings.outlierEjection,
      requests: metricTotal(store, 'requests', 'rate'),
      answered: store.series.latency?.total.count ?? 0,
      p50LatencyMs: Math.round(metricTotal(store, 'latency', 'p50')),
      p99LatencyMs: Math.round(metricTotal(store, 'latency', 'p99')),
      failedRequests: metricTotal(store, 'failed', 'rate'),
      timeouts: metricTotal(store, 'timeouts', 'rate'),
      errors: metricTotal(store, 'errors', 'rate'),
      maxQueue: metricTotal(store, 'queue', 'max'),
      meanQueue: Math.round(metricTotal(store, 'queue', 'mean') * 100) / 100,
      herdShare: meanHerdShare(sim),
      ejections: (sim.world.marks['health-ejected'] ?? 0) + (sim.world.marks['outlier-ejected'] ?? 0),
      detectionViolations: violations.map((v) => v.sentence),
    },
    failed: violations.length > 0,
  };
}
