// A client of the account service. Every `orderEveryMs` (on the boundary, so all clients start
// together) an idle client places an order: charge the account $10 by reading its version and
// writing conditionally on it. A write that conflicts, or a call that times out, is a failure: the
// client backs off as its policy says, then reads again (after a conflict or a timed-out read) or
// sends the same write again (after a timed-out write — the reply may have been lost after the
// charge). It gives up when the policy does not retry, the retry budget is empty or the order's
// deadline passes. With `orderEveryMs` 0 it places one order and stops: the AWS experiment's client.
import type { Effect, Message, NodeContext, NodeView, Protocol, Step } from '../../engine/types';
import { readConfig, type RetriesConfig } from './config';
import { orderKey } from './messages';
import { backoffMs, BUCKET_CAPACITY, depositCall, spendRetry, type RetryPolicy } from './policy';

export const CHARGE_DOLLARS = 10;
const ORDER = 'order';
const TIMEOUT = 'timeout';
const RETRY = 'retry';
const DEADLINE = 'deadline';
/** Orders given up on that are remembered, to recognise a charge that lands afterwards. */
const ABANDONED_KEPT = 4;
/** Finished orders remembered. */
export const RECENT_KEPT = 4;

export type FailReason = 'no retries' | 'retry budget' | 'deadline';

export interface Order {
  id: number;
  placedAtMs: number;
  deadlineAtMs: number | null;
  phase: 'reading' | 'writing' | 'backing-off';
  /** Failed calls so far: the k of the next backoff. */
  failures: number;
  /** What the order does when its backoff ends. */
  resume: 'read' | 'write';
  /** The version the last read returned. */
  version: number;
  /** The call whose reply it waits for. */
  call: number;
  writes: number;
  policy: RetryPolicy;
}

export interface OrderOutcome {
  id: number;
  placedAtMs: number;
  doneAtMs: number;
  writes: number;
  charged: boolean;
  reason?: FailReason;
  policy: RetryPolicy;
}

export interface ClientTotals {
  placed: number;
  charged: number;
  failed: number;
  writes: number;
  conflicts: number;
  timeouts: number;
  retries: number;
  /** Retries the budget refused. */
  denied: number;
  /** Orders charged after the client had given up on them (it told its caller “failed”). */
  chargedAfterGiveUp: number;
}

export interface ClientState {
  config: RetriesConfig;
  /** This client's number: c7 is 7. It places orders while `number ≤ config.clients`. */
  number: number;
  order: Order | null;
  nextOrder: number;
  nextCall: number;
  /** Decorrelated jitter's last sleep. */
  sleepMs: number;
  /** Retry budget, in thousandths of a token. */
  tokens: number;
  abandoned: number[];
  /** The latest finished orders, oldest first (a round's figures need each member's). */
  recent: OrderOutcome[];
  totals: ClientTotals;
}

const ZERO_TOTALS: ClientTotals = { placed: 0, charged: 0, failed: 0, writes: 0, conflicts: 0, timeouts: 0, retries: 0, denied: 0, chargedAfterGiveUp: 0 };

/** Time to the next multiple of `every` on this clock (a whole period when on one). */
function untilBoundary(clockMs: number, every: number): number {
  return every - (((clockMs % every) + every) % every);
}

function clientNumber(id: string): number {
  const match = /(\d+)$/.exec(id);
  return match ? Number(match[1]) : 1;
}

export function isActive(state: ClientState): boolean {
  return state.number <= state.config.clients;
}

const count = (out: Effect[], name: string) => out.push({ kind: 'metric', name, metric: 'count' });
const add = (totals: ClientTotals, field: keyof ClientTotals) => ({ ...totals, [field]: totals[field] + 1 });

function server(ctx: NodeContext): string {
  return ctx.servers[0];
}

function sendRead(state: ClientState, order: Order, ctx: NodeContext, out: Effect[]): ClientState {
  const call = state.nextCall;
  const message: Message = { type: 'Read', call, order: order.id };
  if (state.config.propagateDeadline && order.deadlineAtMs !== null) message.deadlineMs = order.deadlineAtMs;
  out.push({ kind: 'send', to: server(ctx), message });
  out.push({ kind: 'set-timer', timer: TIMEOUT, afterMs: state.config.timeoutMs, quiet: true });
  return { ...state, nextCall: call + 1, order: { ...order, phase: 'reading', call } };
}

function sendWrite(state: ClientState, order: Order, ctx: NodeContext, out: Effect[]): ClientState {
  const call = state.nextCall;
  const message: Message = { type: 'Write', call, order: order.id, version: order.version, amount: CHARGE_DOLLARS };
  if (state.config.idempotencyKey) message.key = orderKey(ctx.id, order.id);
  if (state.config.propagateDeadline && order.deadlineAtMs !== null) message.deadlineMs = order.deadlineAtMs;
  out.push({ kind: 'send', to: server(ctx), message });
  out.push({ kind: 'set-timer', timer: TIMEOUT, afterMs: state.config.timeoutMs, quiet: true });
  count(out, 'writes');
  return { ...state, nextCall: call + 1, totals: add(state.totals, 'writes'), order: { ...order, phase: 'writing', call, writes: order.writes + 1 } };
}

function place(state: ClientState, ctx: NodeContext, out: Effect[]): ClientState {
  if (state.order !== null || !isActive(state)) return state;
  const { config } = state;
  const order: Order = {
    id: state.nextOrder, placedAtMs: ctx.clockMs, deadlineAtMs: config.deadlineMs > 0 ? ctx.clockMs + config.deadlineMs : null,
    phase: 'reading', failures: 0, resume: 'read', version: -1, call: 0, writes: 0, policy: config.policy,
  };
  if (order.deadlineAtMs !== null) out.push({ kind: 'set-timer', timer: DEADLINE, afterMs: config.deadlineMs, quiet: true });
  count(out, 'orders');
  const placed = {
    ...state, nextOrder: order.id + 1, sleepMs: config.baseMs, tokens: depositCall(state.tokens, config.budgetPct), totals: add(state.totals, 'placed'),
  };
  return sendRead(placed, order, ctx, out);
}

function remember(recent: OrderOutcome[], outcome: OrderOutcome): OrderOutcome[] {
  return [...recent, outcome].slice(-RECENT_KEPT);
}

/** Ends the current order: charged, or given up for `reason`. */
function finish(state: ClientState, ctx: NodeContext, out: Effect[], reason?: FailReason): ClientState {
  const order = state.order!;
  out.push({ kind: 'cancel-timer', timer: TIMEOUT }, { kind: 'cancel-timer', timer: RETRY }, { kind: 'cancel-timer', timer: DEADLINE });
  const last: OrderOutcome = { id: order.id, placedAtMs: order.placedAtMs, doneAtMs: ctx.clockMs, writes: order.writes, charged: reason === undefined, policy: order.policy };
  if (reason === undefined) {
    count(out, 'charged');
    out.push({ kind: 'metric', name: 'latency', metric: 'sample', value: ctx.clockMs - order.placedAtMs });
    if (order.failures > 0) out.push({ kind: 'note', tag: 'charged-after-retry', text: `${orderKey(ctx.id, order.id)} charged after ${order.failures} failed call${order.failures === 1 ? '' : 's'}` });
    return { ...state, order: null, recent: remember(state.recent, last), totals: add(state.totals, 'charged') };
  }
  count(out, 'failed');
  out.push({ kind: 'note', tag: reason === 'retry budget' ? 'budget-empty' : reason === 'deadline' ? 'deadline-passed' : 'gave-up', text: `${ctx.id} gave up on ${orderKey(ctx.id, order.id)}: ${reason}` });
  return {
    ...state, order: null, recent: remember(state.recent, { ...last, reason }), totals: add(state.totals, 'failed'),
    abandoned: [...state.abandoned, order.id].slice(-ABANDONED_KEPT),
  };
}

/** A call failed (a conflict or a timeout): back off and retry, or give up. */
function failed(state: ClientState, ctx: NodeContext, out: Effect[], resume: 'read' | 'write'): ClientState {
  const order = state.order!;
  const k = order.failures + 1;
  const wait = backoffMs(state.config, k, state.sleepMs, ctx.rng);
  if (wait === null) return finish({ ...state, order: { ...order, failures: k } }, ctx, out, 'no retries');
  const tokens = spendRetry(state.tokens, state.config.budgetPct);
  if (tokens === null) {
    count(out, 'denied');
    return finish({ ...state, order: { ...order, failures: k }, totals: add(state.totals, 'denied') }, ctx, out, 'retry budget');
  }
  count(out, 'retries');
  const next: ClientState = { ...state, tokens, sleepMs: wait.sleepMs, totals: add(state.totals, 'retries'), order: { ...order, failures: k, resume, phase: 'backing-off' } };
  if (wait.waitMs === 0) return resumeOrder(next, ctx, out);
  out.push({ kind: 'set-timer', timer: RETRY, afterMs: wait.waitMs, quiet: true });
  return next;
}

function resumeOrder(state: ClientState, ctx: NodeContext, out: Effect[]): ClientState {
  const order = state.order!;
  return order.resume === 'write' ? sendWrite(state, order, ctx, out) : sendRead(state, order, ctx, out);
}

function onReply(state: ClientState, message: Message, ctx: NodeContext): Step<ClientState> {
  const out: Effect[] = [];
  if (message.type === 'WriteOk' && message.replayed !== true && state.abandoned.includes(message.order as number)) {
    // The charge this client gave up on went through after all: its caller was told “failed”.
    out.push({ kind: 'note', tag: 'charged-after-giving-up', text: `${orderKey(ctx.id, message.order as number)} was charged after ${ctx.id} had given up on it` });
    count(out, 'charged-after-giving-up');
    return [{ ...state, totals: add(state.totals, 'chargedAfterGiveUp') }, out];
  }
  const order = state.order;
  if (order === null || message.call !== order.call || order.phase === 'backing-off') return [state, []];
  out.push({ kind: 'cancel-timer', timer: TIMEOUT });
  switch (message.type) {
    case 'ReadOk':
      return [sendWrite(state, { ...order, version: message.version as number }, ctx, out), out];
    case 'WriteOk':
      return [finish(state, ctx, out), out];
    case 'Conflict':
      count(out, 'conflicts');
      return [failed({ ...state, totals: add(state.totals, 'conflicts') }, ctx, out, 'read'), out];
    case 'Expired':
      return [finish(state, ctx, out, 'deadline'), out];
    default:
      return [state, []];
  }
}

function onTimer(state: ClientState, timer: string, ctx: NodeContext): Step<ClientState> {
  const out: Effect[] = [];
  if (timer === ORDER) {
    const every = state.config.orderEveryMs;
    if (every > 0) out.push({ kind: 'set-timer', timer: ORDER, afterMs: untilBoundary(ctx.clockMs, every), quiet: true });
    return [place(state, ctx, out), out];
  }
  const order = state.order;
  if (order === null) return [state, out];
  if (timer === TIMEOUT && order.phase !== 'backing-off') {
    count(out, 'timeouts');
    out.push({ kind: 'note', tag: 'call-timed-out', text: `${ctx.id}'s ${order.phase === 'writing' ? 'write' : 'read'} for ${orderKey(ctx.id, order.id)} got no reply in ${state.config.timeoutMs} ms` });
    return [failed({ ...state, totals: add(state.totals, 'timeouts') }, ctx, out, order.phase === 'writing' ? 'write' : 'read'), out];
  }
  if (timer === RETRY && order.phase === 'backing-off') return [resumeOrder(state, ctx, out), out];
  if (timer === DEADLINE) return [finish(state, ctx, out, 'deadline'), out];
  return [state, out];
}

function start(config: RetriesConfig, ctx: NodeContext, carried?: Pick<ClientState, 'nextOrder' | 'nextCall' | 'totals' | 'abandoned'>): Step<ClientState> {
  const state: ClientState = {
    config, number: clientNumber(ctx.id), order: null, nextOrder: 1, nextCall: 1, sleepMs: config.baseMs, tokens: BUCKET_CAPACITY,
    abandoned: [], recent: [], totals: ZERO_TOTALS, ...carried,
  };
  const out: Effect[] = [];
  const every = config.orderEveryMs;
  if (every > 0) out.push({ kind: 'set-timer', timer: ORDER, afterMs: untilBoundary(ctx.clockMs, every), quiet: true });
  // The first order goes out at once: every client of a run starts together.
  return [carried ? state : place(state, ctx, out), out];
}

export const retryingClient: Protocol<ClientState, Pick<ClientState, 'nextOrder' | 'nextCall' | 'totals' | 'abandoned'>> = {
  id: 'retries-client',
  init: (ctx) => start(readConfig(ctx.params), ctx),
  onMessage: (state, _from, message, ctx) => onReply(state, message, ctx),
  onTimer,
  onControl(state, control, ctx) {
    if (control.do !== 'configure' || typeof control.config !== 'object' || control.config === null) return [state, []];
    const config = control.config as RetriesConfig;
    if (config.orderEveryMs === state.config.orderEveryMs) return [{ ...state, config }, []];
    // A new pace starts at its next boundary; 0 stops placing orders.
    const every = config.orderEveryMs;
    const timer: Effect = every > 0 ? { kind: 'set-timer', timer: ORDER, afterMs: untilBoundary(ctx.clockMs, every), quiet: true } : { kind: 'cancel-timer', timer: ORDER };
    return [{ ...state, config }, [timer]];
  },
  // A restarted client has forgotten the order it was placing, not what it counted.
  persisted: (state) => ({ nextOrder: state.nextOrder, nextCall: state.nextCall, totals: state.totals, abandoned: state.abandoned }),
  recover: (saved, ctx) => start(readConfig(ctx.params), ctx, saved),
  view: (state): NodeView => {
    const order = state.order;
    return {
      role: 'client',
      summary: order ? `order #${order.id}: ${order.phase}${order.failures > 0 ? ` after ${order.failures} failed` : ''}` : isActive(state) ? 'idle' : 'not placing orders',
      badge: order && order.failures > 0 ? `×${order.failures + 1}` : undefined,
      details: { ...state.totals, policy: state.config.policy, tokens: state.config.budgetPct > 0 ? state.tokens / 1000 : null },
    };
  },
};
