// Commitment and application: the leader counts replicas (Raft §5.3, §5.4.2), every node hands
// committed entries in log order to its state machine and answers the clients whose requests it
// appended with the machine's result.
import { reply, type ReplyResult } from '../client/messages';
import { type Out, note, quorum } from './effects';
import { entryAt, lastIndex, termAt } from './log';
import { raftParams } from './params';
import { recordSession } from './sessions';
import { compactIfDue } from './snapshot';
import type { RaftContext } from './state-machine';
import type { LogEntry, PendingRequest, RaftState } from './types';

/** Raft §5.3, §5.4.2, Figure 2 (Rules for Servers, Leaders): commit the highest index N stored on
 * a majority, but only if log[N].term == currentTerm. Entries of earlier terms are never
 * committed by counting (Figure 8); they commit indirectly with the current term's entry. */
export function maybeAdvanceCommit(state: RaftState, ctx: RaftContext, out: Out): RaftState {
  if (state.role !== 'leader') return state;
  // Nothing can commit unless a quorum holds entries past the commit index: counting that first
  // spares a sort of every peer's index on each reply (a large cluster's hot path).
  let past = lastIndex(state) > state.commitIndex ? 1 : 0;
  for (const peer of ctx.peers) if ((state.matchIndex[peer] ?? 0) > state.commitIndex) past++;
  if (past < quorum(ctx)) return state;
  const indexes = [lastIndex(state)];
  for (const peer of ctx.peers) indexes.push(state.matchIndex[peer] ?? 0);
  indexes.sort((a, b) => b - a);
  const majorityIndex = indexes[quorum(ctx) - 1];
  if (majorityIndex <= state.commitIndex) return state;
  if (termAt(state, majorityIndex) !== state.currentTerm) return state;
  const count = indexes.filter((index) => index >= majorityIndex).length;
  note(out, 'committed', `${ctx.id} committed up to index ${majorityIndex} (term ${state.currentTerm}, ${count}/${ctx.peers.length + 1} replicas)`, {
    node: ctx.id,
    term: state.currentTerm,
    commitIndex: majorityIndex,
  });
  return applyCommitted({ ...state, commitIndex: majorityIndex }, ctx, out);
}

/** Raft Figure 2 (Rules for Servers, All Servers): while commitIndex > lastApplied, apply
 * log[lastApplied + 1] to the state machine (a no-op changes nothing). A pending request is
 * answered when its index is applied: ok with the machine's result if the entry there is still
 * the one it appended, fail if another term's entry won (it can never commit). With snapshots
 * on, §8's session table records each applied request's answer, and the log is compacted first
 * if it is due (Raft §7). */
export function applyCommitted(current: RaftState, ctx: RaftContext, out: Out): RaftState {
  if (current.lastApplied >= current.commitIndex) return current;
  const state = compactIfDue(current, ctx, out);
  const sessionsOn = raftParams(ctx.params).snapshotEvery > 0;
  let machine = state.machine;
  let sessions = state.sessions;
  const pending = state.pending;
  let answered = 0;
  for (let index = state.lastApplied + 1; index <= state.commitIndex; index++) {
    const entry = entryAt(state, index) as LogEntry;
    let result: ReplyResult = { status: 'ok' };
    if (entry.command !== null) ({ machine, result } = ctx.machine.apply(machine, entry.command));
    if (sessionsOn && entry.request !== undefined) sessions = recordSession(sessions, entry.request.client, entry.request.requestId, index, result);
    while (answered < pending.length && pending[answered].index <= index) {
      const request = pending[answered++];
      if (request.index !== index) continue; // unreachable: appended above lastApplied; stay silent
      const won = request.term === entry.term;
      out.push(reply(request.client, request.requestId, won ? result : { status: 'fail', error: `entry ${request.index} was replaced by term ${entry.term}` }));
    }
  }
  return {
    ...state,
    machine,
    sessions,
    lastApplied: state.commitIndex,
    pending: answered === 0 ? pending : pending.slice(answered),
  };
}

/** Inserts a request keeping `pending` sorted by index (usually at the end). */
export function addPending(pending: PendingRequest[], request: PendingRequest): PendingRequest[] {
  const next = pending.slice();
  let position = next.length;
  while (position > 0 && next[position - 1].index > request.index) position--;
  next.splice(position, 0, request);
  return next;
}
