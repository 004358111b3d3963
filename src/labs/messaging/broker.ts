// The broker: one actor that offers the three delivery models over the same producers and
// consumers. Queue (SQS-like): a received message turns invisible for a visibility timeout and
// comes back unless deleted; after maxReceiveCount receives it moves to the dead-letter queue.
// Stream (Kafka-like): an append-only log per partition, a consumer group whose members share the
// partitions (rebalanced when one joins or stops heartbeating) and committed offsets the group
// resumes from. Pub/sub: every subscriber gets every message; a durable subscription keeps a
// subscriber's unacknowledged messages and resends them, a non-durable one pushes once.
// The broker is a durable log: a crash loses nothing (it is not what this lab breaks).
import type { Effect, NodeContext, NodeView, Protocol, Step } from '../../engine/types';
import { keyedList } from '../../protocols/keyed-list';
import { withPushed } from '../../protocols/owned-record';
import { GROUP, readSettings, type MessagingSettings } from './settings';
import { partitionOf, type Delivery, type Item, type Stamped } from './wire';

export interface Held {
  item: Stamped;
  receives: number;
}
export interface Invisible extends Held {
  consumer: string;
  untilMs: number;
}
export interface Unacked {
  item: Stamped;
  sentMs: number;
  sends: number;
}
export interface DeadLetter {
  item: Stamped;
  target: string;
  receives: number;
}

export interface BrokerState {
  settings: MessagingSettings;
  /** Bumped by each mode switch: the broker starts over with empty queues, logs and groups. */
  epoch: number;
  accepted: number;
  /** Arrival order in a queue or topic (a stream's offsets are per partition). */
  nextOffset: number;
  // Queue.
  queue: Held[];
  inflight: Invisible[];
  /** Consumers long-polling for a message. */
  waiting: string[];
  // Stream.
  log: Stamped[][];
  committed: number[];
  /** Per partition: the offset after the highest ever delivered (below it, a delivery is a repeat). */
  delivered: number[];
  /** Per partition: records below this offset are a replay (set by the replay action). */
  replayUntil: number[];
  members: Record<string, number>;
  generation: number;
  assignment: Record<string, number[]>;
  fetches: Record<string, { positions: number[]; generation: number }>;
  // Pub/sub.
  subscribers: string[];
  backlog: Record<string, Unacked[]>;
  dlq: DeadLetter[];
}

const TICK = 'tick';
const TICK_MS = 100;
/** A group member not heard from for this long is dropped and its partitions reassigned. */
export const SESSION_TIMEOUT_MS = 1000;
/** Resends per subscriber per tick, so a returning subscriber is not flooded at once. */
const RESENDS_PER_TICK = 4;

// The lists that grow with a run, written in place and indexed (see keyed-list): the queue and a
// subscriber's unacknowledged messages by message id, dead letters by message and target.
const queued = keyedList((held: Held) => held.item.id);
const unacked = keyedList((m: Unacked) => m.item.id);
const deadLetters = keyedList((letter: DeadLetter) => letterKey(letter.item.id, letter.target));

function letterKey(id: number, target: string): string {
  return `${id}@${target}`;
}

const tick: Effect = { kind: 'set-timer', timer: TICK, afterMs: TICK_MS, quiet: true };

function fresh(settings: MessagingSettings, epoch: number): BrokerState {
  const partitions = settings.partitions;
  const zeros = () => Array.from({ length: partitions }, () => 0);
  return {
    settings, epoch, accepted: 0, nextOffset: 0,
    queue: [], inflight: [], waiting: [],
    log: Array.from({ length: partitions }, () => []), committed: zeros(), delivered: zeros(), replayUntil: zeros(),
    members: {}, generation: 0, assignment: {}, fetches: {},
    subscribers: [], backlog: {}, dlq: [],
  };
}

function nodeNumber(id: string): number {
  return Number(/(\d+)$/.exec(id)?.[1] ?? 0);
}

const byNumber = (a: string, b: string) => nodeNumber(a) - nodeNumber(b) || a.localeCompare(b);

/** Queue depth (visible + invisible) or pub/sub backlog; consumer lag; dead letters. */
function gauges(state: BrokerState, out: Effect[]): void {
  const depth = state.settings.mode === 'pubsub'
    ? Object.values(state.backlog).reduce((sum, list) => sum + list.length, 0)
    : state.queue.length + state.inflight.length;
  out.push({ kind: 'metric', name: 'depth', metric: 'gauge', value: state.settings.mode === 'stream' ? 0 : depth });
  out.push({ kind: 'metric', name: 'lag', metric: 'gauge', value: totalLag(state) });
  out.push({ kind: 'metric', name: 'dlq', metric: 'gauge', value: state.dlq.length });
}

export function totalLag(state: BrokerState): number {
  if (state.settings.mode !== 'stream') return 0;
  return state.log.reduce((sum, records, p) => sum + Math.max(0, records.length - (state.committed[p] ?? 0)), 0);
}

/** The ledger's process number for the broker's dead-letter lines (producers 1…, consumers 100…). */
export const BROKER_PROCESS = 99;

function deadLetterLine(out: Effect[], item: Stamped, target: string): void {
  for (const type of ['invoke', 'ok'] as const) out.push({ kind: 'history', event: { process: BROKER_PROCESS, type, f: 'dead-letter', value: item.id, node: target, mode: item.mode } });
}

function deliver(out: Effect[], to: string, delivery: Delivery): void {
  out.push({ kind: 'send', to, message: { type: 'Deliver', delivery } });
  out.push({ kind: 'metric', name: 'delivered', metric: 'count' });
  if (delivery.receives > 1) out.push({ kind: 'metric', name: 'redelivered', metric: 'count' });
}

// ---- Queue -------------------------------------------------------------------------------

/** Hands visible messages to long-polling consumers, oldest first. */
function serveQueue(state: BrokerState, ctx: NodeContext, out: Effect[]): BrokerState {
  if (state.queue.length === 0 || state.waiting.length === 0) return state;
  let queue = state.queue;
  const waiting = state.waiting.slice();
  const inflight = state.inflight.slice();
  while (queue.length > 0 && waiting.length > 0) {
    const taken = queued.shift(queue);
    const held = taken.item;
    queue = taken.list;
    const consumer = waiting.shift()!;
    const receives = held.receives + 1;
    inflight.push({ item: held.item, receives, consumer, untilMs: ctx.clockMs + state.settings.visibilityTimeoutMs });
    if (receives > 1) out.push({ kind: 'note', tag: 'redelivered', text: `m${held.item.id} delivered again, to ${consumer} (receive ${receives})`, data: { id: held.item.id } });
    deliver(out, consumer, { item: held.item, target: GROUP, receives });
  }
  return { ...state, queue, waiting, inflight };
}

/** Invisible messages whose timeout passed come back (first in line), or go to the DLQ. */
function expireInvisible(state: BrokerState, ctx: NodeContext, out: Effect[]): BrokerState {
  const expired = state.inflight.filter((m) => m.untilMs <= ctx.clockMs);
  if (expired.length === 0) return state;
  const back: Held[] = [];
  let dlq = state.dlq;
  for (const m of expired) {
    if (m.receives >= state.settings.maxReceiveCount) {
      dlq = deadLetters.push(dlq, { item: m.item, target: GROUP, receives: m.receives });
      deadLetterLine(out, m.item, GROUP);
      out.push({ kind: 'note', tag: 'dead-lettered', text: `m${m.item.id} moved to the dead-letter queue after ${m.receives} receives${m.item.poison ? ' (poison)' : ''}`, data: { id: m.item.id } });
    } else {
      back.push({ item: m.item, receives: m.receives });
      out.push({ kind: 'note', tag: 'visibility-expired', text: `m${m.item.id} not deleted by ${m.consumer} within ${state.settings.visibilityTimeoutMs} ms: visible again`, data: { id: m.item.id } });
    }
  }
  return { ...state, inflight: state.inflight.filter((m) => m.untilMs > ctx.clockMs), queue: queued.pushFront(state.queue, back), dlq };
}

// ---- Stream ------------------------------------------------------------------------------

/** A new generation: partitions dealt round-robin to the live members, each told its offsets. */
function rebalance(state: BrokerState, why: string, out: Effect[]): BrokerState {
  const live = Object.keys(state.members).sort(byNumber);
  const generation = state.generation + 1;
  const assignment: Record<string, number[]> = Object.fromEntries(live.map((id) => [id, [] as number[]]));
  state.log.forEach((_, p) => {
    if (live.length > 0) assignment[live[p % live.length]].push(p);
  });
  for (const id of live) out.push({ kind: 'send', to: id, message: { type: 'Assign', generation, partitions: assignment[id], offsets: state.committed.slice() } });
  const who = live.map((id) => `${id}←${assignment[id].map((p) => `p${p}`).join(',') || 'none'}`).join('; ');
  out.push({ kind: 'note', tag: 'rebalance', text: `consumer group rebalanced (${why}): generation ${generation}${who ? `, ${who}` : ', no members'}`, data: { generation } });
  return { ...state, generation, assignment, fetches: {} };
}

/** The next record for a consumer from its partitions, or null when it has read them all. */
function nextRecord(state: BrokerState, consumer: string, positions: number[]): { p: number; offset: number } | null {
  const mine = state.assignment[consumer] ?? [];
  const start = positions.reduce((sum, x) => sum + (x ?? 0), 0) % Math.max(1, mine.length);
  for (let i = 0; i < mine.length; i++) {
    const p = mine[(start + i) % mine.length];
    const offset = positions[p] ?? state.committed[p];
    if (offset < state.log[p].length) return { p, offset };
  }
  return null;
}

function serveFetch(state: BrokerState, consumer: string, positions: number[], out: Effect[]): BrokerState {
  const next = nextRecord(state, consumer, positions);
  if (next === null) return { ...state, fetches: { ...state.fetches, [consumer]: { positions, generation: state.generation } } };
  const { p, offset } = next;
  const repeat = offset < state.delivered[p];
  const replay = offset < state.replayUntil[p];
  const delivered = state.delivered.slice();
  delivered[p] = Math.max(delivered[p], offset + 1);
  if (repeat && !replay) out.push({ kind: 'note', tag: 'redelivered', text: `p${p}@${offset} (m${state.log[p][offset].id}) read again by ${consumer}: the group resumed from its committed offset`, data: { id: state.log[p][offset].id } });
  deliver(out, consumer, { item: state.log[p][offset], target: GROUP, receives: repeat && !replay ? 2 : 1, generation: state.generation, replay });
  const { [consumer]: _served, ...fetches } = state.fetches;
  return { ...state, delivered, fetches };
}

function expireMembers(state: BrokerState, ctx: NodeContext, out: Effect[]): BrokerState {
  const gone = Object.keys(state.members).filter((id) => ctx.clockMs - state.members[id] > SESSION_TIMEOUT_MS);
  if (gone.length === 0) return state;
  const members = { ...state.members };
  for (const id of gone) delete members[id];
  out.push({ kind: 'note', tag: 'member-expired', text: `${gone.join(', ')} sent no heartbeat for ${SESSION_TIMEOUT_MS} ms: dropped from the group` });
  return rebalance({ ...state, members }, `${gone.join(', ')} left`, out);
}

// ---- Pub/sub -----------------------------------------------------------------------------

function resendUnacked(state: BrokerState, ctx: NodeContext, out: Effect[]): BrokerState {
  if (!state.settings.durable) return state;
  let backlog = state.backlog;
  for (const sub of Object.keys(state.backlog)) {
    let list = backlog[sub] ?? [];
    let budget = RESENDS_PER_TICK;
    // The oldest due messages first, a few per tick; the scan stops once they are sent.
    for (let i = 0; i < list.length && budget > 0; i++) {
      const m = list[i];
      if (ctx.clockMs - m.sentMs < state.settings.visibilityTimeoutMs) continue;
      budget--;
      deliver(out, sub, { item: m.item, target: sub, receives: m.sends + 1 });
      list = unacked.replace(list, i, { ...m, sentMs: ctx.clockMs, sends: m.sends + 1 });
    }
    if (budget < RESENDS_PER_TICK) backlog = { ...backlog, [sub]: list };
  }
  return backlog === state.backlog ? state : { ...state, backlog };
}

// ---- Accepting a message ----------------------------------------------------------------

function accept(state: BrokerState, raw: Item, ctx: NodeContext, out: Effect[]): BrokerState {
  const mode = state.settings.mode;
  const partition = mode === 'stream' ? partitionOf(raw.key, state.log.length) : 0;
  const offset = mode === 'stream' ? state.log[partition].length : state.nextOffset;
  const item: Stamped = { ...raw, mode, partition, offset };
  const process = nodeNumber(raw.producer);
  out.push({ kind: 'history', event: { process, type: 'invoke', f: 'enqueue', value: item.id, client: raw.producer, node: `p${partition}`, mode } });
  out.push({ kind: 'history', event: { process, type: 'ok', f: 'enqueue', value: item.id, client: raw.producer, node: `p${partition}`, mode } });
  out.push({ kind: 'metric', name: 'produced', metric: 'count' });
  let next: BrokerState = { ...state, accepted: state.accepted + 1, nextOffset: state.nextOffset + 1 };
  if (mode === 'queue') return serveQueue({ ...next, queue: queued.push(next.queue, { item, receives: 0 }) }, ctx, out);
  if (mode === 'stream') {
    const log = next.log.slice();
    log[partition] = withPushed(log[partition], item);
    next = { ...next, log };
    for (const [consumer, fetch] of Object.entries(next.fetches)) {
      if (fetch.generation === next.generation && (next.assignment[consumer] ?? []).includes(partition)) next = serveFetch(next, consumer, fetch.positions, out);
    }
    return next;
  }
  const backlog = { ...next.backlog };
  const targets = next.settings.durable ? (ctx.roster.consumer ?? []) : next.subscribers;
  for (const sub of targets) {
    if (next.settings.durable) backlog[sub] = unacked.push(backlog[sub] ?? [], { item, sentMs: ctx.clockMs, sends: 1 });
    deliver(out, sub, { item, target: sub, receives: 1 });
  }
  return { ...next, backlog };
}

/** Dead letters go back where they came from (after a fix is deployed, they now succeed). */
function redrive(state: BrokerState, ctx: NodeContext, out: Effect[]): BrokerState {
  if (state.dlq.length === 0) return state;
  let next: BrokerState = { ...state, dlq: [] };
  for (const letter of state.dlq) {
    if (letter.item.mode !== next.settings.mode) continue;
    if (next.settings.mode === 'queue') next = { ...next, queue: queued.push(next.queue, { item: letter.item, receives: 0 }) };
    else if (next.settings.mode === 'stream') {
      const log = next.log.slice();
      const p = letter.item.partition;
      log[p] = withPushed(log[p], { ...letter.item, offset: log[p].length });
      next = { ...next, log };
    } else {
      next = { ...next, backlog: { ...next.backlog, [letter.target]: unacked.push(next.backlog[letter.target] ?? [], { item: letter.item, sentMs: ctx.clockMs, sends: 1 }) } };
      deliver(out, letter.target, { item: letter.item, target: letter.target, receives: 1 });
    }
  }
  out.push({ kind: 'note', tag: 'redrive', text: `${state.dlq.length} dead letter(s) redriven to the ${next.settings.mode}` });
  if (next.settings.mode === 'queue') next = serveQueue(next, ctx, out);
  if (next.settings.mode === 'stream') for (const [consumer, fetch] of Object.entries(next.fetches)) next = serveFetch(next, consumer, fetch.positions, out);
  return next;
}

function onMessage(state: BrokerState, from: string, message: Record<string, unknown>, ctx: NodeContext, out: Effect[]): BrokerState {
  const mode = state.settings.mode;
  switch (message.type) {
    case 'Publish':
      return accept(state, message.item as Item, ctx, out);
    case 'Receive':
      if (mode !== 'queue' || state.waiting.includes(from)) return state;
      return serveQueue({ ...state, waiting: [...state.waiting, from] }, ctx, out);
    case 'Delete': {
      // Deleting removes every copy, visible or not (a late delete after a redelivery too).
      const id = message.id as number;
      const keep = (m: Held) => m.item.id !== id;
      const inflight = state.inflight.every(keep) ? state.inflight : state.inflight.filter(keep);
      if (inflight === state.inflight && !queued.has(state.queue, id)) return state;
      return { ...state, inflight, queue: queued.without(state.queue, id) };
    }
    case 'Join':
    case 'Heartbeat': {
      if (mode !== 'stream') return state;
      const known = Object.hasOwn(state.members, from);
      const next = { ...state, members: { ...state.members, [from]: ctx.clockMs } };
      if (!known) return rebalance(next, `${from} joined`, out);
      // A member that missed its assignment hears it again.
      if (typeof message.generation === 'number' && message.generation < state.generation) {
        out.push({ kind: 'send', to: from, message: { type: 'Assign', generation: state.generation, partitions: state.assignment[from] ?? [], offsets: state.committed.slice() } });
      }
      return next;
    }
    case 'Fetch': {
      if (mode !== 'stream' || !Object.hasOwn(state.members, from) || message.generation !== state.generation) return state;
      return serveFetch(state, from, message.positions as number[], out);
    }
    case 'Commit': {
      const p = message.partition as number;
      if (mode !== 'stream') return state;
      if (message.generation !== state.generation || !(state.assignment[from] ?? []).includes(p)) {
        out.push({ kind: 'note', tag: 'commit-fenced', text: `${from}'s commit of p${p}@${message.offset} refused: generation ${message.generation} is not the group's ${state.generation}` });
        return state;
      }
      const committed = state.committed.slice();
      committed[p] = message.offset as number;
      return { ...state, committed };
    }
    case 'Subscribe': {
      // Non-durable subscribers are whoever said hello; a durable subscription exists for every
      // consumer whether it is online or not (that is what makes it durable).
      if (mode !== 'pubsub' || state.subscribers.includes(from)) return state;
      return { ...state, subscribers: [...state.subscribers, from].sort(byNumber) };
    }
    case 'Ack': {
      const target = message.target as string;
      const list = state.backlog[target] ?? [];
      const id = message.id as number;
      if (!unacked.has(list, id)) return state;
      return { ...state, backlog: { ...state.backlog, [target]: unacked.without(list, id) } };
    }
    case 'DeadLetter': {
      const delivery = message.delivery as Delivery;
      const { item, target } = delivery;
      if (item.mode !== mode) return state;
      out.push({ kind: 'send', to: from, message: { type: 'Parked', id: item.id, target } });
      if (deadLetters.has(state.dlq, letterKey(item.id, target))) return state;
      deadLetterLine(out, item, target);
      out.push({ kind: 'note', tag: 'dead-lettered', text: `${from} parked m${item.id} in the dead-letter queue after ${message.attempts} failed attempts`, data: { id: item.id } });
      const next = { ...state, dlq: deadLetters.push(state.dlq, { item, target, receives: message.attempts as number }) };
      // Parked and acknowledged in one step (the consumer sends no separate ack).
      if (mode === 'pubsub') return { ...next, backlog: { ...next.backlog, [target]: unacked.without(next.backlog[target] ?? [], item.id) } };
      if (message.generation !== state.generation || !(state.assignment[from] ?? []).includes(item.partition)) return next;
      const committed = next.committed.slice();
      committed[item.partition] = Math.max(committed[item.partition], item.offset + 1);
      return { ...next, committed };
    }
    default:
      return state;
  }
}

export const broker: Protocol<BrokerState, BrokerState> = {
  id: 'messaging-broker',
  init: (ctx) => [fresh(readSettings(ctx.params), 1), [tick]],
  onMessage(state, from, message, ctx): Step<BrokerState> {
    const out: Effect[] = [];
    const next = onMessage(state, from, message, ctx, out);
    if (next !== state) gauges(next, out);
    return [next, out];
  },
  onTimer(state, timer, ctx): Step<BrokerState> {
    if (timer !== TICK) return [state, []];
    const out: Effect[] = [tick];
    let next = state;
    if (state.settings.mode === 'queue') next = serveQueue(expireInvisible(next, ctx, out), ctx, out);
    else if (state.settings.mode === 'stream') next = expireMembers(next, ctx, out);
    else next = resendUnacked(next, ctx, out);
    if (next !== state) gauges(next, out);
    return [next, out];
  },
  onControl(state, control, ctx): Step<BrokerState> {
    const out: Effect[] = [];
    let next = state;
    if (control.do === 'configure') {
      const settings = control.settings as MessagingSettings;
      next = settings.mode !== state.settings.mode ? fresh(settings, state.epoch + 1) : { ...state, settings };
    } else if (control.do === 'redrive') next = redrive(state, ctx, out);
    else if (control.do === 'replay' && state.settings.mode === 'stream') {
      const offsets = control.offsets as number[];
      out.push({ kind: 'note', tag: 'replay', text: `the group's offsets reset to ${offsets.join(', ')}: replaying to rebuild the projection` });
      next = rebalance({ ...state, committed: offsets.slice(), replayUntil: state.log.map((records) => records.length) }, 'replay', out);
    }
    if (next !== state) gauges(next, out);
    return [next, out];
  },
  persisted: (state) => state,
  // Back from a crash with its log; consumers that were waiting ask again on their own.
  recover: (saved) => [{ ...saved, waiting: [], fetches: {}, members: {}, assignment: {} }, [tick]],
  view(state): NodeView {
    const mode = state.settings.mode;
    const details: Record<string, string | number | boolean | null> = { mode, accepted: state.accepted, deadLetters: state.dlq.length };
    let summary: string;
    let badge: string;
    if (mode === 'queue') {
      summary = `${state.queue.length} visible, ${state.inflight.length} in flight, ${state.dlq.length} in the DLQ`;
      badge = `q ${state.queue.length}+${state.inflight.length}${state.dlq.length ? ` dlq ${state.dlq.length}` : ''}`;
      Object.assign(details, { visible: state.queue.length, invisible: state.inflight.length });
    } else if (mode === 'stream') {
      summary = `generation ${state.generation}, lag ${totalLag(state)}`;
      badge = `lag ${totalLag(state)}`;
      state.log.forEach((records, p) => { details[`p${p}`] = `end ${records.length}, committed ${state.committed[p]}`; });
    } else {
      const held = Object.values(state.backlog).reduce((sum, list) => sum + list.length, 0);
      summary = `${state.subscribers.length} subscribers, ${held} unacked${state.settings.durable ? '' : ' (non-durable)'}`;
      badge = `${state.subscribers.length} subs${held ? `, ${held} held` : ''}`;
      Object.assign(details, { subscribers: state.subscribers.join(', '), unacked: held, durable: state.settings.durable });
    }
    return { role: 'broker', summary, badge, details };
  },
};
