// Commitment and application: the leader counts replicas (Raft §5.3, §5.4.2), every node applies
// committed entries in log order and answers the clients whose requests it appended.
import type { NodeContext } from '../../engine/types';
import { reply } from '../client/messages';
import { type Out, note, quorum } from './effects';
import { termAt } from './log';
import { applyOp } from './state-machine';
import type { PendingRequest, RaftState } from './types';

/** Raft §5.3, §5.4.2, Figure 2 (Rules for Servers, Leaders): commit the highest index N stored on
 * a majority, but only if log[N].term == currentTerm. Entries of earlier terms are never
 * committed by counting (Figure 8); they commit indirectly with the current term's entry. */
export function maybeAdvanceCommit(state: RaftState, ctx: NodeContext, out: Out): RaftState {
  if (state.role !== 'leader') return state;
  const indexes = [state.log.length];
  for (const peer of ctx.peers) indexes.push(state.matchIndex[peer] ?? 0);
  indexes.sort((a, b) => b - a);
  const majorityIndex = indexes[quorum(ctx) - 1];
  if (majorityIndex <= state.commitIndex) return state;
  if (termAt(state.log, majorityIndex) !== state.currentTerm) return state;
  const count = indexes.filter((index) => index >= majorityIndex).length;
  note(out, 'committed', `${ctx.id} committed up to index ${majorityIndex} (term ${state.currentTerm}, ${count}/${ctx.peers.length + 1} replicas)`, {
    node: ctx.id,
    term: state.currentTerm,
    commitIndex: majorityIndex,
  });
  return applyCommitted({ ...state, commitIndex: majorityIndex }, out);
}

/** Raft Figure 2 (Rules for Servers, All Servers): while commitIndex > lastApplied, apply
 * log[lastApplied + 1]. A pending request is answered when its index is applied: ok if the entry
 * there is still the one it appended, fail if another term's entry won (it can never commit). */
export function applyCommitted(state: RaftState, out: Out): RaftState {
  if (state.lastApplied >= state.commitIndex) return state;
  const kv = { ...state.kv };
  const pending = state.pending;
  let answered = 0;
  for (let index = state.lastApplied + 1; index <= state.commitIndex; index++) {
    const entry = state.log[index - 1];
    const result = applyOp(kv, entry.op);
    while (answered < pending.length && pending[answered].index <= index) {
      const request = pending[answered++];
      if (request.index !== index) continue; // unreachable: appended above lastApplied; stay silent
      const won = request.term === entry.term;
      out.push(reply(request.client, request.requestId, won ? result : { status: 'fail', error: `entry ${request.index} was replaced by term ${entry.term}` }));
    }
  }
  return {
    ...state,
    kv,
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
