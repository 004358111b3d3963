// A client of the service: it sends new requests at its share of the offered load whatever
// happens to earlier ones (an open loop, as users and upstream services do), gives each attempt a
// timeout, and on a timeout or a refusal retries by its policy — at once, after an exponential
// backoff, or after a backoff with full jitter — while its retry budget and circuit breaker allow.
// An attempt it gave up on is abandoned: an answer that arrives later is wasted work.
import type { Effect, Message, NodeContext, NodeView, Protocol, Step } from '../../engine/types';
import { admits, CLOSED, record, type Breaker } from './breaker';
import { pickSettings, readParams, serviceCapacity, type OverloadSettings } from './params';
import { BUCKET_MAX, earnOnSuccess, mayRetry, spendOnFailure } from './retry-budget';

export interface PendingRequest {
  id: string;
  attempt: number;
  server: string;
  /** When the first attempt went out (the latency a user sees runs from here). */
  startedMs: number;
  /** False while backing off before the next attempt. */
  waiting: boolean;
}

export interface ClientState {
  settings: OverloadSettings;
  nextSeq: number;
  /** Round-robin position over the servers. */
  next: number;
  /** Requests not yet answered or given up, oldest first (a short list: copied on every change). */
  pending: PendingRequest[];
  /** Retry-budget tokens, in thousandths. */
  tokens: number;
  breaker: Breaker;
  succeeded: number;
  retried: number;
  gaveUp: number;
  wasted: number;
  /** When each kind of note was last written (notes are rate-limited to one a second a kind). */
  noted: Record<string, number>;
}

const ARRIVE = 'arrive';
const timerOf = (id: string) => `q:${id}`;
const MAX_BACKOFF_DOUBLINGS = 5;

/** Mean gap between this client's new requests: its share of load × capacity. */
export function arrivalGapMs(settings: OverloadSettings, ctx: NodeContext): number {
  const shape = readParams(ctx.params);
  const clients = ctx.roster[ctx.role]?.length ?? 1;
  const perClient = (settings.load * serviceCapacity(shape, ctx.servers.length)) / clients;
  return Math.max(2, Math.round(1000 / perClient));
}

function nextArrival(settings: OverloadSettings, ctx: NodeContext): Effect {
  const gap = arrivalGapMs(settings, ctx);
  return { kind: 'set-timer', timer: ARRIVE, range: { minMs: Math.max(1, Math.round(gap / 2)), maxMs: Math.round((gap * 3) / 2) }, quiet: true };
}

function note(state: ClientState, ctx: NodeContext, out: Effect[], tag: string, text: string): ClientState {
  const last = state.noted[tag];
  if (last !== undefined && ctx.clockMs - last < 1000) return state;
  out.push({ kind: 'note', tag, text });
  return { ...state, noted: { ...state.noted, [tag]: ctx.clockMs } };
}

export function pendingRequest(state: ClientState, id: string): PendingRequest | undefined {
  return state.pending.find((request) => request.id === id);
}

/** The state with request `id` replaced by `request`, added, or (null) removed. */
function withPending(state: ClientState, id: string, request: PendingRequest | null): ClientState {
  const others = state.pending.filter((p) => p.id !== id);
  if (request === null) return { ...state, pending: others };
  const index = state.pending.findIndex((p) => p.id === id);
  if (index < 0) return { ...state, pending: [...others, request] };
  const pending = state.pending.slice();
  pending[index] = request;
  return { ...state, pending };
}

/** Sends attempt `attempt` of request `id`, unless the breaker fails it at once. */
function sendAttempt(state: ClientState, id: string, attempt: number, startedMs: number, ctx: NodeContext, out: Effect[]): ClientState {
  if (state.settings.breaker) {
    const gate = admits(state.breaker, ctx.clockMs, `${id}#${attempt}`);
    if (!gate.ok) {
      // Failed at once: a request given up, without costing the service anything.
      out.push({ kind: 'metric', name: 'fast-failed', metric: 'count' }, { kind: 'metric', name: 'gave-up', metric: 'count' }, { kind: 'cancel-timer', timer: timerOf(id) });
      const failed = withPending({ ...state, gaveUp: state.gaveUp + 1 }, id, null);
      return note(failed, ctx, out, 'fast-fail', `${ctx.id}'s circuit breaker is open: request ${id} fails at once, without being sent`);
    }
    state = gate.breaker === state.breaker ? state : { ...state, breaker: gate.breaker };
  }
  const server = ctx.servers[state.next % ctx.servers.length];
  const { timeoutMs } = readParams(ctx.params);
  out.push(
    { kind: 'send', to: server, message: { type: 'Request', id, attempt, timeoutMs } },
    { kind: 'set-timer', timer: timerOf(id), afterMs: timeoutMs, quiet: true },
    { kind: 'metric', name: 'offered', metric: 'count' },
  );
  if (attempt > 0) out.push({ kind: 'metric', name: 'retries', metric: 'count' });
  return withPending({ ...state, next: state.next + 1, retried: state.retried + (attempt > 0 ? 1 : 0) }, id, { id, attempt, server, startedMs, waiting: true });
}

function backoffMs(settings: OverloadSettings, attempt: number, ctx: NodeContext): number {
  const ceiling = settings.backoffMs * 2 ** Math.min(attempt, MAX_BACKOFF_DOUBLINGS);
  if (settings.retry === 'backoff') return ceiling;
  if (settings.retry === 'backoff-jitter') return ctx.rng.int(ceiling + 1); // "full jitter"
  return 0;
}

function giveUp(state: ClientState, id: string, why: string, ctx: NodeContext, out: Effect[]): ClientState {
  out.push({ kind: 'metric', name: 'gave-up', metric: 'count' }, { kind: 'cancel-timer', timer: timerOf(id) });
  return note(withPending({ ...state, gaveUp: state.gaveUp + 1 }, id, null), ctx, out, 'gave-up', `${ctx.id} gave up on request ${id}: ${why}`);
}

/** The awaited attempt timed out or was refused: retry by the policy, or give up. */
function failed(state: ClientState, id: string, how: 'timeout' | 'refused', ctx: NodeContext, out: Effect[]): ClientState {
  const request = pendingRequest(state, id)!;
  out.push({ kind: 'metric', name: how === 'timeout' ? 'timeouts' : 'refused', metric: 'count' });
  let next: ClientState = { ...state, tokens: spendOnFailure(state.tokens) };
  if (state.settings.breaker) {
    const outcome = record(state.breaker, false, ctx.clockMs, `${id}#${request.attempt}`);
    next = { ...next, breaker: outcome.breaker };
    if (outcome.opened) next = note(next, ctx, out, 'breaker-open', `${ctx.id} opened its circuit breaker: most recent attempts failed`);
  }
  const settings = state.settings;
  if (settings.retry === 'none') return giveUp(next, id, `attempt ${how === 'timeout' ? 'timed out' : 'refused'}, and this client does not retry`, ctx, out);
  if (request.attempt >= settings.retries) return giveUp(next, id, `${request.attempt + 1} attempts failed`, ctx, out);
  if (!mayRetry(next.tokens, settings.budget)) {
    next = note(next, ctx, out, 'budget-stopped-retry', `${ctx.id}'s retry budget is spent: request ${id} is not retried`);
    return giveUp(next, id, 'the retry budget is spent', ctx, out);
  }
  const delay = backoffMs(settings, request.attempt, ctx);
  next = note(next, ctx, out, 'retried', `${ctx.id} ${how === 'timeout' ? 'timed out on' : 'was refused'} ${request.server} for request ${id}: retrying${delay > 0 ? ` in ${delay} ms` : ' at once'}`);
  if (delay === 0) return sendAttempt(next, id, request.attempt + 1, request.startedMs, ctx, out);
  out.push({ kind: 'set-timer', timer: timerOf(id), afterMs: delay, quiet: true });
  return withPending(next, id, { ...request, waiting: false });
}

function succeeded(state: ClientState, id: string, ctx: NodeContext, out: Effect[]): ClientState {
  const request = pendingRequest(state, id)!;
  out.push(
    { kind: 'cancel-timer', timer: timerOf(id) },
    { kind: 'metric', name: 'goodput', metric: 'count' },
    { kind: 'metric', name: 'latency', metric: 'sample', value: ctx.clockMs - request.startedMs },
  );
  let next: ClientState = { ...state, succeeded: state.succeeded + 1, tokens: earnOnSuccess(state.tokens, state.settings.budget) };
  if (state.settings.breaker) {
    const outcome = record(state.breaker, true, ctx.clockMs, `${id}#${request.attempt}`);
    next = { ...next, breaker: outcome.breaker };
    if (outcome.closed) next = note(next, ctx, out, 'breaker-closed', `${ctx.id}'s probe succeeded: circuit breaker closed`);
  }
  if (request.attempt > 0) next = note(next, ctx, out, 'answered-after-retry', `${ctx.id} got request ${id} answered on attempt ${request.attempt + 1}`);
  return withPending(next, id, null);
}

function fresh(ctx: NodeContext): ClientState {
  return {
    settings: pickSettings(readParams(ctx.params)), nextSeq: 1, next: ctx.rng.int(Math.max(1, ctx.servers.length)), pending: [],
    tokens: BUCKET_MAX, breaker: CLOSED, succeeded: 0, retried: 0, gaveUp: 0, wasted: 0, noted: {},
  };
}

export const overloadClient: Protocol<ClientState, null> = {
  id: 'overload-client',
  init(ctx) {
    const state = fresh(ctx);
    return [state, [nextArrival(state.settings, ctx)]];
  },
  onMessage(state, _from, message: Message, ctx): Step<ClientState> {
    if (message.type !== 'Reply' && message.type !== 'Shed') return [state, []];
    const id = String(message.id);
    const request = pendingRequest(state, id);
    const awaited = request !== undefined && request.waiting && request.attempt === message.attempt;
    const out: Effect[] = [];
    if (message.type === 'Reply') {
      if (awaited) return [succeeded(state, id, ctx, out), out];
      out.push({ kind: 'metric', name: 'wasted', metric: 'count' });
      const next = note({ ...state, wasted: state.wasted + 1 }, ctx, out, 'wasted', `${ctx.id} got an answer to ${id} attempt ${Number(message.attempt) + 1} after it stopped waiting: wasted work`);
      return [next, out];
    }
    if (!awaited) return [state, []];
    out.push({ kind: 'cancel-timer', timer: timerOf(id) });
    const next = note(state, ctx, out, 'refused', `${ctx.id}'s request ${id} was refused (${String(message.reason)})`);
    return [failed(next, id, 'refused', ctx, out), out];
  },
  onTimer(state, timer, ctx): Step<ClientState> {
    const out: Effect[] = [];
    if (timer === ARRIVE) {
      out.push(nextArrival(state.settings, ctx), { kind: 'metric', name: 'demand', metric: 'count' });
      const id = `${ctx.id}-${state.nextSeq}`;
      return [sendAttempt({ ...state, nextSeq: state.nextSeq + 1 }, id, 0, ctx.clockMs, ctx, out), out];
    }
    if (!timer.startsWith('q:')) return [state, []];
    const id = timer.slice(2);
    const request = pendingRequest(state, id);
    if (!request) return [state, []];
    if (request.waiting) return [failed(state, id, 'timeout', ctx, out), out];
    return [sendAttempt(state, id, request.attempt + 1, request.startedMs, ctx, out), out];
  },
  onControl(state, control): Step<ClientState> {
    if (control.do !== 'configure') return [state, []];
    return [{ ...state, settings: control.settings as OverloadSettings }, []];
  },
  // A restarted client has forgotten its requests (their answers become wasted work).
  persisted: () => null,
  recover(_saved, ctx) {
    return overloadClient.init(ctx);
  },
  view(state): NodeView {
    const waiting = state.pending.filter((p) => p.waiting).length;
    const backingOff = state.pending.length - waiting;
    return {
      role: 'client',
      summary: `${waiting} waiting${backingOff ? `, ${backingOff} backing off` : ''}${state.breaker.state !== 'closed' ? `, breaker ${state.breaker.state}` : ''}`,
      badge: String(waiting + backingOff),
      details: {
        waiting, backingOff, succeeded: state.succeeded, retried: state.retried, gaveUp: state.gaveUp, wasted: state.wasted,
        budgetTokens: state.settings.budget === 'off' ? null : state.tokens / 1000, breaker: state.breaker.state,
      },
    };
  },
};
