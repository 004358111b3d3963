// A consumer: takes one message at a time, works on it, applies its effect through the store and
// acknowledges it — before the effect (at-most-once: a crash in between loses the message) or
// after it (at-least-once: a crash in between, or a pause past the visibility timeout or the
// session timeout, has it delivered again). Queue: long-polls with Receive and deletes.
// Stream: joins the group, heartbeats, fetches from its partitions and commits offsets.
// Pub/sub: subscribes; the broker pushes, the consumer buffers and acks.
// Consumers keep nothing on disk: what they did is in the store.
import type { ControlAction, Effect, NodeContext, NodeView, Protocol, Step } from '../../engine/types';
import { keyedList } from '../../protocols/keyed-list';
import { BROKER_ID } from './producer';
import { readSettings, type MessagingSettings } from './settings';
import { STORE_ID } from './store';
import type { Delivery } from './wire';

export interface Current {
  delivery: Delivery;
  attempts: number;
  /** Working, waiting for the store's answer, or waiting for the broker to confirm a dead letter. */
  phase: 'work' | 'apply' | 'park';
  /** The acknowledgement was sent already (commit before). */
  acked: boolean;
}

export interface ConsumerState {
  settings: MessagingSettings;
  /** This incarnation's process number in the ledger (a restart is a new process, as in Jepsen). */
  process: number;
  current: Current | null;
  /** Pub/sub pushes that arrived while busy (volatile: a crash loses them). */
  inbox: Delivery[];
  /** A receive or fetch is outstanding. */
  asking: boolean;
  generation: number;
  partitions: number[];
  /** Per partition: the next offset to read. */
  positions: number[];
  processed: number;
  failures: number;
}

const WORK = 'work';
const APPLY_RETRY = 'apply-retry';
const ASK_AGAIN = 'ask-again';
const HEARTBEAT = 'heartbeat';
const HEARTBEAT_MS = 250;
const APPLY_RETRY_MS = 400;
const ASK_AGAIN_MS = 1000;
/** Pub/sub: a subscriber says hello again now and then (its first hello may have been lost). */
const RESUBSCRIBE_MS = 1000;

function start(settings: MessagingSettings, process: number): ConsumerState {
  return { settings, process, current: null, inbox: [], asking: false, generation: 0, partitions: [], positions: [], processed: 0, failures: 0 };
}

/** What a consumer does when it (re)starts in a mode. */
function hello(state: ConsumerState, ctx: NodeContext, out: Effect[]): ConsumerState {
  switch (state.settings.mode) {
    case 'queue':
      return ask(state, out);
    case 'stream':
      out.push({ kind: 'send', to: BROKER_ID, message: { type: 'Join' } });
      out.push({ kind: 'set-timer', timer: HEARTBEAT, afterMs: HEARTBEAT_MS, quiet: true });
      return state;
    default:
      out.push({ kind: 'send', to: BROKER_ID, message: { type: 'Subscribe' } });
      out.push({ kind: 'set-timer', timer: HEARTBEAT, afterMs: RESUBSCRIBE_MS, quiet: true });
      return state;
  }
}

/** Pub/sub pushes waiting their turn, by message id (a returning subscriber's can be thousands). */
const buffered = keyedList((delivery: Delivery) => delivery.item.id);

/** Asks for the next message (queue, stream), or takes the next buffered push (pub/sub). */
function ask(state: ConsumerState, out: Effect[], ctx?: NodeContext): ConsumerState {
  const mode = state.settings.mode;
  if (mode === 'pubsub') {
    if (state.inbox.length === 0 || !ctx) return state;
    const { item: next, list: rest } = buffered.shift(state.inbox);
    return take({ ...state, inbox: rest }, next, ctx, out);
  }
  if (mode === 'stream') {
    if (state.partitions.length === 0) return state.asking ? { ...state, asking: false } : state;
    out.push({ kind: 'send', to: BROKER_ID, message: { type: 'Fetch', positions: state.positions, generation: state.generation } });
  } else {
    out.push({ kind: 'send', to: BROKER_ID, message: { type: 'Receive' } });
  }
  out.push({ kind: 'set-timer', timer: ASK_AGAIN, afterMs: ASK_AGAIN_MS, quiet: true });
  return state.asking ? state : { ...state, asking: true };
}

function ackMessage(delivery: Delivery, settings: MessagingSettings, generation: number): Record<string, unknown> & { type: string } {
  if (settings.mode === 'queue') return { type: 'Delete', id: delivery.item.id };
  if (settings.mode === 'stream') return { type: 'Commit', partition: delivery.item.partition, offset: delivery.item.offset + 1, generation };
  return { type: 'Ack', id: delivery.item.id, target: delivery.target };
}

function workTimer(settings: MessagingSettings): Effect {
  return { kind: 'set-timer', timer: WORK, range: { minMs: Math.ceil(settings.processMs / 2), maxMs: Math.ceil((settings.processMs * 3) / 2) } };
}

/** Starts on a delivery: the ledger's dequeue line, the early ack if committing before, the work. */
function take(state: ConsumerState, delivery: Delivery, ctx: NodeContext, out: Effect[]): ConsumerState {
  const { item } = delivery;
  const value = item.id;
  out.push({ kind: 'history', event: { process: state.process, type: 'invoke', f: 'dequeue', client: ctx.id, node: delivery.target, mode: item.mode } });
  out.push({ kind: 'history', event: { process: state.process, type: 'ok', f: 'dequeue', value, client: ctx.id, node: delivery.target, mode: item.mode } });
  const acked = state.settings.commit === 'before' && !delivery.replay;
  if (acked) out.push({ kind: 'send', to: BROKER_ID, message: ackMessage(delivery, state.settings, state.generation) });
  // Replaying only folds the record into the projection: no side effect, so no work time.
  out.push(delivery.replay ? { kind: 'set-timer', timer: WORK, afterMs: 1 } : workTimer(state.settings));
  out.push({ kind: 'cancel-timer', timer: ASK_AGAIN });
  let positions = state.positions;
  if (state.settings.mode === 'stream') {
    positions = positions.slice();
    positions[item.partition] = item.offset + 1;
  }
  return { ...state, asking: false, positions, current: { delivery, attempts: 0, phase: 'work', acked } };
}

function finish(state: ConsumerState, ctx: NodeContext, out: Effect[], processed: boolean): ConsumerState {
  return ask({ ...state, current: null, processed: state.processed + (processed ? 1 : 0) }, out, ctx);
}

function parkMessage(current: Current, generation: number): Record<string, unknown> & { type: string } {
  return { type: 'DeadLetter', delivery: current.delivery, attempts: current.attempts, generation };
}

function applyMessage(current: Current): Record<string, unknown> & { type: string } {
  return { type: 'Apply', item: current.delivery.item, target: current.delivery.target, replay: current.delivery.replay === true };
}

function onDeliver(state: ConsumerState, delivery: Delivery, ctx: NodeContext, out: Effect[]): ConsumerState {
  const mode = state.settings.mode;
  if (delivery.item.mode !== mode) return state;
  if (mode === 'pubsub') {
    // A resend of something already in hand is not a second job for this consumer's buffer.
    const id = delivery.item.id;
    if (state.current?.delivery.item.id === id || buffered.has(state.inbox, id)) return state;
    if (state.current !== null) return { ...state, inbox: buffered.push(state.inbox, delivery) };
    return take(state, delivery, ctx, out);
  }
  if (state.current !== null) return state; // a duplicated packet; the broker will try again
  if (mode === 'stream') {
    const { partition, offset } = delivery.item;
    if (delivery.generation !== state.generation || !state.partitions.includes(partition) || offset !== state.positions[partition]) return state;
  }
  return take(state, delivery, ctx, out);
}

export const consumer: Protocol<ConsumerState, MessagingSettings> = {
  id: 'messaging-consumer',
  init(ctx) {
    const out: Effect[] = [];
    return [hello(start(readSettings(ctx.params), ctx.next('process', 100)), ctx, out), out];
  },
  onMessage(state, _from, message, ctx): Step<ConsumerState> {
    const out: Effect[] = [];
    switch (message.type) {
      case 'Deliver':
        return [onDeliver(state, message.delivery as Delivery, ctx, out), out];
      case 'Applied': {
        const current = state.current;
        if (current === null || current.phase !== 'apply' || current.delivery.item.id !== message.id) return [state, []];
        out.push({ kind: 'cancel-timer', timer: APPLY_RETRY });
        // A replayed record is never acked early (take), so it is committed here like any other.
        if (!current.acked) out.push({ kind: 'send', to: BROKER_ID, message: ackMessage(current.delivery, state.settings, state.generation) });
        return [finish(state, ctx, out, true), out];
      }
      case 'Parked': {
        const current = state.current;
        if (current === null || current.phase !== 'park' || current.delivery.item.id !== message.id) return [state, []];
        out.push({ kind: 'cancel-timer', timer: APPLY_RETRY });
        return [finish(state, ctx, out, false), out];
      }
      case 'Assign': {
        const generation = message.generation as number;
        if (state.settings.mode !== 'stream' || generation <= state.generation) return [state, []];
        const offsets = message.offsets as number[];
        const next = { ...state, generation, partitions: message.partitions as number[], positions: offsets.slice(), asking: false };
        out.push({ kind: 'note', tag: 'assigned', text: `${ctx.id} owns ${next.partitions.length ? next.partitions.map((p) => `p${p}@${offsets[p]}`).join(', ') : 'no partition'} (generation ${generation})` });
        return [next.current === null ? ask(next, out) : next, out];
      }
      default:
        return [state, []];
    }
  },
  onTimer(state, timer, ctx): Step<ConsumerState> {
    const out: Effect[] = [];
    switch (timer) {
      case HEARTBEAT:
        if (state.settings.mode === 'pubsub') return [state, [{ kind: 'send', to: BROKER_ID, message: { type: 'Subscribe' } }, { kind: 'set-timer', timer: HEARTBEAT, afterMs: RESUBSCRIBE_MS, quiet: true }]];
        if (state.settings.mode !== 'stream') return [state, []];
        return [state, [{ kind: 'send', to: BROKER_ID, message: { type: 'Heartbeat', generation: state.generation } }, { kind: 'set-timer', timer: HEARTBEAT, afterMs: HEARTBEAT_MS, quiet: true }]];
      case ASK_AGAIN:
        if (!state.asking || state.current !== null) return [state, []];
        return [ask({ ...state, asking: false }, out, ctx), out];
      case APPLY_RETRY: {
        const current = state.current;
        if (current?.phase === 'park') return [state, [{ kind: 'send', to: BROKER_ID, message: parkMessage(current, state.generation) }, { kind: 'set-timer', timer: APPLY_RETRY, afterMs: APPLY_RETRY_MS }]];
        if (current === null || current.phase !== 'apply') return [state, []];
        out.push({ kind: 'note', tag: 'apply-retried', text: `${ctx.id} heard nothing from the store about m${current.delivery.item.id}: applying again` });
        out.push({ kind: 'send', to: STORE_ID, message: applyMessage(current) }, { kind: 'set-timer', timer: APPLY_RETRY, afterMs: APPLY_RETRY_MS });
        return [state, out];
      }
      case WORK: {
        const current = state.current;
        if (current === null || current.phase !== 'work') return [state, []];
        const { item } = current.delivery;
        if (item.poison && !state.settings.patched && !current.delivery.replay) return [fail(state, current, ctx, out), out];
        out.push({ kind: 'send', to: STORE_ID, message: applyMessage(current) }, { kind: 'set-timer', timer: APPLY_RETRY, afterMs: APPLY_RETRY_MS });
        return [{ ...state, current: { ...current, phase: 'apply' } }, out];
      }
      default:
        return [state, []];
    }
  },
  onControl(state, control: ControlAction, ctx): Step<ConsumerState> {
    if (control.do !== 'configure') return [state, []];
    const settings = control.settings as MessagingSettings;
    if (settings.mode === state.settings.mode) return [{ ...state, settings }, []];
    // A new mode: drop what was in hand (the broker starts over too) and say hello again.
    const out: Effect[] = [{ kind: 'cancel-timer', timer: WORK }, { kind: 'cancel-timer', timer: APPLY_RETRY }, { kind: 'cancel-timer', timer: ASK_AGAIN }, { kind: 'cancel-timer', timer: HEARTBEAT }];
    return [hello(start(settings, state.process), ctx, out), out];
  },
  persisted: (state) => state.settings,
  recover(settings, ctx) {
    const out: Effect[] = [];
    return [hello(start(settings, ctx.next('process', 100)), ctx, out), out];
  },
  view(state): NodeView {
    const current = state.current;
    const doing = current ? `${current.phase === 'work' ? 'working on' : current.phase === 'apply' ? 'applying' : 'dead-lettering'} m${current.delivery.item.id}${current.acked ? ' (acked already)' : ''}` : 'idle';
    const details: Record<string, string | number | boolean | null> = { processed: state.processed, failures: state.failures };
    if (state.settings.mode === 'stream') {
      details.generation = state.generation;
      details.partitions = state.partitions.map((p) => `p${p}@${state.positions[p]}`).join(', ') || 'none';
    }
    if (state.settings.mode === 'pubsub') details.buffered = state.inbox.length;
    return { role: 'consumer', summary: doing, badge: current ? `m${current.delivery.item.id}${current.acked ? '✓' : ''}` : undefined, details };
  },
};

/** A poison message failed. Queue: leave it (it comes back after the visibility timeout, and the
 * broker dead-letters it). Stream and pub/sub: retry here, then park it in the dead-letter queue. */
function fail(state: ConsumerState, current: Current, ctx: NodeContext, out: Effect[]): ConsumerState {
  const attempts = current.attempts + 1;
  const id = current.delivery.item.id;
  out.push({ kind: 'metric', name: 'failed', metric: 'count' });
  out.push({ kind: 'note', tag: 'poison-failed', text: `${ctx.id} failed to process m${id} (poison), attempt ${attempts}`, data: { id } });
  const failed = { ...state, failures: state.failures + 1 };
  if (state.settings.mode === 'queue') return finish(failed, ctx, out, false);
  if (attempts < state.settings.maxReceiveCount) {
    out.push(workTimer(state.settings));
    return { ...failed, current: { ...current, attempts } };
  }
  // One message parks it and acknowledges it, so the broker does both or neither; the consumer
  // moves on only once the broker confirms (a later commit would otherwise skip it for good).
  const parking = { ...current, attempts, phase: 'park' as const };
  out.push({ kind: 'send', to: BROKER_ID, message: parkMessage(parking, state.generation) }, { kind: 'set-timer', timer: APPLY_RETRY, afterMs: APPLY_RETRY_MS });
  return { ...failed, current: parking };
}
