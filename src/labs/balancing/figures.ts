// Figures the balancing lab reads from the engine's metrics: latency percentiles over a stretch of
// seconds (merging the per-second histograms), and the herd measure — the share of a second's
// requests that went to the single busiest server.
import type { MetricBucket, MetricsStore } from '../../engine/metrics';
import { percentile } from '../../engine/metrics';
import { routedMetric } from './balancer';

/** One bucket for the seconds [fromSec, toSec] of a sample metric (empty if none recorded). */
export function mergedBucket(store: MetricsStore, name: string, fromSec: number, toSec: number): MetricBucket {
  const merged: MetricBucket = { sec: fromSec, count: 0, sum: 0, max: -Infinity, last: 0, hist: {} };
  for (const bucket of store.series[name]?.buckets ?? []) {
    if (bucket.sec < fromSec || bucket.sec > toSec) continue;
    merged.count += bucket.count;
    merged.sum += bucket.sum;
    merged.max = Math.max(merged.max, bucket.max);
    merged.last = bucket.last;
    for (const [index, n] of Object.entries(bucket.hist ?? {})) merged.hist![Number(index)] = (merged.hist![Number(index)] ?? 0) + n;
  }
  return merged;
}

export interface LatencyFigures {
  answered: number;
  p50: number;
  p99: number;
}

export function latencyOver(store: MetricsStore, fromSec: number, toSec: number): LatencyFigures {
  const bucket = mergedBucket(store, 'latency', fromSec, toSec);
  return { answered: bucket.count, p50: Math.round(percentile(bucket, 0.5)), p99: Math.round(percentile(bucket, 0.99)) };
}

export function countOver(store: MetricsStore, name: string, fromSec: number, toSec: number): number {
  return mergedBucket(store, name, fromSec, toSec).sum;
}

export interface HerdFigure {
  sec: number;
  /** Requests routed in that second, by all balancers. */
  routed: number;
  /** The server that got the most, and its share. */
  top: string | null;
  share: number;
}

/** How concentrated the routing of second `sec` was. */
export function herdAt(store: MetricsStore, servers: readonly string[], sec: number): HerdFigure {
  let routed = 0;
  let top: string | null = null;
  let most = 0;
  for (const server of servers) {
    const bucket = store.series[routedMetric(server)]?.buckets.find((b) => b.sec === sec);
    const n = bucket?.sum ?? 0;
    routed += n;
    if (n > most) {
      most = n;
      top = server;
    }
  }
  return { sec, routed, top, share: routed === 0 ? 0 : most / routed };
}
