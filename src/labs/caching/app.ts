// An app server: takes clients' gets and puts and carries them out by the strategy in force.
// cache-aside: look up the cache; on a miss read the database and fill the cache (with the lease
// token the miss carried); on a write, write the database and then invalidate (delete, update or
// nothing). The other strategies ask the cache and let it talk to the database. Now and then a
// fill stalls between the database read and the cache set (a GC pause): the slow reader of the
// cache-aside race. If the cache does not answer, reads go to the database directly.
import type { Effect, Message, NodeContext, NodeId, NodeView, Protocol, Step } from '../../engine/types';
import { cacheId } from './database';
import { databaseId } from './cache';
import { appFills, pickSettings, readParams, writesViaCache, type CacheSettings } from './params';

type Stage = 'lookup' | 'fetch' | 'stalled' | 'direct' | 'pre-delete' | 'db-write' | 'invalidate' | 'via-cache';

export interface AppOp {
  client: NodeId;
  req: number;
  f: 'get' | 'put';
  key: string;
  value: number | null;
  stage: Stage;
  startedMs: number;
  /** When the database read began (XFetch's delta is how long a fill takes). */
  fetchMs: number;
  token: number | null;
  /** The value read, held while a stalled fill waits. */
  read: { value: number | null; version: number } | null;
  tries: number;
}

export interface AppState {
  ops: Record<string, AppOp>;
  settings: CacheSettings;
  served: number;
  stalls: number;
}

/** How long the app waits for the cache before it reads the database directly. */
const CACHE_TIMEOUT_MS = 250;
/** How long it retries a delete or update before it leaves the rest to the commit-log tailer. */
const INVALIDATE_FOR_MS = 300;
const RETRY_MS = 20;
/** An operation older than this is dropped without an answer (the client has given up). */
const GIVE_UP_MS = 2000;

const timeout = (op: number) => `t:${op}`;
const retry = (op: number) => `r:${op}`;

function put(state: AppState, id: number, op: AppOp): AppState {
  return { ...state, ops: { ...state.ops, [id]: op } };
}

function done(state: AppState, id: number): AppState {
  const ops = { ...state.ops };
  delete ops[id];
  return { ...state, ops, served: state.served + 1 };
}

function send(out: Effect[], to: NodeId, message: Message): void {
  out.push({ kind: 'send', to, message });
}

/** Sends the request of an operation's stage, and arms its timeout. */
function enter(state: AppState, id: number, op: AppOp, stage: Stage, ctx: NodeContext, out: Effect[]): AppState {
  const next = { ...op, stage };
  const key = op.key;
  switch (stage) {
    case 'lookup':
      send(out, cacheId(ctx), { type: appFills(state.settings) ? 'CacheGet' : 'CacheRead', op: id, key });
      break;
    case 'fetch':
    case 'direct':
      next.fetchMs = ctx.clockMs;
      send(out, databaseId(ctx), { type: 'DbRead', op: id, key });
      break;
    case 'pre-delete':
      send(out, cacheId(ctx), { type: 'CacheDelete', op: id, key });
      break;
    case 'db-write':
      send(out, databaseId(ctx), { type: 'DbWrite', op: id, key, value: op.value });
      break;
    case 'via-cache':
      send(out, cacheId(ctx), { type: 'CacheWrite', op: id, key, value: op.value });
      break;
    default:
      break;
  }
  out.push({ kind: 'set-timer', timer: timeout(id), afterMs: stage === 'lookup' || stage === 'pre-delete' ? CACHE_TIMEOUT_MS : GIVE_UP_MS, quiet: true });
  return put(state, id, next);
}

function answer(state: AppState, id: number, op: AppOp, message: Message, out: Effect[]): AppState {
  send(out, op.client, { ...message, req: op.req, key: op.key });
  out.push({ kind: 'cancel-timer', timer: timeout(id) }, { kind: 'cancel-timer', timer: retry(id) });
  return done(state, id);
}

function fromClient(state: AppState, from: NodeId, m: Message, ctx: NodeContext): Step<AppState> {
  const out: Effect[] = [];
  // Run-wide ids: a late answer meant for an operation from before a crash never matches a new one.
  const id = ctx.next('app-op', 1);
  const op: AppOp = { client: from, req: Number(m.req), f: m.type === 'Get' ? 'get' : 'put', key: String(m.key), value: (m.value as number | null) ?? null, stage: 'lookup', startedMs: ctx.clockMs, fetchMs: 0, token: null, read: null, tries: 0 };
  const s = state.settings;
  const first: Stage = op.f === 'get' ? 'lookup' : writesViaCache(s) ? 'via-cache' : s.invalidation === 'delete-first' ? 'pre-delete' : 'db-write';
  return [enter(state, id, op, first, ctx, out), out];
}

/** The fill after a database read: set the cache (with the miss's token) and answer. */
function fillAndAnswer(state: AppState, id: number, op: AppOp, ctx: NodeContext, out: Effect[]): AppState {
  const read = op.read!;
  if (op.stage === 'fetch' || op.stage === 'stalled') {
    send(out, cacheId(ctx), { type: 'CacheSet', fill: true, key: op.key, value: read.value, version: read.version, token: op.token, lease: state.settings.leases ? op.token : null, fetchMs: Math.max(1, ctx.clockMs - op.fetchMs) });
  }
  return answer(state, id, op, { type: 'Value', value: read.value }, out);
}

function fromStore(state: AppState, m: Message, ctx: NodeContext): Step<AppState> {
  const id = Number(m.op);
  const op = state.ops[id];
  if (!op || m.key !== op.key) return [state, []];
  const out: Effect[] = [];
  const s = state.settings;
  switch (m.type) {
    case 'Hit':
      return op.stage === 'lookup' ? [answer(state, id, op, { type: 'Value', value: m.value }, out), out] : [state, []];
    case 'Miss':
      if (op.stage !== 'lookup') return [state, []];
      return [enter(state, id, { ...op, token: (m.token as number | null) ?? null }, 'fetch', ctx, out), out];
    case 'Wait':
      if (op.stage !== 'lookup') return [state, []];
      out.push({ kind: 'cancel-timer', timer: timeout(id) }, { kind: 'set-timer', timer: retry(id), afterMs: RETRY_MS, quiet: true });
      return [put(state, id, { ...op, tries: op.tries + 1 }), out];
    case 'DbValue': {
      if (op.stage !== 'fetch' && op.stage !== 'direct') return [state, []];
      const read = { value: (m.value as number | null) ?? null, version: Number(m.version) };
      if (op.stage === 'fetch' && ctx.rng.chancePpm(s.slowFillPercent * 10_000)) {
        const [minMs, maxMs] = readParams(ctx.params).slowFillMs;
        out.push({ kind: 'note', tag: 'slow-fill', text: `${ctx.id} stalls (a GC pause) holding ${op.key}=${read.value ?? 'nil'} v${read.version} before it fills the cache`, data: { key: op.key, version: read.version } });
        out.push({ kind: 'cancel-timer', timer: timeout(id) }, { kind: 'set-timer', timer: retry(id), range: { minMs, maxMs }, quiet: true });
        return [{ ...put(state, id, { ...op, stage: 'stalled', read }), stalls: state.stalls + 1 }, out];
      }
      return [fillAndAnswer(state, id, { ...op, read }, ctx, out), out];
    }
    case 'DbAck':
      if (op.stage !== 'db-write') return [state, []];
      return [afterDbWrite(state, id, op, Number(m.version), ctx, out), out];
    case 'Deleted':
      if (op.stage === 'pre-delete') return [enter(state, id, op, 'db-write', ctx, out), out];
      return op.stage === 'invalidate' ? [answer(state, id, op, { type: 'Stored' }, out), out] : [state, []];
    case 'SetDone':
    case 'Written':
      return op.stage === 'invalidate' || op.stage === 'via-cache' ? [answer(state, id, op, { type: 'Stored' }, out), out] : [state, []];
    default:
      return [state, []];
  }
}

/** After the database has the write: invalidate as configured, then answer. */
function afterDbWrite(state: AppState, id: number, op: AppOp, version: number, ctx: NodeContext, out: Effect[]): AppState {
  const how = state.settings.invalidation;
  if (how === 'none' || how === 'delete-first') return answer(state, id, op, { type: 'Stored' }, out);
  const message: Message = how === 'delete' ? { type: 'CacheDelete', op: id, key: op.key, version } : { type: 'CacheSet', fill: false, op: id, key: op.key, value: op.value, version };
  send(out, cacheId(ctx), message);
  out.push({ kind: 'cancel-timer', timer: timeout(id) }, { kind: 'set-timer', timer: retry(id), afterMs: RETRY_MS * 3, quiet: true });
  return put(state, id, { ...op, stage: 'invalidate', read: { value: op.value, version }, fetchMs: ctx.clockMs, tries: 0 });
}

function onTimer(state: AppState, timer: string, ctx: NodeContext): Step<AppState> {
  const id = Number(timer.slice(2));
  const op = state.ops[id];
  if (!op) return [state, []];
  const out: Effect[] = [];
  if (timer.startsWith('r:')) {
    if (op.stage === 'stalled') return [fillAndAnswer(state, id, op, ctx, out), out];
    if (op.stage === 'lookup') {
      if (ctx.clockMs - op.startedMs > GIVE_UP_MS) return [done(state, id), []];
      return [enter(state, id, op, 'lookup', ctx, out), out];
    }
    if (op.stage === 'invalidate') {
      // The write is in the database: retry the delete or update for a while, then answer anyway.
      if (ctx.clockMs - op.fetchMs >= INVALIDATE_FOR_MS) return [answer(state, id, op, { type: 'Stored' }, out), out];
      const read = op.read!;
      const how = state.settings.invalidation;
      send(out, cacheId(ctx), how === 'update' ? { type: 'CacheSet', fill: false, op: id, key: op.key, value: op.value, version: read.version } : { type: 'CacheDelete', op: id, key: op.key, version: read.version });
      out.push({ kind: 'set-timer', timer: retry(id), afterMs: RETRY_MS * 3, quiet: true });
      return [state, out];
    }
    return [state, []];
  }
  // A timeout: a cache that does not answer a lookup is skipped; anything else is given up.
  if (op.stage === 'lookup') {
    out.push({ kind: 'note', tag: 'cache-unavailable', text: `${ctx.id}: no answer from the cache for ${op.key}: reading the database directly` });
    return [enter(state, id, op, 'direct', ctx, out), out];
  }
  if (op.stage === 'pre-delete') return [enter(state, id, op, 'db-write', ctx, out), out];
  return [done(state, id), []];
}

export const appServer: Protocol<AppState, { settings: CacheSettings; served: number; stalls: number }> = {
  id: 'caching-app',
  init: (ctx) => [{ ops: {}, settings: pickSettings(readParams(ctx.params)), served: 0, stalls: 0 }, []],
  onMessage(state, from, m, ctx) {
    if (m.type === 'Get' || m.type === 'Put') return fromClient(state, from, m, ctx);
    return fromStore(state, m, ctx);
  },
  onTimer,
  onControl(state, control) {
    return control.do === 'configure' ? [{ ...state, settings: control.settings as CacheSettings }, []] : [state, []];
  },
  // An app server keeps nothing but its settings: operations in progress die with it.
  persisted: (state) => ({ settings: state.settings, served: state.served, stalls: state.stalls }),
  recover: (saved) => [{ ...saved, ops: {} }, []],
  view(state): NodeView {
    const ops = Object.values(state.ops);
    return {
      role: 'app server',
      summary: ops.length === 0 ? 'idle' : ops.slice(0, 3).map((op) => `${op.f} ${op.key}: ${op.stage}`).join(', '),
      details: { inProgress: ops.length, served: state.served, stalls: state.stalls },
    };
  },
};
