// The primary's side: it orders writes in its log, ships them to the followers, and answers a
// write once the mode is satisfied — at once (async), when one follower has it (semi-sync), or
// when every follower has it (sync). Reads on the primary see only acknowledged writes.
import type { Effect, NodeContext, NodeId } from '../../engine/types';
import { reply, type ClientRequest } from '../client/messages';
import { holdsLease, observeEpoch } from './epoch';
import { epochAt, lastIndex, valueAt } from './log';
import type { AppendReply, LogEntry, PrimaryBackupState, PrimaryState } from './types';

/** At most this many entries per append, and this many writes waiting for followers. */
export const MAX_ENTRIES_PER_APPEND = 64;
export const MAX_WAITING = 64;

export function freshPrimary(state: PrimaryBackupState, ctx: NodeContext): PrimaryState {
  const next = lastIndex(state.log) + 1;
  const nextIndex: Record<NodeId, number> = {};
  const matchIndex: Record<NodeId, number> = {};
  for (const peer of ctx.peers) {
    nextIndex[peer] = next;
    matchIndex[peer] = 0;
  }
  // Async answers at append, so the whole log counts; otherwise only what the old primary had
  // acknowledged, as far as this node learned it — the rest waits for followers again.
  const commitIndex = state.mode === 'async' ? lastIndex(state.log) : Math.min(state.knownCommit, lastIndex(state.log));
  return { matchIndex, nextIndex, confirmedSentMs: {}, commitIndex, readyIndex: lastIndex(state.log), waiting: [], refusing: false };
}

/** An append to one follower from its next index, advancing it optimistically (a mismatch backs it off). */
function appendTo(state: PrimaryBackupState, peer: NodeId, ctx: NodeContext, out: Effect[]): PrimaryState {
  const primary = state.primary!;
  const next = Math.min(primary.nextIndex[peer] ?? 1, lastIndex(state.log) + 1);
  const entries = state.log.slice(next - 1, next - 1 + MAX_ENTRIES_PER_APPEND);
  const prevIndex = next - 1;
  out.push({
    kind: 'send', to: peer,
    message: { type: 'Append', epoch: state.epoch, prevIndex, prevEpoch: epochAt(state.log, prevIndex), entries, commitIndex: primary.commitIndex, sentMs: ctx.clockMs },
  });
  return { ...primary, nextIndex: { ...primary.nextIndex, [peer]: next + entries.length } };
}

/** Ships the log to every follower (also the heartbeat: an append with no entries). */
export function shipToAll(state: PrimaryBackupState, ctx: NodeContext, out: Effect[]): PrimaryBackupState {
  let current = state;
  for (const peer of ctx.peers) current = { ...current, primary: appendTo(current, peer, ctx, out) };
  return current;
}

/** How far followers' acknowledgements let the primary answer writes, by mode. */
function acknowledgedIndex(state: PrimaryBackupState, ctx: NodeContext): number {
  const primary = state.primary!;
  if (state.mode === 'async') return lastIndex(state.log);
  const matched = ctx.peers.map((peer) => primary.matchIndex[peer] ?? 0).sort((a, b) => b - a);
  if (matched.length === 0) return lastIndex(state.log);
  return state.mode === 'semi-sync' ? matched[0] : matched[matched.length - 1];
}

/** Advances the commit index and answers the writes it covers — only while the primary may act. */
export function answerWrites(state: PrimaryBackupState, ctx: NodeContext, out: Effect[]): PrimaryBackupState {
  const primary = state.primary;
  if (!primary || !holdsLease(state, ctx)) return state;
  const commitIndex = Math.max(primary.commitIndex, acknowledgedIndex(state, ctx));
  if (commitIndex === primary.commitIndex && !primary.waiting.some((w) => w.index <= commitIndex)) return state;
  const done = primary.waiting.filter((w) => w.index <= commitIndex);
  for (const write of done) out.push(reply(write.client, write.requestId, { status: 'ok', value: write.value, mode: state.mode }));
  return { ...state, acks: state.acks + done.length, lastAckMs: done.length > 0 ? ctx.clockMs : state.lastAckMs, primary: { ...primary, commitIndex, waiting: primary.waiting.filter((w) => w.index > commitIndex) } };
}

/** How far back a repeated request is looked for in the log, and how many refusals are kept. */
const DEDUPE_WINDOW = 256;
const REFUSED_KEPT = 64;

const requestKey = (request: ClientRequest) => `${request.client}#${request.requestId}`;

/** Refuses a write for good: a copy of it arriving later is refused as well. */
function refuse(state: PrimaryBackupState, request: ClientRequest, error: string, out: Effect[]): PrimaryBackupState {
  out.push(reply(request.client, request.requestId, { status: 'fail', error, mode: state.mode }));
  if (request.op.f === 'read' || state.refused.includes(requestKey(request))) return state;
  return { ...state, refused: [...state.refused.slice(-(REFUSED_KEPT - 1)), requestKey(request)] };
}

/** A request the network delivered twice: it is answered as the first was, never applied again. */
function repeated(state: PrimaryBackupState, request: ClientRequest, out: Effect[]): boolean {
  const primary = state.primary!;
  if (state.refused.includes(requestKey(request))) {
    out.push(reply(request.client, request.requestId, { status: 'fail', error: 'refused before', mode: state.mode }));
    return true;
  }
  if (primary.waiting.some((w) => w.client === request.client && w.requestId === request.requestId)) return true;
  for (let i = state.log.length - 1; i >= Math.max(0, state.log.length - DEDUPE_WINDOW); i--) {
    const entry = state.log[i];
    if (entry.client !== request.client || entry.requestId !== request.requestId) continue;
    if (i + 1 <= primary.commitIndex) out.push(reply(request.client, request.requestId, { status: 'ok', value: request.op.value, mode: state.mode }));
    return true;
  }
  return false;
}

/** A client's read, write or compare-and-set at the primary. */
export function primaryRequest(state: PrimaryBackupState, request: ClientRequest, ctx: NodeContext, out: Effect[]): PrimaryBackupState {
  const { client, requestId, op } = request;
  const key = op.key ?? 'x';
  if (op.f !== 'read' && repeated(state, request, out)) return state;
  if (!holdsLease(state, ctx)) {
    const refused = refuse(state, request, 'no lease: not sure it is still the primary', out);
    if (refused.primary!.refusing) return refused;
    out.push({ kind: 'note', tag: 'lease-expired', text: `${ctx.id} refuses requests: no majority has answered it within its lease`, data: { epoch: state.epoch } });
    return { ...refused, primary: { ...refused.primary!, refusing: true } };
  }
  if (state.primary!.refusing) state = { ...state, primary: { ...state.primary!, refusing: false } };
  if (op.f === 'read') {
    if (state.primary!.commitIndex < state.primary!.readyIndex) return refuse(state, request, 'new primary: its log is not yet acknowledged', out);
    out.push(reply(client, requestId, { status: 'ok', value: valueAt(state.log, key, state.primary!.commitIndex), mode: state.mode }));
    return state;
  }
  let value = op.value;
  if (op.f === 'cas') {
    const [expected, next] = op.value as [unknown, unknown];
    // Compared with the log's latest value: the primary orders writes as it appends them.
    if (valueAt(state.log, key, lastIndex(state.log)) !== expected) {
      out.push(reply(client, requestId, { status: 'ok', value: false, mode: state.mode }));
      return state;
    }
    value = next;
  } else if (op.f !== 'write') {
    out.push(reply(client, requestId, { status: 'fail', error: `unknown operation ${op.f}`, mode: state.mode }));
    return state;
  }
  if (state.primary!.waiting.length >= MAX_WAITING) return refuse(state, request, 'too many writes waiting for followers', out);
  const entry: LogEntry = { epoch: state.epoch, key, value, atMs: ctx.clockMs, client, requestId };
  const log = [...state.log, entry];
  const waiting = [...state.primary!.waiting, { client, requestId, index: log.length, value: op.value }];
  const appended: PrimaryBackupState = { ...state, log, appliedIndex: log.length, primary: { ...state.primary!, waiting } };
  return answerWrites(shipToAll(appended, ctx, out), ctx, out);
}

/** A follower's answer to an append: progress, a mismatch to back off from, or a newer epoch. */
export function onAppendReply(state: PrimaryBackupState, from: NodeId, message: AppendReply, ctx: NodeContext, out: Effect[]): PrimaryBackupState {
  if (message.epoch > state.epoch) return observeEpoch(state, message.epoch, ctx, out) ?? state;
  const primary = state.primary;
  if (state.role !== 'primary' || !primary || message.epoch < state.epoch) return state;
  const confirmedSentMs = { ...primary.confirmedSentMs, [from]: Math.max(primary.confirmedSentMs[from] ?? -Infinity, message.sentMs) };
  if (message.ok) {
    const match = Math.max(primary.matchIndex[from] ?? 0, message.matchIndex);
    const nextIndex = Math.max(primary.nextIndex[from] ?? 1, match + 1);
    const updated = { ...state, primary: { ...primary, confirmedSentMs, matchIndex: { ...primary.matchIndex, [from]: match }, nextIndex: { ...primary.nextIndex, [from]: nextIndex } } };
    return answerWrites(updated, ctx, out);
  }
  // The follower's log does not hold our entry before `next`: go back and send again now.
  const backed = Math.max(1, Math.min((primary.nextIndex[from] ?? 1) - 1, message.matchIndex + 1));
  const updated = { ...state, primary: { ...primary, confirmedSentMs, nextIndex: { ...primary.nextIndex, [from]: backed } } };
  return answerWrites({ ...updated, primary: appendTo(updated, from, ctx, out) }, ctx, out);
}
