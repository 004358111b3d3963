// The coordinator (2PC) and orchestrator (saga): n1. It takes clients' transfers one at a time
// from a short queue. Two-phase commit: send Prepare to every participant, commit only if every
// vote is yes (writing the decision to its log first), otherwise abort, and resend the decision
// until every participant has acknowledged it. Saga: run each participant's step as a local
// transaction in order; on a refusal or a step that never answers, compensate the steps done in
// reverse, retrying each compensation until acknowledged. Its log (the transaction in progress
// and its phase) survives a crash; on recovery an undecided 2PC transaction is aborted (presumed
// abort), a decided one is finished, and a saga resumes where it was.
import type { Effect, NodeContext, NodeId, Step } from '../../engine/types';
import { msg, type TxMessage } from './messages';
import { txParams, type CoordinatorLog, type TxProtocol, type TxSettings } from './params';
import { describeParts, transferParts, type Part } from './transfer';

export type TxPhase = 'preparing' | 'committing' | 'aborting' | 'forward' | 'compensating';

export interface ActiveTx {
  tx: number;
  protocol: TxProtocol;
  /** The client that asked, and its request number. */
  client: NodeId;
  req: number;
  parts: Part[];
  phase: TxPhase;
  /** 2PC: the votes received so far. */
  votes: Record<NodeId, boolean>;
  /** 2PC: participants that acknowledged the decision. */
  acks: NodeId[];
  /** Saga: the forward step in progress (an index into parts), and the steps that succeeded. */
  step: number;
  applied: NodeId[];
  /** Saga: steps still to compensate, next first. */
  undo: NodeId[];
  /** Time spent in this phase (or on this saga step), in whole retry intervals. */
  phaseMs: number;
}

interface QueuedTransfer {
  client: NodeId;
  req: number;
  from: number;
  amount: number;
}

/** What the last recovery found in the log, for the lab's panels. */
export interface RecoveryRecord {
  tx: number;
  protocol: TxProtocol;
  found: TxPhase | 'nothing';
  action: string;
  /** Participants that had voted yes when it crashed (2PC), so were left blocked. */
  preparedBy: NodeId[];
}

export interface CoordinatorState {
  kind: 'coordinator';
  settings: TxSettings;
  /** The next transaction id (a durable sequence). */
  nextTx: number;
  /** The newest transaction finished: decided and acknowledged by every participant. */
  finished: number;
  queue: QueuedTransfer[];
  active: ActiveTx | null;
  recovered: RecoveryRecord | null;
  /** Where the log lives: on disk, or (the broken rule) in memory only. */
  log: CoordinatorLog;
}

export const RETRY_TIMER = 'retry';
export const LOG_WRITE_TIMER = 'log-write';
const QUEUE_LIMIT = 4;

function send(out: Effect[], to: NodeId, message: TxMessage): void {
  out.push({ kind: 'send', to, message: msg(message) });
}

function note(out: Effect[], tag: string, text: string, data?: Record<string, unknown>): void {
  out.push({ kind: 'note', tag, text, ...(data ? { data } : {}) });
}

export function initCoordinator(settings: TxSettings, log: CoordinatorLog): CoordinatorState {
  return { kind: 'coordinator', settings, nextTx: 1, finished: 0, queue: [], active: null, recovered: null, log };
}

function participants(ctx: NodeContext): NodeId[] {
  return ctx.servers.slice(1);
}

function armRetry(out: Effect[], ctx: NodeContext): void {
  out.push({ kind: 'set-timer', timer: RETRY_TIMER, afterMs: txParams(ctx.params).retryMs });
}

/** Starts the next queued transfer if nothing is in progress. */
function startNext(state: CoordinatorState, ctx: NodeContext, out: Effect[]): CoordinatorState {
  if (state.active !== null || state.queue.length === 0) return state;
  const [request, ...queue] = state.queue;
  const tx = state.nextTx;
  const parts = transferParts(participants(ctx), request.from, request.amount);
  const protocol = state.settings.protocol;
  const active: ActiveTx = {
    tx, protocol, client: request.client, req: request.req, parts, phase: protocol === '2pc' ? 'preparing' : 'forward',
    votes: {}, acks: [], step: 0, applied: [], undo: [], phaseMs: 0,
  };
  note(out, 'tx-begin', `${ctx.id} begins tx ${tx} (${protocol === '2pc' ? '2PC' : 'saga'}) for ${request.client}: ${describeParts(parts)}`, { tx });
  armRetry(out, ctx);
  const next = { ...state, queue, nextTx: tx + 1, active };
  sendPhase(active, out);
  return next;
}

/** Sends what the phase is waiting on: on entry, and again on every retry. */
function sendPhase(active: ActiveTx, out: Effect[]): void {
  const { tx } = active;
  switch (active.phase) {
    case 'preparing':
      for (const part of active.parts) if (active.votes[part.id] === undefined) send(out, part.id, { type: 'Prepare', tx, delta: part.delta });
      return;
    case 'committing':
    case 'aborting':
      for (const part of active.parts) if (!active.acks.includes(part.id)) send(out, part.id, { type: active.phase === 'committing' ? 'Commit' : 'Abort', tx });
      return;
    case 'forward': {
      const part = active.parts[active.step];
      send(out, part.id, { type: 'Do', tx, delta: part.delta });
      return;
    }
    case 'compensating': {
      const next = active.undo[0];
      const part = active.parts.find((p) => p.id === next);
      if (part) send(out, part.id, { type: 'Undo', tx, delta: part.delta });
    }
  }
}

function enterPhase(active: ActiveTx, phase: TxPhase, out: Effect[], extra: Partial<ActiveTx> = {}): ActiveTx {
  const next = { ...active, ...extra, phase, phaseMs: 0 };
  sendPhase(next, out);
  return next;
}

/** The transaction is over: tell the client, count it, and start the next. */
function finish(state: CoordinatorState, outcome: 'committed' | 'aborted' | 'compensated', ctx: NodeContext, out: Effect[]): CoordinatorState {
  const active = state.active!;
  out.push({ kind: 'cancel-timer', timer: RETRY_TIMER });
  out.push({ kind: 'metric', name: outcome, metric: 'count' });
  const word = outcome === 'committed' ? (active.protocol === 'saga' ? 'completed: every step done' : 'committed at every participant') : outcome === 'aborted' ? 'aborted at every participant' : 'compensated: every step done was undone';
  note(out, outcome === 'committed' ? 'tx-committed' : outcome === 'aborted' ? 'tx-aborted' : 'tx-compensated', `tx ${active.tx} ${word}`, { tx: active.tx, protocol: active.protocol });
  send(out, active.client, { type: 'Result', req: active.req, tx: active.tx, outcome: outcome === 'committed' ? 'committed' : 'aborted' });
  return startNext({ ...state, active: null, finished: active.tx }, ctx, out);
}

export function coordinatorMessage(state: CoordinatorState, from: NodeId, m: TxMessage, ctx: NodeContext): Step<CoordinatorState> {
  const out: Effect[] = [];
  if (m.type === 'Transfer') {
    if (state.queue.length >= QUEUE_LIMIT) {
      send(out, from, { type: 'Result', req: m.req, tx: 0, outcome: 'busy' });
      return [state, out];
    }
    const queued = { ...state, queue: [...state.queue, { client: from, req: m.req, from: m.from, amount: m.amount }] };
    return [startNext(queued, ctx, out), out];
  }
  if (m.type === 'Status') {
    // A participant in doubt asks. Only a decided transaction has an answer; one no longer in
    // progress was aborted (presumed abort: a committed one is kept until every ack is in).
    const active = state.active;
    if (active?.tx === m.tx && active.phase === 'committing') send(out, from, { type: 'Commit', tx: m.tx });
    else if (active?.tx !== m.tx || active.phase === 'aborting') send(out, from, { type: 'Abort', tx: m.tx });
    return [state, out];
  }
  const active = state.active;
  if (active === null || !('tx' in m) || m.tx !== active.tx) return [state, out];
  switch (m.type) {
    case 'Vote':
      return onVote(state, active, from, m.yes, ctx, out);
    case 'Ack': {
      if ((active.phase !== 'committing' && active.phase !== 'aborting') || active.acks.includes(from)) return [state, out];
      const acks = [...active.acks, from];
      if (acks.length < active.parts.length) return [{ ...state, active: { ...active, acks } }, out];
      return [finish({ ...state, active: { ...active, acks } }, active.phase === 'committing' ? 'committed' : 'aborted', ctx, out), out];
    }
    case 'Done':
      return onDone(state, active, from, m.ok, ctx, out);
    case 'Undone': {
      if (active.phase !== 'compensating' || active.undo[0] !== from) return [state, out];
      const undo = active.undo.slice(1);
      if (undo.length === 0) return [finish({ ...state, active: { ...active, undo } }, 'compensated', ctx, out), out];
      return [{ ...state, active: enterPhase(active, 'compensating', out, { undo }) }, out];
    }
    default:
      return [state, out];
  }
}

function onVote(state: CoordinatorState, active: ActiveTx, from: NodeId, yes: boolean, ctx: NodeContext, out: Effect[]): Step<CoordinatorState> {
  if (active.phase !== 'preparing' || active.votes[from] !== undefined || !active.parts.some((p) => p.id === from)) return [state, out];
  const votes = { ...active.votes, [from]: yes };
  if (!yes) {
    note(out, 'decided-abort', `${from} voted no: ${ctx.id} decides abort for tx ${active.tx}`, { tx: active.tx });
    return [{ ...state, active: enterPhase({ ...active, votes }, 'aborting', out) }, out];
  }
  if (active.parts.every((p) => votes[p.id] === true)) {
    const writeMs = state.settings.logWriteMs;
    if (writeMs > 0) {
      // The decision counts only once it is on disk: until the write completes, a crash loses it.
      note(out, 'writing-commit', `every participant voted yes: ${ctx.id} starts writing "commit tx ${active.tx}" to its log (${writeMs} ms)`, { tx: active.tx });
      out.push({ kind: 'set-timer', timer: LOG_WRITE_TIMER, afterMs: writeMs });
      return [{ ...state, active: { ...active, votes } }, out];
    }
    return [{ ...state, active: decideCommit({ ...active, votes }, ctx, out) }, out];
  }
  return [{ ...state, active: { ...active, votes } }, out];
}

function decideCommit(active: ActiveTx, ctx: NodeContext, out: Effect[]): ActiveTx {
  note(out, 'decided-commit', `every participant voted yes: ${ctx.id} has "commit tx ${active.tx}" in its log and tells them`, { tx: active.tx });
  return enterPhase(active, 'committing', out);
}

/** Every vote is yes and the commit record is being written. */
export function writingCommit(active: ActiveTx): boolean {
  return active.phase === 'preparing' && active.parts.every((p) => active.votes[p.id] === true);
}

function onDone(state: CoordinatorState, active: ActiveTx, from: NodeId, ok: boolean, ctx: NodeContext, out: Effect[]): Step<CoordinatorState> {
  if (active.phase !== 'forward' || active.parts[active.step].id !== from) return [state, out];
  if (!ok) {
    const undo = active.applied.slice().reverse();
    note(out, 'saga-compensate', `${from} refused its step of tx ${active.tx}: ${ctx.id} compensates ${undo.length ? undo.join(', ') : 'nothing (no step was done)'}`, { tx: active.tx });
    if (undo.length === 0) return [finish(state, 'compensated', ctx, out), out];
    return [{ ...state, active: enterPhase(active, 'compensating', out, { undo }) }, out];
  }
  const applied = [...active.applied, from];
  if (applied.length === active.parts.length) return [finish({ ...state, active: { ...active, applied } }, 'committed', ctx, out), out];
  return [{ ...state, active: enterPhase(active, 'forward', out, { applied, step: active.step + 1 }) }, out];
}

export function coordinatorTimer(state: CoordinatorState, timer: string, ctx: NodeContext): Step<CoordinatorState> {
  const active = state.active;
  if (active === null) return [state, []];
  const out: Effect[] = [];
  if (timer === LOG_WRITE_TIMER) {
    if (!writingCommit(active)) return [state, out];
    return [{ ...state, active: decideCommit(active, ctx, out) }, out];
  }
  if (timer !== RETRY_TIMER) return [state, out];
  const params = txParams(ctx.params);
  armRetry(out, ctx);
  const phaseMs = active.phaseMs + params.retryMs;
  if (writingCommit(active)) return [{ ...state, active: { ...active, phaseMs } }, out];
  if (active.phase === 'preparing' && phaseMs >= params.decideTimeoutMs) {
    const missing = active.parts.filter((p) => active.votes[p.id] === undefined).map((p) => p.id);
    note(out, 'decided-abort', `no vote from ${missing.join(', ')} within ${params.decideTimeoutMs} ms: ${ctx.id} decides abort for tx ${active.tx}`, { tx: active.tx });
    return [{ ...state, active: enterPhase(active, 'aborting', out) }, out];
  }
  if (active.phase === 'forward' && phaseMs >= params.decideTimeoutMs) {
    // The step's outcome is unknown: it may have been applied, so it is compensated too.
    const undo = [...active.applied, active.parts[active.step].id].reverse();
    note(out, 'saga-compensate', `no answer from ${active.parts[active.step].id} within ${params.decideTimeoutMs} ms: ${ctx.id} compensates tx ${active.tx} (${undo.join(', ')})`, { tx: active.tx });
    return [{ ...state, active: enterPhase(active, 'compensating', out, { undo }) }, out];
  }
  if (active.phase === 'compensating') note(out, 'retried-undo', `${ctx.id} retries the compensation of tx ${active.tx} at ${active.undo[0]}`, { tx: active.tx });
  sendPhase(active, out);
  return [{ ...state, active: { ...active, phaseMs } }, out];
}

/** What survives a crash: the log (sequence, finished mark, the transaction in progress), unless
 * the broken rule keeps the transaction in memory only. Queued requests are lost. */
export function persistCoordinator(state: CoordinatorState): CoordinatorState {
  return { ...state, queue: [], active: state.log === 'durable' ? state.active : null };
}

export function recoverCoordinator(saved: CoordinatorState, ctx: NodeContext): Step<CoordinatorState> {
  const out: Effect[] = [];
  const active = saved.active;
  if (active === null) {
    note(out, 'recovered-idle', `${ctx.id} restarts: its log holds no transaction in progress`);
    return [{ ...saved, recovered: { tx: saved.finished, protocol: saved.settings.protocol, found: 'nothing', action: 'there is nothing to finish', preparedBy: [] } }, out];
  }
  // Crashed before deciding: whoever had voted yes was in doubt, holding its lock, all along.
  const undecided = active.protocol === '2pc' && active.phase === 'preparing';
  const preparedBy = undecided ? active.parts.filter((p) => active.votes[p.id] === true).map((p) => p.id) : [];
  const record = (action: string): RecoveryRecord => ({ tx: active.tx, protocol: active.protocol, found: active.phase, action, preparedBy });
  armRetry(out, ctx);
  if (preparedBy.length > 0) note(out, 'recovered-after-prepare', `${preparedBy.join(', ')} had voted yes on tx ${active.tx}, and ${ctx.id} crashed before deciding: they were in doubt all the while`, { tx: active.tx, preparedBy });
  if (active.phase === 'preparing') {
    note(out, 'presumed-abort', `${ctx.id} restarts: its log has tx ${active.tx} with no decision, so it aborts it (presumed abort)`, { tx: active.tx, preparedBy });
    const next = enterPhase(active, 'aborting', out);
    return [{ ...saved, active: next, recovered: record('it aborts it and tells every participant (presumed abort)') }, out];
  }
  const actions: Record<TxPhase, string> = {
    preparing: '',
    committing: 'it tells every participant to commit, again',
    aborting: 'it tells every participant to abort, again',
    forward: `it resumes the saga at step ${active.step + 1}`,
    compensating: 'it resumes compensating',
  };
  const tag = active.phase === 'committing' ? 'recovered-commit' : active.protocol === 'saga' ? 'saga-resumed' : 'recovered-abort';
  note(out, tag, `${ctx.id} restarts: its log has tx ${active.tx} ${active.phase}, so ${actions[active.phase]}`, { tx: active.tx, preparedBy });
  sendPhase(active, out);
  return [{ ...saved, active: { ...active, phaseMs: 0 }, recovered: record(actions[active.phase]) }, out];
}
