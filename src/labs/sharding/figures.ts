// The lab's figures, from engine state and metrics, for the page's panels, the tour and the CLI's
// verdict: load per shard (max over mean), shards touched per scan and per hot-key read, latency
// percentiles, keys moved, redirects and lost requests — for the whole run and for the last few
// complete virtual seconds (what the tour judges by).
import { metricPoints, metricTotal } from '../../engine/metrics';
import type { Simulation } from '../../engine/simulation';
import type { ShardDisk, ShardState } from './shard';

/** Complete seconds the live figures average over. */
export const LIVE_SECONDS = 3;

export interface LiveFigures {
  /** Whole seconds [fromSec, toSec) judged, or null before there are enough. */
  window: { fromSec: number; toSec: number } | null;
  /** Requests per second served by the busiest shard and by the mean shard. */
  maxLoad: number;
  meanLoad: number;
  maxOverMean: number;
  p99LatencyMs: number;
  scanShards: number;
  hotReadShards: number;
  hotReadP99Ms: number;
  hotWriteP99Ms: number;
  scans: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

export function liveFigures(sim: Simulation): LiveFigures {
  const nowSec = Math.floor(sim.world.timeMs / 1000);
  const fromSec = nowSec - LIVE_SECONDS;
  const empty: LiveFigures = { window: null, maxLoad: 0, meanLoad: 0, maxOverMean: 0, p99LatencyMs: 0, scanShards: 0, hotReadShards: 0, hotReadP99Ms: 0, hotWriteP99Ms: 0, scans: 0 };
  if (fromSec < 1) return empty;
  const points = metricPoints(sim.world.metrics, fromSec, nowSec - 1);
  const series = (name: string) => points[name] ?? [];
  const load = series('shard-load');
  const maxLoad = mean(load.map((p) => p.max));
  const meanLoad = mean(load.map((p) => p.mean));
  const withData = (name: string) => series(name).filter((p) => p.rate > 0 || p.max > 0);
  const scanPoints = series('scan-shards').filter((p) => p.rate > 0);
  const scans = scanPoints.reduce((sum, p) => sum + p.rate / Math.max(p.mean, 1e-9), 0);
  return {
    window: { fromSec, toSec: nowSec },
    maxLoad: round2(maxLoad),
    meanLoad: round2(meanLoad),
    maxOverMean: meanLoad > 0 ? round2(maxLoad / meanLoad) : 0,
    p99LatencyMs: round2(mean(withData('latency').map((p) => p.p99))),
    scanShards: round2(mean(scanPoints.map((p) => p.mean))),
    hotReadShards: round2(mean(withData('hot-read-shards').map((p) => p.mean))),
    hotReadP99Ms: round2(mean(withData('hot-read-latency').map((p) => p.p99))),
    hotWriteP99Ms: round2(mean(withData('hot-write-latency').map((p) => p.p99))),
    scans: Math.round(scans),
  };
}

/** Each shard's state, or what it has on disk while it is down. */
export function shardStates(sim: Simulation): { id: string; up: boolean; state: ShardDisk & Partial<ShardState> }[] {
  return sim.world.nodeIds.map((id) => {
    const node = sim.world.nodes[id];
    return { id, up: node.up, state: (node.state ?? node.persisted) as ShardDisk & Partial<ShardState> };
  });
}

export interface RunTotals {
  requests: number;
  /** Requests a shard refused instead of redirecting (the broken rule): lost. */
  lost: number;
  timedOut: number;
  redirects: number;
  movedKeys: number;
  /** Requests served by the busiest shard over the mean shard, over the whole run. */
  maxOverMeanLoad: number;
  shardsPerScan: number;
  hotReadShards: number;
  p99LatencyMs: number;
  p50LatencyMs: number;
  migrations: number;
}

export function runTotals(sim: Simulation): RunTotals {
  const store = sim.world.metrics;
  const served = shardStates(sim).map((s) => s.state.served);
  const meanServed = mean(served);
  return {
    requests: metricTotal(store, 'requests', 'rate'),
    lost: metricTotal(store, 'lost', 'rate'),
    timedOut: metricTotal(store, 'timed-out', 'rate'),
    redirects: metricTotal(store, 'redirects', 'rate'),
    movedKeys: metricTotal(store, 'keys-moved', 'rate'),
    maxOverMeanLoad: meanServed > 0 ? round2(Math.max(...served) / meanServed) : 0,
    shardsPerScan: round2(metricTotal(store, 'scan-shards', 'mean')),
    hotReadShards: round2(metricTotal(store, 'hot-read-shards', 'mean')),
    p99LatencyMs: round2(metricTotal(store, 'latency', 'p99')),
    p50LatencyMs: round2(metricTotal(store, 'latency', 'p50')),
    migrations: sim.world.marks.migrated ?? 0,
  };
}
