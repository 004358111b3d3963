// The Jepsen-style client as an actor: it sits beside a home node, invokes operations drawn from
// the lab's workload (or asked for by the person at the keyboard), follows redirects to the
// leader, gives up after a timeout, and records what it saw as a Jepsen-style history. Being an
// actor it can be crashed, paused and cut off like any node.
import type { Effect, HistoryEvent, Message, NodeContext, NodeId, NodeView, Operation, Protocol, Step } from '../../engine/types';
import { CLIENT_REPLY, requestMessage, type ReplyResult } from './messages';
import { drawOperation, readWorkload, type Workload } from './workload';

export interface PendingOperation {
  requestId: number;
  process: number;
  op: Operation;
  target: NodeId;
  attempts: number;
}

export interface ClientState {
  /** Jepsen process number of the next workload operation. */
  process: number;
  /** True while it draws operations from the workload; one-shot clients are never. */
  workload: boolean;
  pending: PendingOperation[];
}

/** Where a client's workload operations go: its home node. */
const ISSUE_TIMER = 'issue';
const timeoutTimer = (requestId: number) => `timeout:${requestId}`;

/** The counters every client shares: values, request ids and one-shot processes are run-wide. */
export const WRITE_VALUE = 'write-value';
const REQUEST_ID = 'request-id';
const USER_PROCESS = 'user-process';
const FIRST_USER_PROCESS = 1000;

/** How many attempts (redirects) a client makes for one operation. */
const MAX_ATTEMPTS = 5;

/** Workload clients are the role `client`, numbered from 1: process numbers start at 0. */
function initialProcess(ctx: NodeContext): number {
  const number = Number(/\d+$/.exec(ctx.id)?.[0] ?? '1');
  return Math.max(0, number - 1);
}

function init(ctx: NodeContext): Step<ClientState> {
  const workload = readWorkload(ctx.params);
  if (ctx.role !== 'client' || workload === null) return [{ process: 0, workload: false, pending: [] }, []];
  return [{ process: initialProcess(ctx), workload: true, pending: [] }, [thinkTimer(workload)]];
}

function thinkTimer(workload: Workload): Effect {
  return { kind: 'set-timer', timer: ISSUE_TIMER, range: { minMs: workload.intervalMs[0], maxMs: workload.intervalMs[1] }, quiet: true };
}

function onTimer(state: ClientState, timer: string, ctx: NodeContext): Step<ClientState> {
  if (timer === ISSUE_TIMER) {
    const workload = readWorkload(ctx.params);
    if (!state.workload || workload === null || ctx.home === null) return [state, []];
    const out: Effect[] = [];
    return [invoke(state, state.process, drawOperation(workload, ctx), ctx.home, ctx, out), out];
  }
  const requestId = Number(timer.slice('timeout:'.length));
  return timedOut(state, requestId, ctx);
}

function invoke(state: ClientState, process: number, op: Operation, target: NodeId, ctx: NodeContext, out: Effect[]): ClientState {
  const requestId = ctx.next(REQUEST_ID, 1);
  const invoked: HistoryEvent = { process, type: 'invoke', f: op.f, key: op.key, value: op.f === 'read' ? null : op.value, client: ctx.id };
  out.push({ kind: 'history', event: invoked });
  out.push({ kind: 'trace', as: 'request', to: target, text: `${ctx.id} asks ${target}: ${describeOperation(op)}` });
  out.push({ kind: 'send', to: target, message: requestMessage(requestId, op) });
  out.push({ kind: 'set-timer', timer: timeoutTimer(requestId), afterMs: readWorkload(ctx.params)?.timeoutMs ?? 2000, quiet: true });
  return { ...state, pending: [...state.pending, { requestId, process, op, target, attempts: 1 }] };
}

function onMessage(state: ClientState, from: NodeId, message: Message, ctx: NodeContext): Step<ClientState> {
  if (message.type !== CLIENT_REPLY) return [state, []];
  const index = state.pending.findIndex((p) => p.requestId === message.requestId);
  if (index < 0) return [state, []]; // a late reply to an operation that already timed out
  const pending = state.pending[index];
  const result = message.result as ReplyResult;
  const out: Effect[] = [];
  if (result.status === 'redirect') return [retry(state, index, from, result.leaderHint, ctx, out), out];
  const { op } = pending;
  const value = result.status === 'ok' ? okValue(op, result.value) : op.value;
  out.push({ kind: 'history', event: { process: pending.process, type: result.status, f: op.f, key: op.key, value, client: ctx.id, node: from, mode: result.mode } });
  const outcome = result.status === 'ok' ? `ok${op.f === 'read' ? ` (${JSON.stringify(value)})` : ''}` : `failed: ${result.error}`;
  out.push({ kind: 'trace', as: 'reply', from, text: `${ctx.id}: ${describeOperation(op)} ${outcome}` });
  out.push({ kind: 'cancel-timer', timer: timeoutTimer(pending.requestId) });
  const workload = readWorkload(ctx.params);
  if (state.workload && workload) out.push(thinkTimer(workload));
  return [{ ...state, pending: state.pending.filter((_, i) => i !== index) }, out];
}

/** The value a completed operation records: a read's result, a cas's [expected, new]. */
function okValue(op: Operation, replied: unknown): unknown {
  if (op.f === 'read') return replied === undefined ? null : replied;
  // A cas whose compare failed is still an observation (the register did not hold the expected
  // value), so it stays `ok` with the value false rather than a `fail` the checkers would drop.
  if (op.f === 'cas' && replied === false) return false;
  return op.value;
}

/** A redirect is certain not to have applied the operation, so retrying elsewhere is safe. */
function retry(state: ClientState, index: number, from: NodeId, hint: NodeId | undefined, ctx: NodeContext, out: Effect[]): ClientState {
  const pending = state.pending[index];
  if (pending.attempts >= MAX_ATTEMPTS) return state; // let the timeout decide
  const servers = ctx.servers;
  const next = hint && hint !== from ? hint : servers[(servers.indexOf(from) + 1) % servers.length];
  out.push({ kind: 'trace', as: 'request', to: next, text: `${ctx.id} retries on ${next}` });
  out.push({ kind: 'send', to: next, message: requestMessage(pending.requestId, pending.op) });
  const updated = { ...pending, target: next, attempts: pending.attempts + 1 };
  return { ...state, pending: state.pending.map((p, i) => (i === index ? updated : p)) };
}

function timedOut(state: ClientState, requestId: number, ctx: NodeContext): Step<ClientState> {
  const index = state.pending.findIndex((p) => p.requestId === requestId);
  if (index < 0) return [state, []];
  const { op, process } = state.pending[index];
  const out: Effect[] = [];
  out.push({ kind: 'history', event: { process, type: 'info', f: op.f, key: op.key, value: op.f === 'read' ? null : op.value, client: ctx.id } });
  out.push({ kind: 'trace', as: 'reply', text: `${ctx.id}: ${describeOperation(op)} timed out (outcome unknown)` });
  const pending = state.pending.filter((_, i) => i !== index);
  const workload = readWorkload(ctx.params);
  if (!state.workload || workload === null) return [{ ...state, pending }, out];
  out.push(thinkTimer(workload));
  // Jepsen: a process that timed out never invokes again; the client takes a fresh one.
  return [{ ...state, pending, process: state.process + workload.clients }, out];
}

/** The operator's command: invoke `op` on `target` now, as a process of its own. */
function onControl(state: ClientState, control: { do: string; [field: string]: unknown }, ctx: NodeContext): Step<ClientState> {
  if (control.do !== 'invoke') return [state, []];
  // `fresh`: the keyboard's client starts over, forgetting what it still waited for (see userRequest).
  const base = control.fresh === true ? { ...state, pending: [] } : state;
  const op = control.op as Operation;
  const filled: Operation = op.f === 'write' && op.value === undefined ? { ...op, value: ctx.next(WRITE_VALUE, 1) } : op;
  // Each request from the keyboard gets its own process, so concurrent clicks stay a valid history.
  const out: Effect[] = [];
  return [invoke(base, ctx.next(USER_PROCESS, FIRST_USER_PROCESS), filled, control.target as NodeId, ctx, out), out];
}

/** Stops drawing new operations (those in flight still finish): how a check asks "would the
 * replicas agree if the writes stopped now?". */
export function quiesced(state: ClientState): ClientState {
  return state.workload ? { ...state, workload: false } : state;
}

function view(state: ClientState): NodeView {
  const busy = state.pending[0];
  return {
    role: 'client',
    summary: busy ? `${describeOperation(busy.op)} → ${busy.target}` : 'idle',
    details: { pending: state.pending.length, process: state.process, workload: state.workload },
  };
}

export function describeOperation(op: Operation): string {
  const key = op.key ?? 'x';
  if (op.f === 'read') return `read ${key}`;
  if (op.f === 'write') return `write ${key}=${JSON.stringify(op.value)}`;
  if (op.f === 'cas') {
    const [expected, next] = op.value as [unknown, unknown];
    return `cas ${key} ${JSON.stringify(expected)}→${JSON.stringify(next)}`;
  }
  return `${op.f} ${key}${op.value === undefined ? '' : ` ${JSON.stringify(op.value)}`}`;
}

/** A client that crashed comes back knowing only which operations it had in flight: it can
 * never learn how they ended. As Jepsen does, each ends as `info` (outcome unknown), and a
 * workload client whose own process had one takes a fresh process, since a Jepsen process
 * never invokes again after an operation of unknown outcome. Without this the restarted client
 * invoked again in a process whose operation was still open, and no checker could read the
 * history. */
function recover(saved: ClientState, ctx: NodeContext): Step<ClientState> {
  const out: Effect[] = [];
  for (const { process, op } of saved.pending) {
    out.push({ kind: 'history', event: { process, type: 'info', f: op.f, key: op.key, value: op.f === 'read' ? null : op.value, client: ctx.id } });
  }
  const workload = readWorkload(ctx.params);
  const lostOwn = saved.pending.some((pending) => pending.process === saved.process);
  const process = lostOwn && workload !== null ? saved.process + workload.clients : saved.process;
  if (saved.workload && workload) out.push(thinkTimer(workload));
  return [{ ...saved, process, pending: [] }, out];
}

/** A crash keeps the client's process number and the operations it had in flight (recover ends
 * them); their timers are gone with it. */
export const registerClient: Protocol<ClientState, ClientState> = {
  id: 'register-client',
  init,
  onMessage,
  onTimer,
  onControl,
  persisted: (state) => state,
  recover,
  view,
};
