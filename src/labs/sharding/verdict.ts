// What a `cli run sharding` line adds: the scheme, load balance, shards per scan and per hot-key
// read, latency, keys moved, redirects and lost requests. A lost request (a shard refused one
// instead of redirecting it, the broken rule) fails the run; a hot shard is the lab's subject.
import type { Simulation } from '../../engine/simulation';
import { currentSettings } from './actions';
import { runTotals } from './figures';
import type { RouterState } from './router';
import { ROUTER_ROLE } from './shard';

export function shardingVerdict(sim: Simulation): { fields: Record<string, unknown>; failed: boolean } {
  const totals = runTotals(sim);
  const router = sim.world.nodes[sim.world.roster[ROUTER_ROLE][0]];
  const map = ((router.state ?? router.persisted) as RouterState).map;
  const settings = currentSettings(sim);
  return {
    fields: {
      scheme: map.scheme,
      pattern: settings.pattern,
      hotShare: settings.hotShare,
      salt: settings.salt,
      mapVersion: map.version,
      ranges: map.ranges.length,
      requests: totals.requests,
      maxOverMeanLoad: totals.maxOverMeanLoad,
      shardsPerScan: totals.shardsPerScan,
      hotReadShards: totals.hotReadShards,
      p50LatencyMs: totals.p50LatencyMs,
      p99LatencyMs: totals.p99LatencyMs,
      movedKeys: totals.movedKeys,
      redirects: totals.redirects,
      timedOut: totals.timedOut,
      lostRequests: totals.lost,
    },
    failed: totals.lost > 0,
  };
}
