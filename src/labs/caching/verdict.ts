// What a `cli run caching` line adds. staleForeverKeys: keys whose cached value still differs
// from the database's after the clients stop and the system settles for 3 s (see quiescence.ts).
// originPeakPerS: the busiest second of the database. A run fails only on what its settings
// promise: with leases or versioned sets guarding cache-aside or read-through fills that are
// deleted after the database write, no key may be left stale past quiescence.
import type { Simulation } from '../../engine/simulation';
import { historyScope } from '../history-scope';
import { historyChecks, lostWrites, originPeak } from './checks';
import { metricTotal } from '../../engine/metrics';
import { staleAfterQuiescence } from './quiescence';
import { configuredAtMs, currentSettings } from './settings';
import type { CacheSettings } from './params';

/** The settings under which the cache promises no stale value outlives quiescence. Not update
 * invalidation, even with versioned sets: an update lost to a fault (the cache unreachable for
 * its retries, an app server crashed before sending it) leaves the old value, and only deletes
 * have the commit-log tailer as a backstop — a bug hunt found such keys in 150 of 200 seeds. */
export function promisesFreshness(s: CacheSettings): boolean {
  return (s.leases || s.versioned) && (s.strategy === 'cache-aside' || s.strategy === 'read-through') && (s.invalidation === 'delete' || s.invalidation === 'delete-first');
}

export function cachingVerdict(sim: Simulation): { fields: Record<string, unknown>; failed: boolean } {
  const s = currentSettings(sim);
  const checks = historyChecks(sim.world.history, 0);
  const stale = staleAfterQuiescence(sim);
  const hits = metricTotal(sim.world.metrics, 'hits', 'rate');
  const misses = metricTotal(sim.world.metrics, 'misses', 'rate');
  const fields: Record<string, unknown> = {
    strategy: s.strategy, ttlMs: s.ttlMs, invalidation: s.invalidation, leases: s.leases, versioned: s.versioned, coalescing: s.coalescing, xfetch: s.xfetch,
    ...(configuredAtMs(sim) > 0 ? { reconfiguredAtMs: configuredAtMs(sim) } : {}),
    ops: checks.operations.length,
    ...historyScope(sim).fields,
    ...(checks.ok ? {} : { historyError: 'unreadable history' }),
    hitRatio: hits + misses === 0 ? null : Math.round((hits / (hits + misses)) * 1000) / 1000,
    reads: checks.staleness.reads,
    staleReads: checks.staleness.stale,
    maxStaleMs: checks.staleness.maxStaleMs,
    sessionViolations: checks.sessions.length,
    readYourWrites: checks.readYourWrites,
    monotonicReads: checks.monotonicReads,
    staleForeverKeys: stale.length,
    staleForever: stale.map((k) => ({ key: k.key, cached: k.cached, database: k.database })),
    refusedFills: metricTotal(sim.world.metrics, 'refused-fills', 'rate'),
    lostWrites: lostWrites(sim),
    dbRequests: metricTotal(sim.world.metrics, 'db-requests', 'rate'),
    originPeakPerS: originPeak(sim),
  };
  return { fields, failed: promisesFreshness(s) && stale.length > 0 };
}
