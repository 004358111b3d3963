// The follower's side: it takes appends from the primary of the newest epoch it knows, keeps its
// log matching the primary's (dropping a divergent tail), applies what it received after a delay,
// and, when reads may go to followers, answers them from what it has applied — possibly stale.
import type { Effect, NodeContext, NodeId } from '../../engine/types';
import { reply, type ClientRequest } from '../client/messages';
import { observeEpoch } from './epoch';
import { epochAt, lastIndex, mergeEntries, valueAt } from './log';
import { applyTimer, electionTimer } from './timers';
import type { Append, PrimaryBackupState } from './types';

function answer(to: NodeId, state: PrimaryBackupState, ok: boolean, matchIndex: number, sentMs: number): Effect {
  return { kind: 'send', to, message: { type: 'AppendReply', epoch: state.epoch, ok, matchIndex, sentMs } };
}

export function onAppend(state: PrimaryBackupState, from: NodeId, message: Append, ctx: NodeContext, out: Effect[]): PrimaryBackupState {
  // An old primary's append: refuse it and tell it the newer epoch (with fencing, it steps down).
  if (message.epoch < state.epoch) {
    out.push(answer(from, state, false, 0, message.sentMs));
    return state;
  }
  // A primary of the same epoch cannot exist; a newer one fences this one, unless fencing is off.
  if (state.role === 'primary' && message.epoch === state.epoch) return state;
  const following = observeEpoch(state, message.epoch, ctx, out);
  if (following === null) return state;
  let current: PrimaryBackupState = { ...following, role: 'follower', candidate: null, primaryId: from, heardMs: Math.max(following.heardMs, ctx.clockMs) };
  if (state.role === 'candidate') out.push({ kind: 'note', tag: 'lost-election', text: `${ctx.id} follows ${from}, primary of epoch ${message.epoch}` });
  out.push(...electionTimer(ctx));
  const { prevIndex, prevEpoch, entries } = message;
  if (prevIndex > lastIndex(current.log) || epochAt(current.log, prevIndex) !== prevEpoch) {
    out.push(answer(from, current, false, Math.min(prevIndex - 1, lastIndex(current.log)), message.sentMs));
    return current;
  }
  const merged = mergeEntries(current.log, prevIndex, entries);
  if (merged.dropped > 0) {
    out.push({
      kind: 'note', tag: 'truncated',
      text: `${ctx.id} dropped ${merged.dropped} ${merged.dropped === 1 ? 'entry' : 'entries'} that ${from}, primary of epoch ${message.epoch}, never had`,
      data: { dropped: merged.dropped, epoch: message.epoch },
    });
  }
  const kept = keptPrefix(current.log, merged.log);
  const knownCommit = Math.max(Math.min(current.knownCommit, kept), Math.min(message.commitIndex, prevIndex + entries.length));
  current = { ...current, log: merged.log, appliedIndex: Math.min(current.appliedIndex, kept), knownCommit };
  out.push(answer(from, current, true, prevIndex + entries.length, message.sentMs));
  if (current.appliedIndex < lastIndex(current.log) && current.applyTarget === 0) {
    out.push(applyTimer(ctx));
    current = { ...current, applyTarget: lastIndex(current.log) };
  }
  return current;
}

/** How many leading entries two logs share (the same array: all of them). */
function keptPrefix(before: readonly unknown[], after: readonly unknown[]): number {
  if (before === after) return before.length;
  let i = 0;
  while (i < before.length && i < after.length && before[i] === after[i]) i++;
  return i;
}

/** The apply delay ran out: what had arrived when it was set is now visible to reads. */
export function onApply(state: PrimaryBackupState, ctx: NodeContext): [PrimaryBackupState, Effect[]] {
  if (state.role === 'primary') return [{ ...state, applyTarget: 0 }, []];
  const appliedIndex = Math.max(state.appliedIndex, Math.min(state.applyTarget, lastIndex(state.log)));
  if (appliedIndex < lastIndex(state.log)) return [{ ...state, appliedIndex, applyTarget: lastIndex(state.log) }, [applyTimer(ctx)]];
  return [{ ...state, appliedIndex, applyTarget: 0 }, []];
}

/** A request at a follower or candidate: a read it may serve from its own copy, else a redirect. */
export function followerRequest(state: PrimaryBackupState, request: ClientRequest, out: Effect[]): void {
  const { client, requestId, op } = request;
  if (op.f === 'read' && state.reads === 'followers' && state.role === 'follower') {
    out.push(reply(client, requestId, { status: 'ok', value: valueAt(state.log, op.key ?? 'x', state.appliedIndex), mode: state.mode }));
    return;
  }
  out.push(reply(client, requestId, { status: 'redirect', leaderHint: state.primaryId ?? undefined }));
}
