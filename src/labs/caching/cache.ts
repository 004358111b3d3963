// The cache node: an in-memory key-value store in front of the database (memcached's role).
// cache-aside: it only answers lookups, sets and deletes; the app servers fill it.
// read-through: on a miss it reads the database itself. write-through: a write goes to the
// database through it and is stored when the database acknowledges. write-behind: it stores the
// write, acknowledges at once, and writes dirty values to the database later — lost if it crashes.
// Expiry is lazy (checked on access, as memcached does). Guards: leases (a miss hands out a token,
// a delete voids it, a fill without a live token is refused), versioned sets (a value older than
// one held or deleted is refused), coalescing (one fetch per key; other readers are told to wait)
// and XFetch (a reader refreshes early with a chance that grows as expiry nears).
import type { Effect, Message, NodeContext, NodeId, NodeView, Protocol, Step } from '../../engine/types';
import { pickSettings, readParams, type CacheSettings } from './params';

export interface CacheEntry {
  value: number | null;
  /** The database version of the value (write-behind: the version it replaces until flushed). */
  version: number;
  expiresAtMs: number | null;
  /** How long the value took to fetch (XFetch's delta). */
  fetchMs: number;
  /** Write-behind: the sequence number of the write not yet in the database. */
  dirty: number | null;
}

/** The fill (and, with leases on, the lease) handed out for a key on a miss. */
export interface Fill {
  token: number;
  sinceMs: number;
}

/** A request the cache itself made to the database. */
type DbOp =
  | { kind: 'fetch'; key: string; token: number | null; app: NodeId; op: number; sinceMs: number }
  | { kind: 'write'; key: string; value: number | null; app: NodeId; op: number; sinceMs: number }
  | { kind: 'flush'; key: string; seq: number; sinceMs: number };

export interface CacheStats {
  hits: number;
  misses: number;
  waits: number;
  fills: number;
  refused: number;
  deletes: number;
  expired: number;
  early: number;
}

export interface CacheState {
  entries: Record<string, CacheEntry>;
  fills: Record<string, Fill>;
  /** Versioned sets: the newest version deleted or stored per key (a tombstone's memory). */
  floors: Record<string, number>;
  dbOps: Record<string, DbOp>;
  settings: CacheSettings;
  stats: CacheStats;
  /** Lab bookkeeping, not data the cache keeps: acknowledged writes that died unflushed in a crash. */
  lostWrites: number;
}

interface Persisted {
  lostWrites: number;
  /** Of which in this crash. */
  lostInCrash: number;
  settings: CacheSettings;
}

/** How long a lease (or a fill in progress) lives: after it, another reader may fill. */
export const LEASE_MS = 1000;
/** How long the cache waits for the database before it gives up on its own request. */
const DB_TIMEOUT_MS = 1000;
const SWEEP_MS = 250;
/** XFetch's beta: above 1 favours earlier refreshes. */
const XFETCH_BETA = 1;
const FLUSH = 'flush';
const SWEEP = 'sweep';

const ZERO: CacheStats = { hits: 0, misses: 0, waits: 0, fills: 0, refused: 0, deletes: 0, expired: 0, early: 0 };

function bump(state: CacheState, stat: keyof CacheStats, out: Effect[], metric?: string): CacheState {
  if (metric) out.push({ kind: 'metric', name: metric, metric: 'count' });
  return { ...state, stats: { ...state.stats, [stat]: state.stats[stat] + 1 } };
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record;
  const copy = { ...record };
  delete copy[key];
  return copy;
}

const liveFill = (state: CacheState, key: string, now: number): Fill | null => {
  const fill = state.fills[key];
  return fill && now - fill.sinceMs < LEASE_MS ? fill : null;
};

/** XFetch (Vattani et al., VLDB 2015): refresh early when delta·beta·(−ln u) reaches past expiry. */
function refreshEarly(entry: CacheEntry, ctx: NodeContext): boolean {
  if (entry.expiresAtMs === null) return false;
  const u = (ctx.rng.int(1_000_000) + 1) / 1_000_000;
  return Math.round(entry.fetchMs * XFETCH_BETA * -Math.log(u)) >= entry.expiresAtMs - ctx.clockMs;
}

type Lookup = { hit: CacheEntry } | { wait: true } | { miss: true; token: number | null };

/** A lookup: a fresh value, or what a reader that missed may do (fill with a token, or wait). */
function lookup(state: CacheState, key: string, ctx: NodeContext, out: Effect[]): [CacheState, Lookup] {
  const now = ctx.clockMs;
  const s = state.settings;
  let entry: CacheEntry | undefined = state.entries[key];
  let next = state;
  if (entry && entry.dirty === null && entry.expiresAtMs !== null && now >= entry.expiresAtMs) {
    next = bump({ ...next, entries: without(next.entries, key) }, 'expired', out, 'expired');
    if (key === 'hot') out.push({ kind: 'note', tag: 'expired', text: `${ctx.id}: ${key}=${entry.value ?? 'nil'} expired (TTL ${s.ttlMs} ms)` });
    entry = undefined;
  }
  const fill = liveFill(next, key, now);
  if (entry) {
    if (!(s.xfetch && entry.dirty === null && !fill && refreshEarly(entry, ctx))) return [bump(next, 'hits', out, 'hits'), { hit: entry }];
    out.push({ kind: 'note', tag: 'early-refresh', text: `${ctx.id}: ${key} refreshed early, ${entry.expiresAtMs! - now} ms before it expires (XFetch)` });
    next = bump(next, 'early', out, 'early-refreshes');
  } else next = bump(next, 'misses', out, 'misses');
  if (fill && s.coalescing) return [bump(next, 'waits', out, 'waits'), { wait: true }];
  // With leases, one reader at a time may fill; the others read the database but may not set.
  if (fill && s.leases) return [next, { miss: true, token: null }];
  const token = ctx.next('cache-lease', 1);
  return [{ ...next, fills: { ...next.fills, [key]: { token, sinceMs: now } } }, { miss: true, token }];
}

/** Stores a value read from the database, unless a guard refuses it. */
function fill(state: CacheState, key: string, value: number | null, version: number, token: number | null, fetchMs: number, ctx: NodeContext, out: Effect[]): CacheState {
  const s = state.settings;
  const current = state.entries[key];
  const fills = state.fills[key]?.token === token ? without(state.fills, key) : state.fills;
  const refuse = (why: string) => {
    out.push({ kind: 'note', tag: 'refused-fill', text: `${ctx.id} refused to fill ${key}=${value ?? 'nil'} (v${version}): ${why}`, data: { key, version } });
    return bump({ ...state, fills }, 'refused', out, 'refused-fills');
  };
  if (current?.dirty != null) return { ...state, fills }; // never overwrite a write not yet flushed
  if (s.leases && (token === null || liveFill(state, key, ctx.clockMs)?.token !== token)) return refuse(token === null ? 'the reader held no lease' : `lease L${token} was voided by a delete or ran out`);
  if (s.versioned && version < Math.max(current?.version ?? 0, state.floors[key] ?? 0)) return refuse(`it holds or deleted v${Math.max(current?.version ?? 0, state.floors[key] ?? 0)}`);
  out.push({ kind: 'metric', name: 'fills', metric: 'count' });
  return bump({ ...state, fills, entries: { ...state.entries, [key]: entryOf(value, version, fetchMs, s, ctx) } }, 'fills', out);
}

function entryOf(value: number | null, version: number, fetchMs: number, s: CacheSettings, ctx: NodeContext): CacheEntry {
  return { value, version, fetchMs, dirty: null, expiresAtMs: s.ttlMs > 0 ? ctx.clockMs + s.ttlMs : null };
}

/** A write's new value (update invalidation, write-through): it voids fills in progress. */
function store(state: CacheState, key: string, value: number | null, version: number, ctx: NodeContext, out: Effect[]): CacheState {
  const current = state.entries[key];
  if (state.settings.versioned && version < Math.max(current?.version ?? 0, state.floors[key] ?? 0)) {
    out.push({ kind: 'note', tag: 'refused-fill', text: `${ctx.id} refused to set ${key}=${value ?? 'nil'} (v${version}): it holds a newer version`, data: { key, version } });
    return bump(state, 'refused', out, 'refused-fills');
  }
  const floors = state.settings.versioned ? { ...state.floors, [key]: Math.max(version, state.floors[key] ?? 0) } : state.floors;
  return { ...state, floors, fills: without(state.fills, key), entries: { ...state.entries, [key]: entryOf(value, version, 0, state.settings, ctx) } };
}

function remove(state: CacheState, key: string, version: number | null, out: Effect[]): CacheState {
  const entry = state.entries[key];
  const entries = entry && entry.dirty === null ? without(state.entries, key) : state.entries;
  // The tombstone remembers the newest version seen: the delete's and the value it removed.
  const floors = state.settings.versioned ? { ...state.floors, [key]: Math.max(version ?? 0, entry?.version ?? 0, state.floors[key] ?? 0) } : state.floors;
  return bump({ ...state, entries, floors, fills: without(state.fills, key) }, 'deletes', out, 'deletes');
}

function dbRequest(state: CacheState, op: DbOp, message: Message, ctx: NodeContext, out: Effect[]): CacheState {
  // Run-wide ids: an answer to a request from before a crash never matches a new one.
  const id = ctx.next('cache-op', 1);
  out.push({ kind: 'send', to: databaseId(ctx), message: { ...message, op: id } });
  return { ...state, dbOps: { ...state.dbOps, [id]: op } };
}

export function databaseId(ctx: NodeContext): NodeId {
  return ctx.roster.db?.[0] ?? 'db1';
}

function onMessage(state: CacheState, from: NodeId, m: Message, ctx: NodeContext): Step<CacheState> {
  const out: Effect[] = [];
  const key = String(m.key);
  const op = Number(m.op);
  switch (m.type) {
    case 'CacheGet':
    case 'CacheRead': {
      const [next, found] = lookup(state, key, ctx, out);
      if ('hit' in found) out.push({ kind: 'send', to: from, message: { type: 'Hit', op, key, value: found.hit.value, version: found.hit.version } });
      else if ('wait' in found) out.push({ kind: 'send', to: from, message: { type: 'Wait', op, key } });
      else if (m.type === 'CacheGet') out.push({ kind: 'send', to: from, message: { type: 'Miss', op, key, token: found.token, lease: next.settings.leases ? found.token : null } });
      else return [dbRequest(next, { kind: 'fetch', key, token: found.token, app: from, op, sinceMs: ctx.clockMs }, { type: 'DbRead', key }, ctx, out), out];
      return [next, out];
    }
    case 'CacheSet': {
      if (m.fill === true) return [fill(state, key, m.value as number | null, Number(m.version), (m.token as number | null) ?? null, Number(m.fetchMs ?? 0), ctx, out), out];
      const next = store(state, key, m.value as number | null, Number(m.version), ctx, out);
      out.push({ kind: 'send', to: from, message: { type: 'SetDone', op, key } });
      return [next, out];
    }
    case 'CacheDelete':
    case 'Invalidate': {
      const version = typeof m.version === 'number' ? m.version : null;
      const next = remove(state, key, version, out);
      out.push({ kind: 'send', to: from, message: m.type === 'Invalidate' ? { type: 'Invalidated', key, version } : { type: 'Deleted', op, key } });
      return [next, out];
    }
    case 'CacheWrite':
      return [write(state, from, op, key, m.value as number | null, ctx, out), out];
    case 'DbValue':
    case 'DbAck':
      return [dbAnswer(state, m, ctx, out), out];
    default:
      return [state, []];
  }
}

function write(state: CacheState, app: NodeId, op: number, key: string, value: number | null, ctx: NodeContext, out: Effect[]): CacheState {
  if (state.settings.strategy === 'write-through') return dbRequest(state, { kind: 'write', key, value, app, op, sinceMs: ctx.clockMs }, { type: 'DbWrite', key, value }, ctx, out);
  // Write-behind: acknowledged now, in the database only after the next flush.
  const seq = ctx.next('cache-write', 1);
  const current = state.entries[key];
  const entry: CacheEntry = { value, version: current?.version ?? 0, fetchMs: 0, dirty: seq, expiresAtMs: null };
  out.push({ kind: 'send', to: app, message: { type: 'Written', op, key } });
  return { ...state, fills: without(state.fills, key), entries: { ...state.entries, [key]: entry } };
}

function dbAnswer(state: CacheState, m: Message, ctx: NodeContext, out: Effect[]): CacheState {
  const op = state.dbOps[String(m.op)];
  if (!op) return state; // an answer after the cache gave up on it, or a duplicate
  const next = { ...state, dbOps: without(state.dbOps, String(m.op)) };
  const version = Number(m.version);
  if (op.kind === 'fetch') {
    out.push({ kind: 'send', to: op.app, message: { type: 'Hit', op: op.op, key: op.key, value: m.value, version } });
    return fill(next, op.key, m.value as number | null, version, op.token, ctx.clockMs - op.sinceMs, ctx, out);
  }
  if (op.kind === 'write') {
    out.push({ kind: 'send', to: op.app, message: { type: 'Written', op: op.op, key: op.key } });
    return store(next, op.key, op.value, version, ctx, out);
  }
  const entry = next.entries[op.key];
  if (!entry || entry.dirty !== op.seq) return next; // written again since: the next flush carries it
  return { ...next, entries: { ...next.entries, [op.key]: { ...entry, version, dirty: null, expiresAtMs: next.settings.ttlMs > 0 ? ctx.clockMs + next.settings.ttlMs : null } } };
}

function flush(state: CacheState, ctx: NodeContext): Step<CacheState> {
  const out: Effect[] = [{ kind: 'set-timer', timer: FLUSH, afterMs: readParams(ctx.params).flushEveryMs, quiet: true }];
  let next = state;
  for (const [key, entry] of Object.entries(state.entries)) {
    if (entry.dirty === null) continue;
    const seq = entry.dirty;
    if (Object.values(next.dbOps).some((op) => op.kind === 'flush' && op.seq === seq)) continue;
    out.push({ kind: 'metric', name: 'flushes', metric: 'count' });
    next = dbRequest(next, { kind: 'flush', key, seq, sinceMs: ctx.clockMs }, { type: 'DbWrite', key, value: entry.value }, ctx, out);
  }
  return [next, out];
}

/** Gives up on database requests that went unanswered: a fetch frees its key for another
 * reader; a write-through write of unknown outcome deletes the key (never keep a value the
 * database may have replaced); a flush is sent again by the next flush. */
function sweep(state: CacheState, ctx: NodeContext): Step<CacheState> {
  const out: Effect[] = [{ kind: 'set-timer', timer: SWEEP, afterMs: SWEEP_MS, quiet: true }];
  let next = state;
  for (const [id, op] of Object.entries(state.dbOps)) {
    if (ctx.clockMs - op.sinceMs < DB_TIMEOUT_MS) continue;
    next = { ...next, dbOps: without(next.dbOps, id) };
    if (op.kind === 'fetch' && next.fills[op.key]?.token === op.token) next = { ...next, fills: without(next.fills, op.key) };
    if (op.kind === 'write') next = remove(next, op.key, null, out);
  }
  return [next, out];
}

function unflushed(state: CacheState): number {
  return Object.values(state.entries).filter((e) => e.dirty !== null).length;
}

function timers(ctx: NodeContext): Effect[] {
  return [
    { kind: 'set-timer', timer: FLUSH, afterMs: readParams(ctx.params).flushEveryMs, quiet: true },
    { kind: 'set-timer', timer: SWEEP, afterMs: SWEEP_MS, quiet: true },
  ];
}

export function emptyCache(settings: CacheSettings, lostWrites = 0): CacheState {
  return { entries: {}, fills: {}, floors: {}, dbOps: {}, settings, stats: ZERO, lostWrites };
}

export const cacheNode: Protocol<CacheState, Persisted> = {
  id: 'caching-cache',
  init: (ctx) => [emptyCache(pickSettings(readParams(ctx.params))), timers(ctx)],
  onMessage,
  onTimer(state, timer, ctx) {
    if (timer === FLUSH) return flush(state, ctx);
    if (timer === SWEEP) return sweep(state, ctx);
    return [state, []];
  },
  onControl(state, control) {
    if (control.do === 'configure') return [{ ...state, settings: control.settings as CacheSettings }, []];
    if (control.do !== 'flush-all') return [state, []];
    // The operator empties the cache; writes not yet in the database stay.
    const entries = Object.fromEntries(Object.entries(state.entries).filter(([, e]) => e.dirty !== null));
    return [{ ...state, entries, fills: {} }, [{ kind: 'note', tag: 'flushed', text: 'the cache was emptied by hand' }]];
  },
  // Memory is gone in a crash: what a restart keeps is the setting, and the lab's count of
  // acknowledged writes that died with it.
  persisted: (state) => ({ lostWrites: state.lostWrites + unflushed(state), lostInCrash: unflushed(state), settings: state.settings }),
  recover(saved, ctx) {
    const out: Effect[] = [...timers(ctx), { kind: 'note', tag: 'cache-cold', text: `${ctx.id} restarted empty: every key will miss` }];
    if (saved.lostInCrash > 0) {
      out.push({ kind: 'note', tag: 'lost-writes', text: `${ctx.id} crashed holding ${saved.lostInCrash} acknowledged write(s) not yet in the database: they are gone`, data: { lost: saved.lostInCrash } });
      out.push({ kind: 'metric', name: 'lost-writes', metric: 'count', value: saved.lostInCrash });
    }
    return [emptyCache(saved.settings, saved.lostWrites), out];
  },
  view(state): NodeView {
    const keys = Object.keys(state.entries).sort();
    const hot = state.entries.hot;
    return {
      role: 'cache',
      summary: keys.map((k) => `${k}=${state.entries[k].value ?? 'nil'}${state.entries[k].dirty !== null ? '*' : ''}`).join(' ') || 'empty',
      badge: hot ? `hot=${hot.value ?? 'nil'}` : 'hot: –',
      details: { ...state.stats, keys: keys.length, unflushed: unflushed(state), leases: Object.keys(state.fills).length, lostWrites: state.lostWrites },
    };
  },
};
