// What the balancing lab adds to a frame (`frame.labView`): the settings, each server's state and
// which balancers have ejected it, the last few seconds' latency and herd figures, the run's
// counts, and the detection check — all from engine state and metrics, computed in the worker.
import { metricTotal } from '../../engine/metrics';
import type { Simulation } from '../../engine/simulation';
import { routedMetric, type BalancerState } from './balancer';
import { detectionViolations, type DetectionViolation } from './checks';
import { countOver, herdAt, latencyOver, type HerdFigure, type LatencyFigures } from './figures';
import { detectionBoundMs, readParams, type BalancingSettings } from './params';
import { loadOf, type ServerState } from './server';
import { configuredAtMs, currentSettings, failingSince, serverFactor } from './settings';

/** Seconds the live figures cover: the last complete ones. */
export const WINDOW_SEC = 3;

export interface ServerRow {
  id: string;
  up: boolean;
  /** Service time multiplier. */
  factor: number;
  failing: boolean;
  /** Requests held now (waiting and in service); null while down. */
  load: number | null;
  /** Balancers that have it ejected now, and why. */
  ejectedBy: { balancer: string; by: 'health' | 'outlier'; atMs: number }[];
  /** Requests that failed there (errors and timeouts), as the running balancers count them. */
  failedThere: number;
  /** Requests still waiting for it at the balancers. */
  waiting: number;
  /** Its share of the requests routed over the live window (null before there is one). */
  routedShare: number | null;
}

export interface LiveWindow {
  fromSec: number;
  toSec: number;
  latency: LatencyFigures;
  failed: number;
  requests: number;
  /** The most concentrated second of the window. */
  herd: HerdFigure;
}

export interface BalancingView {
  settings: BalancingSettings;
  configuredAtMs: number;
  staleMs: number;
  detectionBoundMs: number;
  servers: ServerRow[];
  balancers: { id: string; up: boolean; ejected: string[] }[];
  /** null until a whole window has passed. */
  live: LiveWindow | null;
  totals: { requests: number; answered: number; failed: number; timeouts: number; errors: number; p50: number; p99: number };
  queue: { max: number; mean: number };
  detection: DetectionViolation[];
}

function liveWindow(sim: Simulation): LiveWindow | null {
  const toSec = Math.floor(sim.world.timeMs / 1000) - 1;
  const fromSec = toSec - WINDOW_SEC + 1;
  if (fromSec < 0) return null;
  const store = sim.world.metrics;
  let herd = herdAt(store, sim.world.nodeIds, fromSec);
  for (let sec = fromSec + 1; sec <= toSec; sec++) {
    const h = herdAt(store, sim.world.nodeIds, sec);
    if (h.share > herd.share) herd = h;
  }
  return {
    fromSec, toSec, herd,
    latency: latencyOver(store, fromSec, toSec),
    failed: countOver(store, 'failed', fromSec, toSec),
    requests: countOver(store, 'requests', fromSec, toSec),
  };
}

export function balancingView(sim: Simulation): BalancingView {
  const params = readParams(sim.world.config.params);
  const balancers = (sim.world.roster.balancer ?? []).map((id) => ({ id, node: sim.world.nodes[id] }));
  const states = balancers.filter((b) => b.node.up && b.node.state !== null).map((b) => ({ id: b.id, state: b.node.state as BalancerState }));
  const live = liveWindow(sim);
  const routedInWindow = (id: string) => (live === null ? 0 : countOver(sim.world.metrics, routedMetric(id), live.fromSec, live.toSec));
  const routedAll = sim.world.nodeIds.reduce((sum, id) => sum + routedInWindow(id), 0);
  const servers: ServerRow[] = sim.world.nodeIds.map((id) => {
    const node = sim.world.nodes[id];
    const state = node.up ? (node.state as ServerState | null) : null;
    return {
      id, up: node.up, factor: serverFactor(sim, id), failing: failingSince(sim, id) !== null,
      load: state ? loadOf(state) : null,
      ejectedBy: states.filter((b) => b.state.ejected[id] !== undefined).map((b) => ({ balancer: b.id, by: b.state.ejected[id].by, atMs: b.state.ejected[id].atMs - sim.world.nodes[b.id].clockSkewMs })),
      failedThere: states.reduce((sum, b) => sum + (b.state.failedAt[id] ?? 0), 0),
      waiting: states.reduce((sum, b) => sum + (b.state.outstanding[id] ?? 0), 0),
      routedShare: live === null || routedAll === 0 ? null : routedInWindow(id) / routedAll,
    };
  });
  const loads = servers.filter((s) => s.load !== null).map((s) => s.load as number);
  const store = sim.world.metrics;
  return {
    settings: currentSettings(sim),
    configuredAtMs: configuredAtMs(sim),
    staleMs: params.staleMs,
    detectionBoundMs: detectionBoundMs(params),
    servers,
    balancers: balancers.map((b) => ({ id: b.id, up: b.node.up, ejected: b.node.up && b.node.state ? Object.keys((b.node.state as BalancerState).ejected) : [] })),
    live,
    totals: {
      requests: metricTotal(store, 'requests', 'rate'),
      answered: store.series.latency?.total.count ?? 0,
      failed: metricTotal(store, 'failed', 'rate'),
      timeouts: metricTotal(store, 'timeouts', 'rate'),
      errors: metricTotal(store, 'errors', 'rate'),
      p50: Math.round(metricTotal(store, 'latency', 'p50')),
      p99: Math.round(metricTotal(store, 'latency', 'p99')),
    },
    queue: { max: loads.length ? Math.max(...loads) : 0, mean: loads.length ? loads.reduce((a, b) => a + b, 0) / loads.length : 0 },
    detection: detectionViolations(sim),
  };
}

/** The projection remembers the detection findings it has seen, so a violation that ended (the
 * server was ejected at last, or repaired) still shows; a seek back forgets later ones. */
export function balancingProjection(): (sim: Simulation) => BalancingView & { caught: DetectionViolation[] } {
  let caught: (DetectionViolation & { atMs: number })[] = [];
  return (sim) => {
    const view = balancingView(sim);
    const now = sim.world.timeMs;
    caught = caught.filter((c) => c.atMs <= now);
    for (const v of view.detection) {
      const same = caught.find((c) => c.balancer === v.balancer && c.server === v.server && c.sinceMs === v.sinceMs);
      if (same) Object.assign(same, v);
      else caught.push({ ...v, atMs: now });
    }
    return { ...view, caught: caught.map(({ atMs: _atMs, ...c }) => c) };
  };
}
