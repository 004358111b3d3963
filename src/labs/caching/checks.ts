// What the caching lab adds to a frame (`frame.labView`), computed in the worker: the settings,
// the cache beside the database key by key, the clients' stale reads and session-guarantee
// violations since the settings last changed, keys stale past quiescence (checked on a copy at
// most once per virtual second), acknowledged writes lost by write-behind, and origin load.
import { checkSessions, pairOperations, type HistoryOperation } from '../../checkers/index';
import type { Simulation } from '../../engine/simulation';
import type { HistoryEvent } from '../../engine/types';
import type { CacheState, CacheStats } from './cache';
import type { CacheSettings } from './params';
import { cacheState, databaseState, staleAfterQuiescence, type StaleKey } from './quiescence';
import { configuredAtMs, currentSettings } from './settings';
import { measureStaleness } from './staleness';

export interface KeyRow {
  key: string;
  cached: number | null | undefined;
  cachedVersion: number | null;
  expiresInMs: number | null;
  dirty: boolean;
  database: number | null;
  dbVersion: number;
  lease: number | null;
}

export interface Finding {
  sentence: string;
  operations: number[];
  timeMs: number;
}

/** Origin load and herds over the whole seconds since the settings changed. */
export interface LoadWindow {
  fromSec: number;
  toSec: number;
  /** Peak database requests in one second. */
  dbPeak: number;
  /** The most reads of one key at the database at once. */
  herdMax: number;
  expired: number;
  waits: number;
}

export interface CachingView {
  settings: CacheSettings;
  configuredAtMs: number;
  cacheUp: boolean;
  keys: KeyRow[];
  stats: CacheStats;
  unflushed: number;
  lostWrites: number;
  reads: number;
  staleReads: number;
  maxStaleMs: number;
  stale: Finding[];
  readYourWrites: number;
  monotonicReads: number;
  sessions: Finding[];
  /** Keys stale past quiescence, and when that was last checked (-1: not yet). */
  staleForever: StaleKey[];
  staleCheckedAtMs: number;
  originPeakPerS: number;
  window: LoadWindow | null;
}

const ZERO_STATS: CacheStats = { hits: 0, misses: 0, waits: 0, fills: 0, refused: 0, deletes: 0, expired: 0, early: 0 };

/** Acknowledged writes write-behind lost: from the cache's state, or what its crash kept. */
export function lostWrites(sim: Simulation): number {
  const id = sim.world.roster.cache?.[0];
  if (!id) return 0;
  const node = sim.world.nodes[id];
  if (node.up) return (node.state as CacheState | null)?.lostWrites ?? 0;
  return (node.persisted as { lostWrites?: number } | null)?.lostWrites ?? 0;
}

/** The busiest second of the database over the seconds still in the metrics window. */
export function originPeak(sim: Simulation, fromSec = -Infinity, toSec = Infinity): number {
  const series = sim.world.metrics.series['db-requests'];
  if (!series) return 0;
  return series.buckets.filter((b) => b.sec >= fromSec && b.sec <= toSec).reduce((peak, b) => Math.max(peak, b.sum), 0);
}

function seriesFigure(sim: Simulation, name: string, fromSec: number, toSec: number, figure: 'sum' | 'max'): number {
  const buckets = sim.world.metrics.series[name]?.buckets ?? [];
  let out = 0;
  for (const b of buckets) if (b.sec >= fromSec && b.sec <= toSec) out = figure === 'sum' ? out + b.sum : Math.max(out, b.max);
  return out;
}

/** The whole seconds after the settings changed up to the last finished second. */
function loadWindow(sim: Simulation): LoadWindow | null {
  const fromSec = Math.floor(configuredAtMs(sim) / 1000) + 1;
  const toSec = Math.floor(sim.world.timeMs / 1000) - 1;
  if (toSec < fromSec) return null;
  return {
    fromSec, toSec,
    dbPeak: originPeak(sim, fromSec, toSec),
    herdMax: seriesFigure(sim, 'herd', fromSec, toSec, 'max'),
    expired: seriesFigure(sim, 'expired', fromSec, toSec, 'sum'),
    waits: seriesFigure(sim, 'waits', fromSec, toSec, 'sum'),
  };
}

function keyRows(sim: Simulation): KeyRow[] {
  const cache = cacheState(sim);
  const db = databaseState(sim);
  const keys = new Set([...Object.keys(cache?.entries ?? {}), ...Object.keys(db?.data ?? {})]);
  const now = sim.world.timeMs;
  return [...keys].sort((a, b) => (a === 'hot' ? -1 : b === 'hot' ? 1 : a.localeCompare(b))).map((key) => {
    const entry = cache?.entries[key];
    const record = db?.data[key] ?? { value: null, version: 0 };
    const live = entry && (entry.expiresAtMs === null || entry.expiresAtMs > now) ? entry : undefined;
    return {
      key,
      cached: live ? live.value : undefined,
      cachedVersion: live ? live.version : null,
      expiresInMs: live?.expiresAtMs != null ? live.expiresAtMs - now : null,
      dirty: live?.dirty != null,
      database: record.value,
      dbVersion: record.version,
      lease: cache?.fills[key]?.token ?? null,
    };
  });
}

const finding = (history: readonly HistoryEvent[], sentence: string, ops: HistoryOperation[]): Finding => ({
  sentence,
  operations: ops.map((op) => op.callIndex),
  timeMs: history[ops[0].callIndex]?.time ?? 0,
});

/** History checks over the operations not over before `sinceMs`. */
export function historyChecks(history: readonly HistoryEvent[], sinceMs: number) {
  const paired = pairOperations(history);
  const operations = paired.ok ? paired.operations.filter((op) => (op.returnTime ?? Infinity) >= sinceMs) : [];
  const staleness = measureStaleness(operations);
  const sessions = checkSessions(operations);
  return {
    ok: paired.ok,
    operations,
    staleness,
    sessions,
    readYourWrites: sessions.filter((v) => v.guarantees.includes('read-your-writes')).length,
    monotonicReads: sessions.filter((v) => v.guarantees.includes('monotonic-reads')).length,
    findings: {
      stale: staleness.recent.map((s) => finding(history, s.sentence, [s.read, s.missed])),
      sessions: sessions.slice(-3).map((v) => finding(history, v.sentence, [v.operation, v.later])),
    },
  };
}

/** Remembers work between frames: history checks only when the history changed, the
 * quiescence check at most once per virtual second. */
export class CachingChecks {
  private historyKey = '';
  private history: ReturnType<typeof historyChecks> | null = null;
  private staleAt = -1;
  private stale: StaleKey[] = [];

  summarize(sim: Simulation): CachingView {
    const world = sim.world;
    const since = configuredAtMs(sim);
    const last = world.history[world.history.length - 1];
    const key = `${world.history.length}:${since}:${last?.time ?? -1}:${last?.process ?? -1}`;
    if (!this.history || key !== this.historyKey) {
      this.historyKey = key;
      this.history = historyChecks(world.history, since);
    }
    if (this.staleAt < 0 || Math.abs(world.timeMs - this.staleAt) >= 1000 || this.staleAt < since) {
      this.staleAt = world.timeMs;
      this.stale = staleAfterQuiescence(sim);
    }
    const cache = cacheState(sim);
    const h = this.history;
    return {
      settings: currentSettings(sim),
      configuredAtMs: since,
      cacheUp: cache !== null,
      keys: keyRows(sim),
      stats: cache?.stats ?? ZERO_STATS,
      unflushed: cache ? Object.values(cache.entries).filter((e) => e.dirty !== null).length : 0,
      lostWrites: lostWrites(sim),
      reads: h.staleness.reads,
      staleReads: h.staleness.stale,
      maxStaleMs: h.staleness.maxStaleMs,
      stale: h.findings.stale,
      readYourWrites: h.readYourWrites,
      monotonicReads: h.monotonicReads,
      sessions: h.findings.sessions,
      staleForever: this.stale,
      staleCheckedAtMs: this.staleAt,
      originPeakPerS: originPeak(sim),
      window: loadWindow(sim),
    };
  }
}

export function cachingProjection(): (sim: Simulation) => CachingView {
  const checks = new CachingChecks();
  return (sim) => checks.summarize(sim);
}
