// A shard: serves the keys its map gives it, one request at a time (so a hot shard queues), and
// moves keys when the router hands it a new map: it ships every key it no longer owns to its new
// owner (resending until acknowledged) and serves a range it gained only once the old owner's
// keys have arrived. A request for a key it does not serve now is redirected back to the router.
// Everything but the queue is on disk: a crash loses requests in progress, never keys.
import type { Effect, Message, NodeContext, NodeId, NodeView, Protocol, Step } from '../../engine/types';
import { keyName, hotKeyOf } from './keyspace';
import type { Part } from './messages';
import { keyPosition, ownsKey, servesKey, servesScan } from './placement';
import { readParams } from './settings';
import { flows, initialMap, ownerOf, type ShardMap } from './shard-map';
import { countKeys, entries, getEntry, mergeEntries, partition, putEntry, type Entry, type Store } from './store';

export const SHARD_ROLE = 'shard';
export const ROUTER_ROLE = 'router';
export const CLIENT_ROLE = 'client';

interface Job {
  rid: number;
  part: Part;
  arrivedMs: number;
}

export interface Outgoing {
  version: number;
  keys: [number, Entry][];
}

export interface ShardDisk {
  /** The run's key count and whether the serve-early rule is broken: what the invariants need to
   * read ownership exactly as the shard does. */
  keys: number;
  early: boolean;
  map: ShardMap;
  prev: ShardMap | null;
  /** Shards whose handoff for `map` has not arrived yet. */
  expect: NodeId[];
  data: Store;
  /** Keys shipped to another shard and not yet acknowledged, by destination. */
  outbox: Record<NodeId, Outgoing>;
  served: number;
  redirected: number;
  movedIn: number;
  movedOut: number;
}

export interface ShardState extends ShardDisk {
  queue: Job[];
  busy: (Job & { startedMs: number }) | null;
  servedThisSec: number;
  /** Requests served in the last whole second (the stage's and panel's load bars). */
  servedLastSec: number;
}

const WORK = 'work';
const TICK = 'tick';
const RESEND = 'handoff';
const RESEND_MS = 150;

function routerOf(ctx: NodeContext): NodeId {
  return ctx.roster[ROUTER_ROLE][0];
}

/** The first map, the same at every shard and the router. */
export function firstMap(ctx: Pick<NodeContext, 'roster' | 'params'>): ShardMap {
  const p = readParams(ctx.params);
  return initialMap(p.scheme, ctx.roster[SHARD_ROLE], p.keys);
}

function preload(id: NodeId, map: ShardMap, keys: number): Store {
  let data: Store = {};
  for (let key = 0; key < keys; key++) if (ownsKey(id, map, key, keys)) data = putEntry(data, key, { value: 0, ver: 0 });
  return data;
}

function costMs(part: Part, serviceMs: number): number {
  return part.op === 'scan' ? serviceMs * 2 : serviceMs;
}

/** Whether the shard may do this part now (its map and handoffs say so). */
function servable(state: ShardState, part: Part, ctx: NodeContext): boolean {
  const p = readParams(ctx.params);
  if (part.op === 'scan') return servesScan(ctx.id, state, part.lo, part.hi, p.serveEarly);
  return servesKey(ctx.id, state, part.key!, p.keys, p.serveEarly);
}

function turnAway(state: ShardState, rid: number, ctx: NodeContext, out: Effect[]): ShardState {
  const reject = readParams(ctx.params).misrouted === 'reject';
  out.push({ kind: 'send', to: routerOf(ctx), message: { type: reject ? 'Refused' : 'Redirect', rid } });
  return { ...state, redirected: state.redirected + 1 };
}

function startNext(state: ShardState, ctx: NodeContext, out: Effect[]): ShardState {
  if (state.busy !== null || state.queue.length === 0) return state;
  const [job, ...rest] = state.queue;
  out.push({ kind: 'set-timer', timer: WORK, afterMs: costMs(job.part, readParams(ctx.params).serviceMs), quiet: true });
  out.push({ kind: 'metric', name: 'queue-wait', metric: 'sample', value: ctx.clockMs - job.arrivedMs });
  return { ...state, queue: rest, busy: { ...job, startedMs: ctx.clockMs } };
}

/** Does one part against the data: the answer and the data after it. */
function perform(data: Store, part: Part): { data: Store; reply: Record<string, unknown> } {
  if (part.op === 'scan') {
    let count = 0;
    for (const [key] of entries(data)) if (key >= part.from! && key < part.to!) count++;
    return { data, reply: { count } };
  }
  const key = part.key!;
  const entry = getEntry(data, key) ?? { value: 0, ver: 0 };
  if (part.op === 'get') return { data, reply: { value: entry.value, ver: entry.ver } };
  const next: Entry = { value: part.op === 'incr' ? entry.value + 1 : part.value!, ver: entry.ver + 1 };
  return { data: putEntry(data, key, next), reply: { value: next.value, ver: next.ver } };
}

function finishWork(state: ShardState, ctx: NodeContext): Step<ShardState> {
  const job = state.busy;
  if (job === null) return [state, []];
  const out: Effect[] = [];
  let next: ShardState = { ...state, busy: null };
  // The map may have changed while the request waited: a key shipped away is not answered here.
  if (!servable(next, job.part, ctx)) next = turnAway(next, job.rid, ctx, out);
  else {
    const done = perform(next.data, job.part);
    next = { ...next, data: done.data, served: next.served + 1, servedThisSec: next.servedThisSec + 1 };
    out.push({ kind: 'send', to: routerOf(ctx), message: { type: 'PartDone', rid: job.rid, ...done.reply } });
  }
  return [startNext(next, ctx, out), out];
}

function sendOutbox(state: ShardState, out: Effect[]): void {
  for (const [to, outgoing] of Object.entries(state.outbox)) {
    out.push({ kind: 'send', to, message: { type: 'Handoff', version: outgoing.version, keys: outgoing.keys } });
  }
}

function readyIfDone(state: ShardState, ctx: NodeContext, out: Effect[]): ShardState {
  if (state.prev === null || state.expect.length > 0) return state;
  out.push({ kind: 'send', to: routerOf(ctx), message: { type: 'MapReady', version: state.map.version } });
  out.push({ kind: 'note', tag: 'shard-ready', text: `${ctx.id} has every key map v${state.map.version} gives it` });
  return { ...state, prev: null };
}

/** Takes a newer map: ships the keys it no longer owns, and waits for the keys it gained. */
function adoptMap(state: ShardState, map: ShardMap, ctx: NodeContext): Step<ShardState> {
  const out: Effect[] = [];
  const { keys } = readParams(ctx.params);
  const pairs = flows(state.map, map);
  const { kept, leaving } = partition(state.data, (key) => ownsKey(ctx.id, map, key, keys));
  const outbox: Record<NodeId, Outgoing> = { ...state.outbox };
  for (const { from, to } of pairs) if (from === ctx.id) outbox[to] = { version: map.version, keys: [] };
  for (const [key, entry] of leaving) {
    const to = ownerOf(map, keyPosition(key, map, keys));
    (outbox[to] ??= { version: map.version, keys: [] }).keys.push([key, entry]);
  }
  const expect = pairs.filter((f) => f.to === ctx.id).map((f) => f.from);
  let next: ShardState = { ...state, map, prev: state.map, expect, data: kept, outbox, movedOut: state.movedOut + leaving.length };
  if (Object.keys(outbox).length > 0) {
    sendOutbox({ ...next, outbox: Object.fromEntries(Object.entries(outbox).filter(([, o]) => o.version === map.version)) }, out);
    out.push({ kind: 'set-timer', timer: RESEND, afterMs: RESEND_MS, quiet: true });
  }
  if (leaving.length > 0) out.push({ kind: 'note', tag: 'shipped', text: `${ctx.id} ships ${leaving.length} keys it no longer owns under map v${map.version}` });
  next = readyIfDone(next, ctx, out);
  return [next, out];
}

function onHandoff(state: ShardState, from: NodeId, message: Message, ctx: NodeContext): Step<ShardState> {
  const version = Number(message.version);
  // From a map this shard has not heard of yet: no acknowledgement, so the sender resends.
  if (version > state.map.version) return [state, []];
  const out: Effect[] = [{ kind: 'send', to: from, message: { type: 'HandoffAck', version } }];
  if (version < state.map.version || !state.expect.includes(from)) return [state, out];
  const keys = message.keys as [number, Entry][];
  const hot = hotKeyOf(readParams(ctx.params).keys);
  let next: ShardState = { ...state, data: mergeEntries(state.data, keys), expect: state.expect.filter((id) => id !== from), movedIn: state.movedIn + keys.length };
  out.push({ kind: 'metric', name: 'keys-moved', metric: 'count', value: keys.length });
  out.push({ kind: 'note', tag: 'moved', text: `${ctx.id} received ${keys.length} keys from ${from}${keys.length > 0 ? ` (${keys.slice(0, 3).map(([k]) => keyName(k, hot)).join(', ')}${keys.length > 3 ? '…' : ''})` : ''}` });
  next = readyIfDone(next, ctx, out);
  return [next, out];
}

function tick(state: ShardState, ctx: NodeContext): Step<ShardState> {
  const out: Effect[] = [
    { kind: 'set-timer', timer: TICK, afterMs: 1000, quiet: true },
    { kind: 'metric', name: 'shard-load', metric: 'sample', value: state.servedThisSec },
  ];
  return [{ ...state, servedThisSec: 0, servedLastSec: state.servedThisSec }, out];
}

function boot(disk: ShardDisk): Step<ShardState> {
  const out: Effect[] = [{ kind: 'set-timer', timer: TICK, afterMs: 1000, quiet: true }];
  if (Object.keys(disk.outbox).length > 0) out.push({ kind: 'set-timer', timer: RESEND, afterMs: RESEND_MS, quiet: true });
  return [{ ...disk, queue: [], busy: null, servedThisSec: 0, servedLastSec: 0 }, out];
}

export const shardProtocol: Protocol<ShardState, ShardDisk> = {
  id: 'sharding-shard',
  init(ctx) {
    const map = firstMap(ctx);
    const { keys, serveEarly } = readParams(ctx.params);
    return boot({ keys, early: serveEarly, map, prev: null, expect: [], data: preload(ctx.id, map, readParams(ctx.params).keys), outbox: {}, served: 0, redirected: 0, movedIn: 0, movedOut: 0 });
  },
  onMessage(state, from, message, ctx) {
    switch (message.type) {
      case 'Part': {
        const part = message.part as Part;
        const rid = Number(message.rid);
        const out: Effect[] = [];
        if (!servable(state, part, ctx)) return [turnAway(state, rid, ctx, out), out];
        // The router resent a part still waiting here: one copy of the work is enough.
        if (state.busy?.rid === rid || state.queue.some((job) => job.rid === rid)) return [state, []];
        const queued = { ...state, queue: [...state.queue, { rid, part, arrivedMs: ctx.clockMs }] };
        return [startNext(queued, ctx, out), out];
      }
      case 'NewMap': {
        const map = message.map as ShardMap;
        if (map.version > state.map.version) return adoptMap(state, map, ctx);
        // The router did not hear that this shard is ready (a lost MapReady): say it again.
        if (map.version === state.map.version && state.prev === null) return [state, [{ kind: 'send', to: from, message: { type: 'MapReady', version: map.version } }]];
        return [state, []];
      }
      case 'Handoff':
        return onHandoff(state, from, message, ctx);
      case 'HandoffAck': {
        const outgoing = state.outbox[from];
        if (!outgoing || outgoing.version !== Number(message.version)) return [state, []];
        const { [from]: _done, ...outbox } = state.outbox;
        return [{ ...state, outbox }, []];
      }
      default:
        return [state, []];
    }
  },
  onTimer(state, timer, ctx) {
    if (timer === WORK) return finishWork(state, ctx);
    if (timer === TICK) return tick(state, ctx);
    if (timer === RESEND && Object.keys(state.outbox).length > 0) {
      const out: Effect[] = [{ kind: 'set-timer', timer: RESEND, afterMs: RESEND_MS, quiet: true }];
      sendOutbox(state, out);
      out.push({ kind: 'note', tag: 'handoff-resent', text: `${ctx.id} resends keys not yet acknowledged by ${Object.keys(state.outbox).join(', ')}` });
      return [state, out];
    }
    return [state, []];
  },
  persisted: ({ keys, early, map, prev, expect, data, outbox, served, redirected, movedIn, movedOut }) => ({ keys, early, map, prev, expect, data, outbox, served, redirected, movedIn, movedOut }),
  recover: (disk) => boot(disk),
  view(state): NodeView {
    const keys = countKeys(state.data);
    const waiting = state.prev !== null ? `, waiting for ${state.expect.join(', ') || 'nothing'}` : '';
    return {
      role: SHARD_ROLE,
      summary: `${keys} keys, ${state.servedLastSec} req/s, queue ${state.queue.length}${waiting}`,
      badge: `${state.servedLastSec}/s`,
      details: {
        keys, 'map version': state.map.version, 'requests last second': state.servedLastSec, queued: state.queue.length + (state.busy ? 1 : 0),
        served: state.served, 'turned away': state.redirected, 'keys received': state.movedIn, 'keys shipped': state.movedOut,
        'awaiting keys from': state.expect.join(', ') || null, 'unacknowledged handoffs': Object.keys(state.outbox).join(', ') || null,
      },
    };
  },
};
