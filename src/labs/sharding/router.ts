// The router: holds the shard map, splits each client request into parts for the shards the map
// names (a scan of a key interval: the ranges it overlaps under range partitioning, every shard
// under hash partitioning; a read of a salted hot key: every sub-key), re-routes a part a shard
// redirects, and resends one that goes unanswered. It is also the operator of the map: a split,
// a move or a change of scheme makes the next version, handed to every shard until each says it
// is ready; one change at a time, the rest wait their turn.
import type { ControlAction, Effect, Message, NodeContext, NodeId, NodeView, Protocol, Step } from '../../engine/types';
import { withEntry, withoutEntry, writableRecord } from '../../protocols/owned-record';
import { hotKeyOf, subKey } from './keyspace';
import type { Op, Part } from './messages';
import { keyPosition } from './placement';
import { LIMITS, pickSettings, readParams, type Scheme, type WorkloadSettings } from './settings';
import { firstMap, SHARD_ROLE } from './shard';
import { describeRange, initialMap, moveRange, rangeIndexOf, rangesOverlapping, splitRange, type ShardMap } from './shard-map';

export const CLIENT_TIMEOUT_MS = 2000;
/** Long enough that a queue at a busy shard does not set off resends (each one more work). */
const PART_TIMEOUT_MS = 700;
const REDIRECT_DELAY_MS = 20;
const REMAP_MS = 300;
const SAMPLES = 128;

interface PendingRequest {
  client: NodeId;
  id: number;
  op: Op;
  key: number;
  deadlineMs: number;
  parts: number[];
  value: number;
  count: number;
  shards: NodeId[];
  hot: boolean;
}

interface PendingPart {
  req: number;
  part: Part;
  shard: NodeId;
}

export type MapChangeKind = 'split' | 'move' | 'rebalance' | 'repartition';

export interface MapChange {
  version: number;
  kind: MapChangeKind;
  text: string;
  startedMs: number;
  doneMs: number | null;
}

export interface RouterDisk {
  map: ShardMap;
  migration: { version: number; waiting: NodeId[] } | null;
  planned: ControlAction[];
  settings: WorkloadSettings;
  /** Sub-keys a read of the hot key must visit: the most it was ever salted into. */
  hotFanout: number;
  changes: MapChange[];
}

export interface RouterState extends RouterDisk {
  requests: Record<number, PendingRequest>;
  parts: Record<number, PendingPart>;
  nextReq: number;
  nextPart: number;
  /** Parts sent per range index (this second, and the last whole one). */
  rangeHits: number[];
  lastRangeHits: number[];
  shardHits: Record<NodeId, number>;
  lastShardHits: Record<NodeId, number>;
  /** Positions of recent key requests: where a load-based split cuts. */
  samples: number[];
  redirects: number;
  refused: number;
}

const partTimer = (rid: number) => `p${rid}`;

function shardsOf(ctx: NodeContext): readonly NodeId[] {
  return ctx.roster[SHARD_ROLE];
}

/** Parts for a request under the router's map. */
function plan(state: RouterState, op: Op, key: number, len: number, value: number | undefined, ctx: NodeContext): { part: Part; shard: NodeId }[] {
  const { keys } = readParams(ctx.params);
  const hot = hotKeyOf(keys);
  const at = (k: number) => state.map.ranges[rangeIndexOf(state.map, keyPosition(k, state.map, keys))].shard;
  if (op === 'scan') {
    const from = key;
    const to = key + len;
    if (state.map.scheme === 'hash') return shardsOf(ctx).map((shard) => ({ part: { op, from, to }, shard }));
    return rangesOverlapping(state.map, from, to).map((r) => ({ part: { op, from, to, lo: Math.max(r.lo, from), hi: Math.min(r.hi, to) }, shard: r.shard }));
  }
  if (key === hot && op === 'get' && state.hotFanout > 1) {
    return Array.from({ length: state.hotFanout }, (_, j) => ({ part: { op, key: subKey(hot, j) }, shard: at(subKey(hot, j)) }));
  }
  const target = key === hot && op === 'incr' && state.settings.salt > 1 ? subKey(hot, ctx.rng.int(state.settings.salt)) : key;
  return [{ part: { op, key: target, value }, shard: at(target) }];
}

function sendPart(state: RouterState, rid: number, pending: PendingPart, first: boolean, ctx: NodeContext, out: Effect[]): RouterState {
  out.push({ kind: 'send', to: pending.shard, message: { type: 'Part', rid, part: pending.part } });
  out.push({ kind: 'set-timer', timer: partTimer(rid), afterMs: PART_TIMEOUT_MS, quiet: true });
  if (!first) return { ...state, parts: withEntry(state.parts, rid, pending) };
  const { keys } = readParams(ctx.params);
  const position = pending.part.key !== undefined ? keyPosition(pending.part.key, state.map, keys) : (pending.part.lo ?? 0);
  const index = rangeIndexOf(state.map, position);
  const rangeHits = state.rangeHits.slice();
  rangeHits[index] = (rangeHits[index] ?? 0) + 1;
  const samples = pending.part.key !== undefined ? [...state.samples.slice(-(SAMPLES - 1)), position] : state.samples;
  return {
    ...state, rangeHits, samples,
    parts: withEntry(state.parts, rid, pending),
    shardHits: withEntry(state.shardHits, pending.shard, (state.shardHits[pending.shard] ?? 0) + 1),
  };
}

function dispatch(state: RouterState, req: number, planned: { part: Part; shard: NodeId }[], ctx: NodeContext, out: Effect[]): RouterState {
  let next = state;
  const rids: number[] = [];
  for (const { part, shard } of planned) {
    const rid = next.nextPart;
    rids.push(rid);
    next = sendPart({ ...next, nextPart: rid + 1 }, rid, { req, part, shard }, true, ctx, out);
  }
  const request = next.requests[req];
  return { ...next, requests: withEntry(next.requests, req, { ...request, parts: [...request.parts, ...rids] }) };
}

function onRequest(state: RouterState, from: NodeId, message: Message, ctx: NodeContext): Step<RouterState> {
  const out: Effect[] = [];
  const op = message.op as Op;
  const key = Number(message.key);
  const req = state.nextReq;
  const hot = key === hotKeyOf(readParams(ctx.params).keys) && op !== 'scan';
  const request: PendingRequest = { client: from, id: Number(message.id), op, key, deadlineMs: ctx.clockMs + CLIENT_TIMEOUT_MS, parts: [], value: 0, count: 0, shards: [], hot };
  const planned = plan(state, op, key, Number(message.len ?? 0), message.value as number | undefined, ctx);
  const next = dispatch({ ...state, nextReq: req + 1, requests: withEntry(state.requests, req, request) }, req, planned, ctx, out);
  return [next, out];
}

function dropRequest(state: RouterState, req: number, out: Effect[]): RouterState {
  const request = state.requests[req];
  const parts = writableRecord(state.parts);
  for (const rid of request.parts) {
    delete parts[rid];
    out.push({ kind: 'cancel-timer', timer: partTimer(rid) });
  }
  return { ...state, parts, requests: withoutEntry(state.requests, req) };
}

function onPartDone(state: RouterState, from: NodeId, message: Message): Step<RouterState> {
  const rid = Number(message.rid);
  const part = state.parts[rid];
  if (!part) return [state, []];
  const out: Effect[] = [{ kind: 'cancel-timer', timer: partTimer(rid) }];
  const parts = withoutEntry(state.parts, rid);
  const before = state.requests[part.req];
  const request: PendingRequest = {
    ...before,
    parts: before.parts.filter((r) => r !== rid),
    value: before.value + (typeof message.value === 'number' ? message.value : 0),
    count: before.count + (typeof message.count === 'number' ? message.count : 0),
    shards: before.shards.includes(from) ? before.shards : [...before.shards, from],
  };
  if (request.parts.length > 0) return [{ ...state, parts, requests: withEntry(state.requests, part.req, request) }, out];
  const requests = withoutEntry(state.requests, part.req);
  out.push({ kind: 'send', to: request.client, message: { type: 'Res', id: request.id, ok: true, value: request.value, count: request.count, shards: request.shards.length } });
  if (request.op === 'scan') out.push({ kind: 'metric', name: 'scan-shards', metric: 'sample', value: request.shards.length });
  if (request.hot && request.op === 'get') out.push({ kind: 'metric', name: 'hot-read-shards', metric: 'sample', value: request.shards.length });
  return [{ ...state, parts, requests }, out];
}

/** A redirected or unanswered part goes where the router's map says now (a scan part is planned
 * again over its interval, which may now span other ranges or another scheme). */
function reroute(state: RouterState, rid: number, ctx: NodeContext): Step<RouterState> {
  const pending = state.parts[rid];
  if (!pending) return [state, []];
  const out: Effect[] = [];
  const request = state.requests[pending.req];
  if (ctx.clockMs >= request.deadlineMs) return [dropRequest(state, pending.req, out), out];
  const { part } = pending;
  const stillHash = state.map.scheme === 'hash' && part.lo === undefined;
  if (part.op === 'scan' && !stillHash) {
    const parts = withoutEntry(state.parts, rid);
    const lo = part.lo ?? part.from!;
    const hi = part.hi ?? part.to!;
    const replanned = state.map.scheme === 'range'
      ? rangesOverlapping(state.map, lo, hi).map((r) => ({ part: { ...part, lo: Math.max(r.lo, lo), hi: Math.min(r.hi, hi) }, shard: r.shard }))
      : [{ part: { op: part.op, from: part.from, to: part.to }, shard: pending.shard }];
    const base = { ...state, parts, requests: withEntry(state.requests, pending.req, { ...request, parts: request.parts.filter((r) => r !== rid) }) };
    return [dispatch(base, pending.req, replanned, ctx, out), out];
  }
  const { keys } = readParams(ctx.params);
  const shard = part.key !== undefined ? state.map.ranges[rangeIndexOf(state.map, keyPosition(part.key, state.map, keys))].shard : pending.shard;
  return [sendPart(state, rid, { ...pending, shard }, false, ctx, out), out];
}

function onRedirect(state: RouterState, from: NodeId, message: Message, ctx: NodeContext): Step<RouterState> {
  const rid = Number(message.rid);
  const pending = state.parts[rid];
  if (!pending) return [state, []];
  const out: Effect[] = [
    { kind: 'set-timer', timer: partTimer(rid), afterMs: REDIRECT_DELAY_MS, quiet: true },
    { kind: 'metric', name: 'redirects', metric: 'count' },
    { kind: 'note', tag: 'redirected', text: `${from} does not serve ${pending.part.op} ${pending.part.key !== undefined ? `k${pending.part.key}` : 'scan'} now: the router routes it again by map v${state.map.version}` },
  ];
  return [{ ...state, redirects: state.redirects + 1 }, out];
}

function onRefused(state: RouterState, from: NodeId, message: Message): Step<RouterState> {
  const pending = state.parts[Number(message.rid)];
  if (!pending) return [state, []];
  const out: Effect[] = [];
  const request = state.requests[pending.req];
  out.push({ kind: 'send', to: request.client, message: { type: 'Res', id: request.id, ok: false } });
  out.push({ kind: 'note', tag: 'lost', text: `${from} refused ${request.op} k${request.key}: it no longer serves the key, and refuses instead of redirecting (a request lost)` });
  return [{ ...dropRequest(state, pending.req, out), refused: state.refused + 1 }, out];
}

// ---------------------------------------------------------------------------------------------
// Map changes.

function hottest(state: RouterState): number {
  let best = 0;
  for (let i = 1; i < state.map.ranges.length; i++) if ((state.lastRangeHits[i] ?? 0) > (state.lastRangeHits[best] ?? 0)) best = i;
  return best;
}

function leastBusy(state: RouterState, except: NodeId, ctx: NodeContext): NodeId {
  const candidates = shardsOf(ctx).filter((id) => id !== except);
  return candidates.reduce((best, id) => ((state.lastShardHits[id] ?? 0) < (state.lastShardHits[best] ?? 0) ? id : best), candidates[0]);
}

/** Where a load-based split cuts range `index`: the median of recent requests inside it (so each
 * half gets about half its load), or its middle when it saw none. */
export function splitPoint(map: ShardMap, index: number, samples: readonly number[], keys: number): number {
  const range = map.ranges[index];
  const inside = samples.filter((p) => p >= range.lo && p < range.hi).sort((a, b) => a - b);
  const median = inside[Math.floor(inside.length / 2)];
  if (median !== undefined && median > range.lo) return median;
  const above = inside.find((p) => p > range.lo);
  if (above !== undefined) return above;
  const end = map.scheme === 'range' ? Math.min(range.hi, Math.max(keys, range.lo + 2)) : range.hi;
  return range.lo + Math.floor((end - range.lo) / 2);
}

/** Which half of range `index` cut at `at` to hand to `to` (0 lower, 1 upper): the one that
 * leaves the busier of the two shards least busy, by the recent requests in each half. */
function halfToMove(state: RouterState, index: number, at: number, to: NodeId): 0 | 1 {
  const range = state.map.ranges[index];
  const inside = state.samples.filter((p) => p >= range.lo && p < range.hi);
  if (inside.length === 0) return 1;
  const rangeLoad = state.lastRangeHits[index] ?? 0;
  const lower = (rangeLoad * inside.filter((p) => p < at).length) / inside.length;
  const upper = rangeLoad - lower;
  const owner = state.lastShardHits[range.shard] ?? rangeLoad;
  const target = state.lastShardHits[to] ?? 0;
  const after = (moved: number) => Math.max(owner - moved, target + moved);
  return after(lower) < after(upper) ? 0 : 1;
}

function nextMap(state: RouterState, action: ControlAction, ctx: NodeContext): { map: ShardMap; kind: MapChangeKind; text: string } | string {
  const { keys } = readParams(ctx.params);
  const map = state.map;
  const named = typeof action.range === 'number' ? action.range : null;
  if (named !== null && (named < 0 || named >= map.ranges.length)) return `there is no range ${named} (the map has ${map.ranges.length})`;
  const index = named ?? hottest(state);
  const range = map.ranges[index];
  const where = describeRange(range, map.scheme);
  switch (action.do) {
    case 'split':
    case 'rebalance': {
      if (map.ranges.length >= LIMITS.ranges) return `the map already has ${LIMITS.ranges} ranges`;
      const at = splitPoint(map, index, state.samples, keys);
      const split = splitRange(map, index, at);
      if (split === null) return `range ${where} cannot be split (it holds a single position)`;
      if (action.do === 'split') return { map: split, kind: 'split', text: `split ${where} at ${map.scheme === 'range' ? `k${at}` : at}` };
      const to = leastBusy(state, range.shard, ctx);
      const half = halfToMove(state, index, at, to);
      const moved = moveRange(split, index + half, to);
      if (moved === null) return `nowhere to move ${where}`;
      return { map: { ...moved, version: map.version + 1 }, kind: 'rebalance', text: `split ${where} at ${map.scheme === 'range' ? `k${at}` : at} and move the ${half === 1 ? 'upper' : 'lower'} half to ${to}` };
    }
    case 'move': {
      const to = typeof action.to === 'string' && action.to !== '' ? action.to : leastBusy(state, range.shard, ctx);
      if (!shardsOf(ctx).includes(to)) return `there is no shard ${to}`;
      const moved = moveRange(map, index, to);
      if (moved === null) return `${where} is already on ${to}`;
      return { map: moved, kind: 'move', text: `move ${where} from ${range.shard} to ${to}` };
    }
    case 'repartition': {
      const scheme = action.scheme as Scheme;
      if (scheme === map.scheme) return `the keys are already ${scheme}-partitioned`;
      return { map: initialMap(scheme, shardsOf(ctx), keys, map.version + 1), kind: 'repartition', text: `repartition every key by ${scheme} over ${shardsOf(ctx).length} shards` };
    }
    default:
      return `unknown change ${action.do}`;
  }
}

/** Starts the next planned change if none is under way. */
function startPlanned(state: RouterState, ctx: NodeContext, out: Effect[]): RouterState {
  let next = state;
  while (next.migration === null && next.planned.length > 0) {
    const [action, ...rest] = next.planned;
    next = { ...next, planned: rest };
    const made = nextMap(next, action, ctx);
    if (typeof made === 'string') {
      out.push({ kind: 'note', tag: 'change-refused', text: `the router cannot ${action.do}: ${made}` });
      continue;
    }
    const change: MapChange = { version: made.map.version, kind: made.kind, text: made.text, startedMs: ctx.clockMs, doneMs: null };
    next = { ...next, map: made.map, migration: { version: made.map.version, waiting: [...shardsOf(ctx)] }, changes: [...next.changes, change].slice(-10), rangeHits: [], lastRangeHits: [] };
    out.push({ kind: 'note', tag: made.kind, text: `map v${made.map.version}: ${made.text}` });
    for (const shard of shardsOf(ctx)) out.push({ kind: 'send', to: shard, message: { type: 'NewMap', map: made.map } });
    out.push({ kind: 'set-timer', timer: 'remap', afterMs: REMAP_MS, quiet: true });
  }
  return next;
}

function onMapReady(state: RouterState, from: NodeId, message: Message, ctx: NodeContext): Step<RouterState> {
  const migration = state.migration;
  if (migration === null || Number(message.version) !== migration.version || !migration.waiting.includes(from)) return [state, []];
  const waiting = migration.waiting.filter((id) => id !== from);
  if (waiting.length > 0) return [{ ...state, migration: { ...migration, waiting } }, []];
  const out: Effect[] = [{ kind: 'cancel-timer', timer: 'remap' }];
  const change = state.changes.at(-1);
  const changes = change && change.version === migration.version ? [...state.changes.slice(0, -1), { ...change, doneMs: ctx.clockMs }] : state.changes;
  if (change) out.push({ kind: 'metric', name: 'migration-ms', metric: 'sample', value: ctx.clockMs - change.startedMs });
  out.push({ kind: 'note', tag: 'migrated', text: `every shard is ready for map v${migration.version}: the change is complete` });
  return [startPlanned({ ...state, migration: null, changes }, ctx, out), out];
}

function boot(disk: RouterDisk, ctx: NodeContext): Step<RouterState> {
  const out: Effect[] = [{ kind: 'set-timer', timer: 'tick', afterMs: 1000, quiet: true }];
  const { rebalanceAtMs } = readParams(ctx.params);
  if (rebalanceAtMs > ctx.clockMs) out.push({ kind: 'set-timer', timer: 'rebalance', afterMs: rebalanceAtMs - ctx.clockMs, quiet: true });
  if (disk.migration) {
    for (const shard of disk.migration.waiting) out.push({ kind: 'send', to: shard, message: { type: 'NewMap', map: disk.map } });
    out.push({ kind: 'set-timer', timer: 'remap', afterMs: REMAP_MS, quiet: true });
  }
  const state: RouterState = {
    ...disk, requests: {}, parts: {}, nextReq: 1, nextPart: 1, rangeHits: [], lastRangeHits: [], shardHits: {}, lastShardHits: {}, samples: [], redirects: 0, refused: 0,
  };
  return [state, out];
}

export const routerProtocol: Protocol<RouterState, RouterDisk> = {
  id: 'sharding-router',
  init(ctx) {
    const params = readParams(ctx.params);
    return boot({ map: firstMap(ctx), migration: null, planned: [], settings: pickSettings(params), hotFanout: params.salt, changes: [] }, ctx);
  },
  onMessage(state, from, message, ctx) {
    switch (message.type) {
      case 'Req': return onRequest(state, from, message, ctx);
      case 'PartDone': return onPartDone(state, from, message);
      case 'Redirect': return onRedirect(state, from, message, ctx);
      case 'Refused': return onRefused(state, from, message);
      case 'MapReady': return onMapReady(state, from, message, ctx);
      default: return [state, []];
    }
  },
  onTimer(state, timer, ctx) {
    if (timer.startsWith('p')) return reroute(state, Number(timer.slice(1)), ctx);
    if (timer === 'tick') {
      return [{ ...state, lastRangeHits: state.rangeHits, rangeHits: [], lastShardHits: state.shardHits, shardHits: {} }, [{ kind: 'set-timer', timer: 'tick', afterMs: 1000, quiet: true }]];
    }
    if (timer === 'rebalance') {
      const out: Effect[] = [];
      return [startPlanned({ ...state, planned: [...state.planned, { do: 'rebalance' }] }, ctx, out), out];
    }
    if (timer === 'remap' && state.migration) {
      const out: Effect[] = [{ kind: 'set-timer', timer: 'remap', afterMs: REMAP_MS, quiet: true }];
      for (const shard of state.migration.waiting) out.push({ kind: 'send', to: shard, message: { type: 'NewMap', map: state.map } });
      return [state, out];
    }
    return [state, []];
  },
  onControl(state, control, ctx) {
    const out: Effect[] = [];
    if (control.do === 'configure') {
      const settings = control.settings as WorkloadSettings;
      return [{ ...state, settings, hotFanout: Math.max(state.hotFanout, settings.salt) }, out];
    }
    return [startPlanned({ ...state, planned: [...state.planned, control] }, ctx, out), out];
  },
  persisted: ({ map, migration, planned, settings, hotFanout, changes }) => ({ map, migration, planned, settings, hotFanout, changes }),
  recover: (disk, ctx) => boot(disk, ctx),
  view(state): NodeView {
    const migrating = state.migration ? `, moving to v${state.migration.version} (waiting for ${state.migration.waiting.join(', ')})` : '';
    return {
      role: 'router',
      summary: `map v${state.map.version}, ${state.map.scheme}, ${state.map.ranges.length} ranges${migrating}`,
      badge: `v${state.map.version}`,
      details: {
        scheme: state.map.scheme, 'map version': state.map.version, ranges: state.map.ranges.length,
        'requests in flight': Object.keys(state.requests).length, redirects: state.redirects, refused: state.refused,
        'hot key read fan-out': state.hotFanout, 'changes waiting': state.planned.length,
      },
    };
  },
};
