// A client: now and then it reads or writes a key through an app server of its choice, waits
// for the answer, and records what it saw as a Jepsen-style history (so the platform's session
// checkers apply). Writes carry values unique run-wide. An operation with no answer before the
// timeout is recorded as unknown (info), and the client takes a fresh process number, as
// Jepsen's workers do.
import type { Effect, HistoryEvent, Message, NodeContext, NodeView, Protocol, Step } from '../../engine/types';
import { keyNames, readParams } from './params';

export interface Pending {
  req: number;
  f: 'read' | 'write';
  key: string;
  value: number | null;
  startedMs: number;
}

export interface ClientState {
  process: number;
  /** False once the client was asked to stop (how a check lets the system settle). */
  active: boolean;
  pending: Pending | null;
  nextReq: number;
  ok: number;
  unknown: number;
  /** Set in what a crash keeps: an operation was still open. */
  orphaned?: boolean;
}

const NEXT = 'next';
const TIMEOUT = 'timeout';

function clientNumber(ctx: NodeContext): number {
  return Number(/(\d+)$/.exec(ctx.id)?.[1] ?? 1);
}

function think(ctx: NodeContext): Effect {
  const [minMs, maxMs] = readParams(ctx.params).opEveryMs;
  return { kind: 'set-timer', timer: NEXT, range: { minMs, maxMs }, quiet: true };
}

function history(ctx: NodeContext, state: ClientState, p: Pending, type: HistoryEvent['type'], value: unknown): Effect {
  return { kind: 'history', event: { process: state.process, type, f: p.f, key: p.key, value, client: ctx.id } };
}

/** Draws the next operation: the hot key `hotPercent` of the time, else a cold key. */
export function drawOperation(ctx: NodeContext): Pick<Pending, 'f' | 'key' | 'value'> {
  const params = readParams(ctx.params);
  const keys = keyNames(params.keys);
  const key = keys.length === 1 || ctx.rng.int(100) < params.hotPercent ? keys[0] : keys[1 + ctx.rng.int(keys.length - 1)];
  if (ctx.rng.int(100) < params.writePercent) return { f: 'write', key, value: ctx.next('write-value', 1) };
  return { f: 'read', key, value: null };
}

function issue(state: ClientState, ctx: NodeContext): Step<ClientState> {
  const drawn = drawOperation(ctx);
  const app = ctx.rng.pick(ctx.servers);
  const p: Pending = { ...drawn, req: state.nextReq, startedMs: ctx.clockMs };
  const out: Effect[] = [
    history(ctx, state, p, 'invoke', p.f === 'read' ? null : p.value),
    { kind: 'send', to: app, message: p.f === 'read' ? { type: 'Get', req: p.req, key: p.key } : { type: 'Put', req: p.req, key: p.key, value: p.value } },
    { kind: 'set-timer', timer: TIMEOUT, afterMs: readParams(ctx.params).clientTimeoutMs, quiet: true },
  ];
  return [{ ...state, pending: p, nextReq: state.nextReq + 1 }, out];
}

function onMessage(state: ClientState, _from: string, m: Message, ctx: NodeContext): Step<ClientState> {
  const p = state.pending;
  if (!p || m.req !== p.req) return [state, []];
  const out: Effect[] = [{ kind: 'cancel-timer', timer: TIMEOUT }];
  if (m.type === 'Failed') out.push(history(ctx, state, p, 'fail', p.f === 'read' ? null : p.value));
  else out.push(history(ctx, state, p, 'ok', p.f === 'read' ? ((m.value as number | null) ?? null) : p.value));
  out.push({ kind: 'metric', name: p.f === 'read' ? 'read-latency' : 'write-latency', metric: 'sample', value: ctx.clockMs - p.startedMs });
  if (state.active) out.push(think(ctx));
  return [{ ...state, pending: null, ok: state.ok + 1 }, out];
}

function onTimer(state: ClientState, timer: string, ctx: NodeContext): Step<ClientState> {
  if (timer === NEXT) return state.active && state.pending === null ? issue(state, ctx) : [state, []];
  if (timer !== TIMEOUT || state.pending === null) return [state, []];
  const p = state.pending;
  const out: Effect[] = [history(ctx, state, p, 'info', p.f === 'read' ? null : p.value)];
  if (state.active) out.push(think(ctx));
  // Jepsen: a process whose operation's outcome is unknown never invokes again.
  const clients = ctx.roster.client?.length ?? 1;
  return [{ ...state, pending: null, unknown: state.unknown + 1, process: state.process + clients }, out];
}

export const cachingClient: Protocol<ClientState, ClientState> = {
  id: 'caching-client',
  init: (ctx) => [{ process: clientNumber(ctx) - 1, active: true, pending: null, nextReq: 1, ok: 0, unknown: 0 }, [think(ctx)]],
  onMessage,
  onTimer,
  onControl(state, control) {
    return control.do === 'quiesce' && state.active ? [{ ...state, active: false }, []] : [state, []];
  },
  // A crashed client forgets what it was waiting for; that operation stays open in the history,
  // so the client comes back as a fresh process.
  persisted: (state) => ({ ...state, pending: null, orphaned: state.pending !== null }),
  recover(saved, ctx) {
    const process = saved.orphaned ? saved.process + (ctx.roster.client?.length ?? 1) : saved.process;
    return [{ ...saved, process, orphaned: false }, saved.active ? [think(ctx)] : []];
  },
  view: (state): NodeView => ({
    role: 'client',
    summary: state.pending ? `${state.pending.f} ${state.pending.key}${state.pending.f === 'write' ? `=${state.pending.value}` : ''}` : state.active ? 'thinking' : 'stopped',
    details: { ok: state.ok, unknown: state.unknown, process: state.process },
  }),
};
