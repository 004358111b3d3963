// The actors outside the servers. A client asks the coordinator for a transfer now and then and
// waits for its outcome. A reader reads every participant's balance directly, as a report or an
// auditor would: it collects all balances twice and keeps the result only if nothing changed in
// between (a double collect), so what it reports is what the accounts held at one moment. A
// participant locked by 2PC refuses the read (the reader is blocked, as a locking reader is); a
// saga locks nothing, so a reader can see one step done and the next not yet.
import type { ControlAction, Effect, HistoryEvent, Message, NodeContext, NodeId, NodeView, Protocol, Step } from '../../engine/types';
import { msg, type ReadReplyMsg, type ResultMsg, type TxMessage } from './messages';
import { txParams } from './params';

const NEXT = 'next';
const TIMEOUT = 'timeout';
const READ = 'read';
const READ_TIMEOUT = 'read-timeout';
/** A reader tries this many second collects before it gives up on a read that keeps changing. */
const COLLECT_TRIES = 3;

/** History processes are numbered by actor: c1 → 1, r2 → 102. */
function processOf(id: NodeId): number {
  const n = Number(/(\d+)$/.exec(id)?.[1] ?? 0);
  return id.startsWith('r') ? 100 + n : n;
}

function history(out: Effect[], ctx: NodeContext, event: Omit<HistoryEvent, 'process' | 'client'>): void {
  out.push({ kind: 'history', event: { ...event, process: processOf(ctx.id), client: ctx.id } });
}

// ---------------------------------------------------------------------------------------------
// Transfer clients.

export interface ClientState {
  nextReq: number;
  pending: { req: number; from: NodeId; amount: number } | null;
  committed: number;
  aborted: number;
  unknown: number;
}

/** How long a client waits for a transfer's outcome before it records it as unknown and moves
 * on (the coordinator carries on with the transfer regardless). */
const CLIENT_PATIENCE_MS = 1000;

function ask(state: ClientState, ctx: NodeContext, out: Effect[], amountAsked?: number): ClientState {
  const participants = ctx.servers.slice(1);
  const from = ctx.rng.int(participants.length);
  const amount = amountAsked ?? ctx.rng.rangeInclusive(1, txParams(ctx.params).amountMax);
  const req = state.nextReq;
  out.push({ kind: 'send', to: ctx.servers[0], message: msg({ type: 'Transfer', req, from, amount }) });
  out.push({ kind: 'set-timer', timer: TIMEOUT, afterMs: CLIENT_PATIENCE_MS });
  history(out, ctx, { type: 'invoke', f: 'transfer', value: { from: participants[from], amount } });
  return { ...state, nextReq: req + 1, pending: { req, from: participants[from], amount } };
}

export const transferClient: Protocol<ClientState, ClientState> = {
  id: 'transfer-client',
  init(ctx) {
    const [minMs, maxMs] = txParams(ctx.params).transferEveryMs;
    return [{ nextReq: 1, pending: null, committed: 0, aborted: 0, unknown: 0 }, [{ kind: 'set-timer', timer: NEXT, range: { minMs, maxMs }, quiet: true }]];
  },
  onMessage(state, _from, message: Message, ctx): Step<ClientState> {
    const m = message as unknown as TxMessage;
    if (m.type !== 'Result' || state.pending?.req !== m.req) return [state, []];
    const result = m as ResultMsg;
    const out: Effect[] = [{ kind: 'cancel-timer', timer: TIMEOUT }];
    const value = { from: state.pending.from, amount: state.pending.amount, tx: result.tx, outcome: result.outcome };
    history(out, ctx, { type: result.outcome === 'committed' ? 'ok' : 'fail', f: 'transfer', value });
    const counts = result.outcome === 'committed' ? { committed: state.committed + 1 } : { aborted: state.aborted + 1 };
    return [{ ...state, ...counts, pending: null }, out];
  },
  onTimer(state, timer, ctx): Step<ClientState> {
    const out: Effect[] = [];
    if (timer === NEXT) {
      const [minMs, maxMs] = txParams(ctx.params).transferEveryMs;
      out.push({ kind: 'set-timer', timer: NEXT, range: { minMs, maxMs }, quiet: true });
      return [state.pending === null ? ask(state, ctx, out) : state, out];
    }
    if (timer !== TIMEOUT || state.pending === null) return [state, out];
    history(out, ctx, { type: 'info', f: 'transfer', value: { from: state.pending.from, amount: state.pending.amount } });
    return [{ ...state, pending: null, unknown: state.unknown + 1 }, out];
  },
  onControl(state, control: ControlAction, ctx): Step<ClientState> {
    if (control.do !== 'transfer' || state.pending !== null) return [state, []];
    const out: Effect[] = [];
    const amount = typeof control.amount === 'number' ? control.amount : undefined;
    return [ask(state, ctx, out, amount), out];
  },
  persisted: (state) => ({ ...state, pending: null }),
  recover(saved, ctx) {
    const [minMs, maxMs] = txParams(ctx.params).transferEveryMs;
    return [saved, [{ kind: 'set-timer', timer: NEXT, range: { minMs, maxMs }, quiet: true }]];
  },
  view: (state): NodeView => ({
    role: 'client',
    summary: state.pending ? `moving ${state.pending.amount} from ${state.pending.from}` : 'idle',
    details: { committed: state.committed, aborted: state.aborted, unknown: state.unknown },
  }),
};

// ---------------------------------------------------------------------------------------------
// Readers.

interface Balance {
  balance: number;
  version: number;
}

export interface ReaderState {
  round: number;
  /** 0 idle, 1 first collect, 2 second collect. */
  collect: 0 | 1 | 2;
  tries: number;
  first: Record<NodeId, Balance>;
  replies: Record<NodeId, Balance>;
  ok: number;
  blocked: number;
  anomalies: number;
  lastTotal: number | null;
}

function scheduleRead(out: Effect[], ctx: NodeContext): void {
  const [minMs, maxMs] = txParams(ctx.params).readEveryMs;
  out.push({ kind: 'set-timer', timer: READ, range: { minMs, maxMs }, quiet: true });
}

function sendCollect(state: ReaderState, collect: 1 | 2, ctx: NodeContext, out: Effect[]): ReaderState {
  for (const id of ctx.servers.slice(1)) out.push({ kind: 'send', to: id, message: msg({ type: 'Read', round: state.round, collect }) });
  return { ...state, collect, replies: {} };
}

/** The read is over (answered, refused or given up): idle until the next one. */
function settle(state: ReaderState, ctx: NodeContext, out: Effect[], event: Omit<HistoryEvent, 'process' | 'client'>, counts: Partial<ReaderState>): ReaderState {
  history(out, ctx, event);
  out.push({ kind: 'cancel-timer', timer: READ_TIMEOUT });
  scheduleRead(out, ctx);
  return { ...state, ...counts, collect: 0, first: {}, replies: {}, tries: 0 };
}

/** The money every account held at the start: what a consistent read must add up to. */
export function expectedTotal(ctx: NodeContext): number {
  return txParams(ctx.params).balance * (ctx.servers.length - 1);
}

function onReply(state: ReaderState, from: NodeId, m: ReadReplyMsg, ctx: NodeContext): Step<ReaderState> {
  if (state.collect === 0 || m.round !== state.round || m.collect !== state.collect || state.replies[from]) return [state, []];
  const out: Effect[] = [];
  if (m.lockedBy !== null) {
    out.push({ kind: 'metric', name: 'reads-blocked', metric: 'count' });
    out.push({ kind: 'note', tag: 'read-blocked', text: `${ctx.id}'s read is refused: ${from} is locked by tx ${m.lockedBy}`, data: { lockedBy: m.lockedBy } });
    return [settle(state, ctx, out, { type: 'fail', f: 'read', value: { lockedBy: m.lockedBy, at: from } }, { blocked: state.blocked + 1 }), out];
  }
  const replies = { ...state.replies, [from]: { balance: m.balance, version: m.version } };
  const participants = ctx.servers.slice(1);
  if (participants.some((id) => !replies[id])) return [{ ...state, replies }, out];
  if (state.collect === 1) return [sendCollect({ ...state, first: replies }, 2, ctx, out), out];
  const unchanged = participants.every((id) => replies[id].version === state.first[id].version);
  if (!unchanged) {
    if (state.tries + 1 >= COLLECT_TRIES) return [settle(state, ctx, out, { type: 'fail', f: 'read', value: { changing: true } }, {}), out];
    return [sendCollect({ ...state, first: replies, tries: state.tries + 1 }, 2, ctx, out), out];
  }
  const balances: Record<NodeId, number> = {};
  let total = 0;
  for (const id of participants) {
    balances[id] = replies[id].balance;
    total += replies[id].balance;
  }
  const expected = expectedTotal(ctx);
  out.push({ kind: 'metric', name: 'reads', metric: 'count' });
  let anomalies = state.anomalies;
  if (total !== expected) {
    anomalies++;
    out.push({ kind: 'metric', name: 'anomalies', metric: 'count' });
    out.push({ kind: 'note', tag: 'anomaly', text: `${ctx.id} read a total of ${total}, not ${expected}: it saw a transfer half done`, data: { total, expected } });
  }
  return [settle(state, ctx, out, { type: 'ok', f: 'read', value: { total, balances } }, { ok: state.ok + 1, anomalies, lastTotal: total }), out];
}

export const reader: Protocol<ReaderState, ReaderState> = {
  id: 'balance-reader',
  init(ctx) {
    const out: Effect[] = [];
    scheduleRead(out, ctx);
    return [{ round: 0, collect: 0, tries: 0, first: {}, replies: {}, ok: 0, blocked: 0, anomalies: 0, lastTotal: null }, out];
  },
  onMessage(state, from, message: Message, ctx): Step<ReaderState> {
    const m = message as unknown as TxMessage;
    return m.type === 'ReadReply' ? onReply(state, from, m, ctx) : [state, []];
  },
  onTimer(state, timer, ctx): Step<ReaderState> {
    const out: Effect[] = [];
    if (timer === READ) {
      if (state.collect !== 0) return [state, out];
      history(out, ctx, { type: 'invoke', f: 'read' });
      out.push({ kind: 'set-timer', timer: READ_TIMEOUT, afterMs: 4 * txParams(ctx.params).retryMs, quiet: true });
      return [sendCollect({ ...state, round: state.round + 1, tries: 0, first: {} }, 1, ctx, out), out];
    }
    if (timer !== READ_TIMEOUT || state.collect === 0) return [state, out];
    return [settle(state, ctx, out, { type: 'info', f: 'read' }, {}), out];
  },
  persisted: (state) => ({ ...state, collect: 0, first: {}, replies: {} }),
  recover(saved, ctx) {
    const out: Effect[] = [];
    scheduleRead(out, ctx);
    return [saved, out];
  },
  view: (state): NodeView => ({
    role: 'reader',
    summary: state.collect === 0 ? (state.lastTotal === null ? 'idle' : `last read: total ${state.lastTotal}`) : `reading (collect ${state.collect})`,
    badge: state.lastTotal === null ? undefined : `Σ ${state.lastTotal}`,
    details: { reads: state.ok, blocked: state.blocked, anomalies: state.anomalies },
  }),
};
