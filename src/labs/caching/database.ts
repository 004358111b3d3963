// The database: the source of truth. Each key holds a value and a version the database assigns
// (1, 2, 3… per key). Reads and writes take a while to serve. With delete invalidation, its
// commit-log tailer (Facebook's mcsqueal) deletes every changed key from the cache and retries
// until the cache acknowledges: the backstop for an app server that dies before its own delete.
// Data and the tailer's queue are durable; requests being served are lost in a crash.
import type { Effect, Message, NodeContext, NodeId, NodeView, Protocol, Step } from '../../engine/types';
import { pickSettings, readParams, tailerDeletes, type CacheSettings } from './params';

export interface DbRecord {
  value: number | null;
  version: number;
}

interface Serving {
  from: NodeId;
  op: number;
  kind: 'read' | 'write';
  key: string;
  value?: number | null;
}

export interface DatabaseState {
  data: Record<string, DbRecord>;
  /** Keys the tailer still has to delete from the cache, with the version that changed them. */
  tailer: Record<string, number>;
  serving: Record<string, Serving>;
  nextJob: number;
  reads: number;
  writes: number;
  settings: CacheSettings;
}

type Persisted = Pick<DatabaseState, 'data' | 'tailer' | 'reads' | 'writes' | 'settings'>;

const TAILER_TIMER = 'tailer';
const TAILER_RETRY_MS = 100;
const serveTimer = (job: number) => `serve:${job}`;

export function cacheId(ctx: NodeContext): NodeId {
  return ctx.roster.cache?.[0] ?? 'cache1';
}

export const NIL: DbRecord = { value: null, version: 0 };

function receive(state: DatabaseState, from: NodeId, m: Message, ctx: NodeContext): Step<DatabaseState> {
  const kind = m.type === 'DbRead' ? 'read' : 'write';
  const key = String(m.key);
  const job = state.nextJob;
  const out: Effect[] = [
    { kind: 'metric', name: 'db-requests', metric: 'count' },
    { kind: 'metric', name: kind === 'read' ? 'db-reads' : 'db-writes', metric: 'count' },
    { kind: 'set-timer', timer: serveTimer(job), range: rangeOf(ctx), quiet: true },
  ];
  if (kind === 'read') {
    // A herd: several reads of one key at the database at once (what a stampede looks like here).
    const same = Object.values(state.serving).filter((s) => s.kind === 'read' && s.key === key).length;
    out.push({ kind: 'metric', name: 'herd', metric: 'sample', value: same + 1 });
    if (same >= 2) out.push({ kind: 'note', tag: 'herd', text: `${same + 1} reads of ${key} at the database at once`, data: { key, reads: same + 1 } });
  }
  const serving: Serving = { from, op: Number(m.op), kind, key, ...(kind === 'write' ? { value: m.value as number | null } : {}) };
  return [{ ...state, nextJob: job + 1, serving: { ...state.serving, [job]: serving } }, out];
}

function rangeOf(ctx: NodeContext) {
  const [minMs, maxMs] = readParams(ctx.params).dbMs;
  return { minMs, maxMs };
}

function serve(state: DatabaseState, job: string, ctx: NodeContext): Step<DatabaseState> {
  const s = state.serving[job];
  if (!s) return [state, []];
  const serving = { ...state.serving };
  delete serving[job];
  const current = state.data[s.key] ?? NIL;
  if (s.kind === 'read') {
    return [{ ...state, serving, reads: state.reads + 1 }, [{ kind: 'send', to: s.from, message: { type: 'DbValue', op: s.op, key: s.key, value: current.value, version: current.version } }]];
  }
  const record: DbRecord = { value: s.value ?? null, version: current.version + 1 };
  const out: Effect[] = [{ kind: 'send', to: s.from, message: { type: 'DbAck', op: s.op, key: s.key, version: record.version } }];
  let tailer = state.tailer;
  if (tailerDeletes(state.settings)) {
    tailer = { ...tailer, [s.key]: record.version };
    out.push({ kind: 'send', to: cacheId(ctx), message: { type: 'Invalidate', key: s.key, version: record.version } });
    out.push({ kind: 'set-timer', timer: TAILER_TIMER, afterMs: TAILER_RETRY_MS, quiet: true });
  }
  return [{ ...state, serving, tailer, writes: state.writes + 1, data: { ...state.data, [s.key]: record } }, out];
}

function retryTailer(state: DatabaseState, ctx: NodeContext): Step<DatabaseState> {
  const pending = Object.entries(state.tailer);
  if (pending.length === 0) return [state, []];
  const out: Effect[] = pending.map(([key, version]) => ({ kind: 'send', to: cacheId(ctx), message: { type: 'Invalidate', key, version } }));
  out.push({ kind: 'set-timer', timer: TAILER_TIMER, afterMs: TAILER_RETRY_MS, quiet: true });
  return [state, out];
}

function acknowledged(state: DatabaseState, m: Message): Step<DatabaseState> {
  const key = String(m.key);
  // Only the latest change's acknowledgement clears the key: an older one may have raced it.
  if (state.tailer[key] === undefined || state.tailer[key] > Number(m.version)) return [state, []];
  const tailer = { ...state.tailer };
  delete tailer[key];
  return [{ ...state, tailer }, []];
}

export const database: Protocol<DatabaseState, Persisted> = {
  id: 'caching-database',
  init: (ctx) => [{ data: {}, tailer: {}, serving: {}, nextJob: 1, reads: 0, writes: 0, settings: pickSettings(readParams(ctx.params)) }, []],
  onMessage(state, from, m, ctx) {
    if (m.type === 'DbRead' || m.type === 'DbWrite') return receive(state, from, m, ctx);
    if (m.type === 'Invalidated') return acknowledged(state, m);
    return [state, []];
  },
  onTimer(state, timer, ctx) {
    if (timer === TAILER_TIMER) return retryTailer(state, ctx);
    if (timer.startsWith('serve:')) return serve(state, timer.slice('serve:'.length), ctx);
    return [state, []];
  },
  onControl(state, control, ctx) {
    if (control.do !== 'configure') return [state, []];
    const settings = control.settings as CacheSettings;
    // Turning the tailer off drops its queue; turning it on starts from the next write.
    const tailer = tailerDeletes(settings) ? state.tailer : {};
    const next = { ...state, settings, tailer };
    return Object.keys(tailer).length > 0 ? [next, retryTailer(next, ctx)[1]] : [next, []];
  },
  persisted: (state) => ({ data: state.data, tailer: state.tailer, reads: state.reads, writes: state.writes, settings: state.settings }),
  recover: (saved, ctx) => retryTailer({ ...saved, serving: {}, nextJob: 1 }, ctx),
  view(state): NodeView {
    const keys = Object.keys(state.data).sort();
    return {
      role: 'database',
      summary: keys.map((k) => `${k}=${state.data[k].value ?? 'nil'} v${state.data[k].version}`).join(' ') || 'empty',
      badge: state.data.hot ? `hot v${state.data.hot.version}` : undefined,
      details: { reads: state.reads, writes: state.writes, serving: Object.keys(state.serving).length, tailerPending: Object.keys(state.tailer).length },
    };
  },
};
