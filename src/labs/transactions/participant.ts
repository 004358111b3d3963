// A participant: one service that owns one account (a bank, a ledger, a stock keeper). It takes
// part in two-phase commit (prepare holds a lock until the decision) and in sagas (each step is a
// local transaction, committed at once; a compensation undoes it). Everything it knows is its
// database, so all of it survives a crash. Pure and copy-on-write.
import type { Effect, NodeContext, Step } from '../../engine/types';
import { msg, type TxMessage } from './messages';
import { GIVE_UP_AFTER_MS, txParams, type TxSettings } from './params';

/** What became of a transaction here: 2PC's committed/aborted; a saga step done, undone or refused. */
export type LocalOutcome = 'committed' | 'aborted' | 'done' | 'undone' | 'refused';

export interface ParticipantState {
  kind: 'participant';
  /** The opening balance (what money conservation adds up to). */
  opening: number;
  balance: number;
  /** How many times the balance changed: a reader compares two collects by it. */
  version: number;
  /** The newest transaction this participant has heard of: the coordinator runs one at a time,
   * so a message about an older one is a late copy. */
  seenTx: number;
  /** 2PC: voted yes and holding the account's lock until the decision. `waitedMs` is how long it
   * has been in doubt, counted in whole retry intervals. */
  prepared: { tx: number; delta: number; waitedMs: number } | null;
  /** The newest transaction's outcome here (a duplicate asks get the same answer). */
  last: { tx: number; outcome: LocalOutcome; delta: number } | null;
  /** Compensations that refunded money. */
  refunds: number;
  settings: TxSettings;
}

export const IN_DOUBT_TIMER = 'in-doubt';

function note(out: Effect[], tag: string, text: string, data?: Record<string, unknown>): void {
  out.push({ kind: 'note', tag, text, ...(data ? { data } : {}) });
}

function send(out: Effect[], to: string, message: TxMessage): void {
  out.push({ kind: 'send', to, message: msg(message) });
}

export function initParticipant(ctx: NodeContext, settings: TxSettings): ParticipantState {
  const opening = txParams(ctx.params).balance;
  return { kind: 'participant', opening, balance: opening, version: 0, seenTx: 0, prepared: null, last: null, refunds: 0, settings };
}

/** Refuses its part: overdrawing, or the business rule's dice (drawn once per transaction). */
function refuses(state: ParticipantState, delta: number, ctx: NodeContext): boolean {
  if (state.balance + delta < 0) return true;
  return state.settings.failPercent > 0 && ctx.rng.int(100) < state.settings.failPercent;
}

function coordinatorOf(ctx: NodeContext): string {
  return ctx.servers[0];
}

export function participantMessage(state: ParticipantState, from: string, m: TxMessage, ctx: NodeContext): Step<ParticipantState> {
  switch (m.type) {
    case 'Prepare':
      return prepare(state, from, m.tx, m.delta, ctx);
    case 'Commit':
    case 'Abort':
      return decide(state, from, m.tx, m.type === 'Commit', ctx);
    case 'Do':
      return doStep(state, from, m.tx, m.delta, ctx);
    case 'Undo':
      return undoStep(state, from, m.tx, m.delta, ctx);
    case 'Read': {
      const out: Effect[] = [];
      const lockedBy = state.prepared ? state.prepared.tx : null;
      send(out, from, { type: 'ReadReply', round: m.round, collect: m.collect, balance: state.balance, version: state.version, lockedBy });
      return [state, out];
    }
    default:
      return [state, []];
  }
}

function prepare(state: ParticipantState, from: string, tx: number, delta: number, ctx: NodeContext): Step<ParticipantState> {
  const out: Effect[] = [];
  if (state.prepared?.tx === tx) {
    send(out, from, { type: 'Vote', tx, yes: true });
    return [state, out];
  }
  if (state.last?.tx === tx) {
    send(out, from, { type: 'Vote', tx, yes: state.last.outcome === 'committed' });
    return [state, out];
  }
  if (tx < state.seenTx) return [state, out]; // a late copy of a finished transaction
  if (state.prepared !== null) {
    // Locked by another transaction: no second lock on the same account.
    send(out, from, { type: 'Vote', tx, yes: false });
    return [state, out];
  }
  if (refuses(state, delta, ctx)) {
    // Before voting yes a participant may abort on its own; that is what a no vote does.
    note(out, 'voted-no', `${ctx.id} votes no on tx ${tx} (${state.balance + delta < 0 ? 'it would overdraw' : 'refused by a business rule'})`, { tx });
    send(out, from, { type: 'Vote', tx, yes: false });
    return [{ ...state, seenTx: tx, last: { tx, outcome: 'aborted', delta } }, out];
  }
  note(out, 'voted-yes', `${ctx.id} writes "prepared tx ${tx}" to its log, locks its account and votes yes`, { tx });
  send(out, from, { type: 'Vote', tx, yes: true });
  out.push({ kind: 'set-timer', timer: IN_DOUBT_TIMER, afterMs: txParams(ctx.params).retryMs });
  return [{ ...state, seenTx: tx, prepared: { tx, delta, waitedMs: 0 } }, out];
}

/** The decision reached it (from the coordinator's Commit/Abort or its answer to "tx?"). */
function decide(state: ParticipantState, from: string, tx: number, commit: boolean, ctx: NodeContext): Step<ParticipantState> {
  const out: Effect[] = [];
  send(out, from, { type: 'Ack', tx });
  const held = state.prepared;
  if (held?.tx === tx) {
    out.push({ kind: 'cancel-timer', timer: IN_DOUBT_TIMER });
    if (held.waitedMs > 0) {
      note(out, 'unblocked', `${ctx.id} learns tx ${tx} ${commit ? 'committed' : 'aborted'} after ${held.waitedMs} ms in doubt and releases its lock`, { tx, waitedMs: held.waitedMs });
      out.push({ kind: 'metric', name: 'blocked-wait', metric: 'sample', value: held.waitedMs });
    }
    const outcome: LocalOutcome = commit ? 'committed' : 'aborted';
    const applied = commit ? { balance: state.balance + held.delta, version: state.version + 1 } : {};
    return [{ ...state, ...applied, prepared: null, last: { tx, outcome, delta: held.delta } }, out];
  }
  // An abort can overtake its prepare: remember it, so the late prepare is refused.
  if (!commit && tx > state.seenTx && state.prepared === null) {
    return [{ ...state, seenTx: tx, last: { tx, outcome: 'aborted', delta: 0 } }, out];
  }
  return [state, out];
}

function doStep(state: ParticipantState, from: string, tx: number, delta: number, ctx: NodeContext): Step<ParticipantState> {
  const out: Effect[] = [];
  if (state.last?.tx === tx) {
    send(out, from, { type: 'Done', tx, ok: state.last.outcome === 'done' });
    return [state, out];
  }
  if (tx < state.seenTx) return [state, out];
  if (refuses(state, delta, ctx)) {
    note(out, 'step-refused', `${ctx.id} refuses its step of tx ${tx} (${state.balance + delta < 0 ? 'it would overdraw' : 'refused by a business rule'})`, { tx });
    send(out, from, { type: 'Done', tx, ok: false });
    return [{ ...state, seenTx: tx, last: { tx, outcome: 'refused', delta } }, out];
  }
  send(out, from, { type: 'Done', tx, ok: true });
  const next = { ...state, seenTx: tx, balance: state.balance + delta, version: state.version + 1, last: { tx, outcome: 'done' as const, delta } };
  return [next, out];
}

function undoStep(state: ParticipantState, from: string, tx: number, delta: number, ctx: NodeContext): Step<ParticipantState> {
  const out: Effect[] = [];
  send(out, from, { type: 'Undone', tx });
  if (state.settings.compensation === 'blind') {
    // The broken rule: refund whatever the message says, however often it arrives.
    note(out, 'refunded', `${ctx.id} refunds ${-delta} for tx ${tx} without checking whether it already did`, { tx });
    const refund = { balance: state.balance - delta, version: state.version + 1, refunds: state.refunds + 1 };
    return [{ ...state, ...refund, seenTx: Math.max(state.seenTx, tx), last: { tx, outcome: 'undone', delta } }, out];
  }
  if (state.last?.tx === tx) {
    if (state.last.outcome !== 'done') return [state, out]; // already undone, or never applied
    note(out, 'refunded', `${ctx.id} compensates tx ${tx}: reverses ${state.last.delta > 0 ? '+' : ''}${state.last.delta}`, { tx });
    const refund = { balance: state.balance - state.last.delta, version: state.version + 1, refunds: state.refunds + 1 };
    return [{ ...state, ...refund, last: { tx, outcome: 'undone', delta: state.last.delta } }, out];
  }
  // An undo that overtook its step: leave a tombstone so the late step is refused.
  if (tx > state.seenTx) return [{ ...state, seenTx: tx, last: { tx, outcome: 'undone', delta: 0 } }, out];
  return [state, out];
}

export function participantTimer(state: ParticipantState, timer: string, ctx: NodeContext): Step<ParticipantState> {
  if (timer !== IN_DOUBT_TIMER || state.prepared === null) return [state, []];
  const params = txParams(ctx.params);
  const held = state.prepared;
  const waitedMs = held.waitedMs + params.retryMs;
  const out: Effect[] = [
    { kind: 'metric', name: 'blocked', metric: 'count', value: params.retryMs / 1000 },
    { kind: 'metric', name: 'blocked-ms', metric: 'count', value: params.retryMs },
  ];
  if (params.inDoubt === 'abort' && waitedMs >= GIVE_UP_AFTER_MS) {
    // The broken rule: a participant that voted yes may not decide alone.
    note(out, 'gave-up', `${ctx.id} gives up waiting on tx ${held.tx} and aborts on its own after voting yes`, { tx: held.tx });
    return [{ ...state, prepared: null, last: { tx: held.tx, outcome: 'aborted', delta: held.delta } }, out];
  }
  if (held.waitedMs === 0) note(out, 'in-doubt', `${ctx.id} voted yes on tx ${held.tx} and has no decision: it is blocked, holding its lock, and asks ${coordinatorOf(ctx)}`, { tx: held.tx });
  send(out, coordinatorOf(ctx), { type: 'Status', tx: held.tx });
  out.push({ kind: 'set-timer', timer: IN_DOUBT_TIMER, afterMs: params.retryMs });
  return [{ ...state, prepared: { ...held, waitedMs } }, out];
}

/** Back from a crash with its database: a transaction it had prepared is still locked, in doubt. */
export function recoverParticipant(saved: ParticipantState, ctx: NodeContext): Step<ParticipantState> {
  const out: Effect[] = [];
  if (saved.prepared) {
    note(out, 'recovered-prepared', `${ctx.id} restarts with tx ${saved.prepared.tx} prepared in its log: it still holds the lock and must ask`, { tx: saved.prepared.tx });
    out.push({ kind: 'set-timer', timer: IN_DOUBT_TIMER, afterMs: txParams(ctx.params).retryMs });
  }
  return [saved, out];
}
