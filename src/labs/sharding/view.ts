// What the sharding lab adds to a frame (`frame.labView`): the router's shard map with each
// range's recent load, the change under way and the last ones, each shard's keys, load and queue,
// the workload in force, and the live and whole-run figures — all from engine state and metrics,
// computed in the worker.
import type { Simulation } from '../../engine/simulation';
import { configuredAtMs, currentSettings } from './actions';
import { liveFigures, runTotals, shardStates, type LiveFigures, type RunTotals } from './figures';
import { hotKeyOf, keyName, subKey } from './keyspace';
import { keyPosition } from './placement';
import type { MapChange, RouterState } from './router';
import { LIMITS, readParams, type Scheme, type WorkloadSettings } from './settings';
import { ROUTER_ROLE } from './shard';
import { describeRange, ownerOf, rangeIndexOf } from './shard-map';
import { countKeys } from './store';

export interface RangeView {
  index: number;
  label: string;
  shard: string;
  /** Parts the router sent into this range in the last whole second. */
  hits: number;
}

export interface ShardView {
  id: string;
  up: boolean;
  keys: number;
  loadLastSec: number;
  queued: number;
  /** Shards whose keys it still waits for (a move under way). */
  waitingFor: string[];
}

export interface ShardingView {
  scheme: Scheme;
  settings: WorkloadSettings;
  configuredAtMs: number;
  hotKey: string;
  hotFanout: number;
  /** Where each possible sub-key of the hot key lives now, and in which range (the first
   * `settings.salt` are in use; the first is the hot key itself). */
  hotPlacement: { key: string; shard: string; range: number }[];
  mapVersion: number;
  ranges: RangeView[];
  /** The change under way, if any. */
  migration: { version: number; waiting: string[] } | null;
  changes: MapChange[];
  shards: ShardView[];
  live: LiveFigures;
  totals: RunTotals;
  /** Whether a broken rule is in force. */
  rules: { serveEarly: boolean; rejectMisrouted: boolean };
}

export function shardingView(sim: Simulation): ShardingView | null {
  const routerId = sim.world.roster[ROUTER_ROLE]?.[0];
  const router = routerId ? (sim.world.nodes[routerId].state as RouterState | null) : null;
  if (!router) return null;
  const params = readParams(sim.world.config.params);
  return {
    scheme: router.map.scheme,
    settings: currentSettings(sim),
    configuredAtMs: configuredAtMs(sim),
    hotKey: `k${hotKeyOf(params.keys)}`,
    hotFanout: router.hotFanout,
    hotPlacement: Array.from({ length: LIMITS.salt }, (_, j) => {
      const key = subKey(hotKeyOf(params.keys), j);
      const position = keyPosition(key, router.map, params.keys);
      return { key: keyName(key, hotKeyOf(params.keys)), shard: ownerOf(router.map, position), range: rangeIndexOf(router.map, position) };
    }),
    mapVersion: router.map.version,
    ranges: router.map.ranges.map((r, index) => ({ index, label: describeRange(r, router.map.scheme), shard: r.shard, hits: router.lastRangeHits[index] ?? 0 })),
    migration: router.migration,
    changes: router.changes,
    shards: shardStates(sim).map(({ id, up, state }) => ({
      id, up, keys: countKeys(state.data), loadLastSec: up ? state.servedLastSec ?? 0 : 0, queued: up ? (state.queue?.length ?? 0) + (state.busy ? 1 : 0) : 0, waitingFor: state.prev ? state.expect : [],
    })),
    live: liveFigures(sim),
    totals: runTotals(sim),
    rules: { serveEarly: params.serveEarly, rejectMisrouted: params.misrouted === 'reject' },
  };
}

export function shardingProjection(): (sim: Simulation) => ShardingView | null {
  return shardingView;
}
