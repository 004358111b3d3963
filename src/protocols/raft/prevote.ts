// Pre-vote (Raft thesis §9.6): before standing, a node asks whether it could win, without
// changing its term. A node cut off on the minority side of a partition never gets a majority of
// pre-votes, so its term stays put and it cannot depose the leader when the partition heals.
import { type Out, note, quorum, resetElectionTimer, send } from './effects';
import { becomeCandidate, becomeFollower } from './election';
import { heardFromLeader } from './lease';
import { isUpToDate, lastIndex, lastTerm } from './log';
import type { RaftContext } from './state-machine';
import type { PreVote, PreVoteReply, RaftState } from './types';

/** Thesis §9.6: on election timeout, ask every peer for a pre-vote for currentTerm + 1, keeping
 * the term, the vote and the role as they are. A single-node cluster stands at once. */
export function startPreVote(state: RaftState, ctx: RaftContext, out: Out): RaftState {
  const term = state.currentTerm + 1;
  note(out, 'pre-vote', `${ctx.id} asks for pre-votes for term ${term}`, { node: ctx.id, term });
  resetElectionTimer(out, ctx);
  const request: PreVote = { type: 'PreVote', term, candidateId: ctx.id, lastLogIndex: lastIndex(state), lastLogTerm: lastTerm(state) };
  for (const peer of ctx.peers) send(out, peer, request);
  const next: RaftState = { ...state, preVotes: [ctx.id] };
  return next.preVotes!.length >= quorum(ctx) ? becomeCandidate(next, ctx, out) : next;
}

/** Thesis §9.6: grant a pre-vote for a later term if this node has not heard from a leader
 * within the minimum election timeout and the asker's log is at least as up-to-date (§5.4.1).
 * Nothing changes here: no term, no vote, no timer. */
export function handlePreVote(state: RaftState, from: string, message: PreVote, ctx: RaftContext, out: Out): RaftState {
  const granted = message.term > state.currentTerm && !heardFromLeader(state, ctx) && isUpToDate(state, message.lastLogIndex, message.lastLogTerm);
  const reply: PreVoteReply = { type: 'PreVoteReply', term: granted ? message.term : state.currentTerm, voteGranted: granted };
  send(out, from, reply);
  return state;
}

/** Thesis §9.6: a majority of pre-votes makes the node a candidate (now it increments its term).
 * A refusal from a later term brings the node up to that term as a follower (as etcd does). */
export function handlePreVoteReply(state: RaftState, from: string, message: PreVoteReply, ctx: RaftContext, out: Out): RaftState {
  if (!message.voteGranted) {
    return message.term > state.currentTerm ? becomeFollower(state, message.term, null, ctx, out, `${from} has term ${message.term}`) : state;
  }
  if (state.preVotes === null || message.term !== state.currentTerm + 1 || state.preVotes.includes(from)) return state;
  const next: RaftState = { ...state, preVotes: [...state.preVotes, from] };
  return next.preVotes!.length >= quorum(ctx) ? becomeCandidate(next, ctx, out) : next;
}
