// Leader election: role transitions and votes (Raft §5.1, §5.2, §5.4.1, Figure 2).
import { raftParams } from './params';
import { maybeAdvanceCommit } from './commit';
import { type Out, cancelTimer, note, quorum, resetElectionTimer, resetHeartbeatTimer, send } from './effects';
import { isUpToDate, lastIndex, lastTerm } from './log';
import { growableLog } from './log-lineage';
import { redirectReads } from './reads';
import { broadcastAppend } from './replication';
import type { RaftContext } from './state-machine';
import { ELECTION_TIMER, HEARTBEAT_TIMER, type RaftState, type RequestVote, type RequestVoteReply } from './types';

/** Raft §5.1: on a higher term (or a leader of the current term) revert to follower. A new term
 * clears votedFor. A former leader stops heartbeats and starts its election timer. */
export function becomeFollower(state: RaftState, term: number, leaderId: string | null, ctx: RaftContext, out: Out, reason: string): RaftState {
  if (state.role !== 'follower') {
    note(out, 'stepped-down', `${ctx.id} stepped down from ${state.role} to follower in term ${term}: ${reason}`, {
      node: ctx.id,
      term,
      from: state.role,
    });
  }
  if (state.role === 'leader') {
    cancelTimer(out, HEARTBEAT_TIMER);
    resetElectionTimer(out, ctx);
  }
  const next: RaftState = {
    ...state,
    role: 'follower',
    currentTerm: term,
    votedFor: term > state.currentTerm ? null : state.votedFor,
    leaderId,
    votes: [],
    nextIndex: {},
    matchIndex: {},
    preVotes: null,
  };
  return state.role === 'leader' ? redirectReads(next, out) : next;
}

/** Raft §5.2: on election timeout, increment currentTerm, vote for self, reset the election
 * timer and send RequestVote to all other servers. A single-node cluster wins at once. */
export function becomeCandidate(state: RaftState, ctx: RaftContext, out: Out): RaftState {
  const term = state.currentTerm + 1;
  const next: RaftState = {
    ...state,
    role: 'candidate',
    currentTerm: term,
    votedFor: ctx.id,
    leaderId: null,
    votes: [ctx.id],
    nextIndex: {},
    matchIndex: {},
    preVotes: null,
  };
  note(out, 'became-candidate', `${ctx.id} became candidate for term ${term}`, { node: ctx.id, term });
  resetElectionTimer(out, ctx);
  const request: RequestVote = {
    type: 'RequestVote',
    term,
    candidateId: ctx.id,
    lastLogIndex: lastIndex(state),
    lastLogTerm: lastTerm(state),
  };
  for (const peer of ctx.peers) send(out, peer, request);
  return next.votes.length >= quorum(ctx) ? becomeLeader(next, ctx, out) : next;
}

/** Raft §5.2, §5.3, §8: a candidate with a majority becomes leader: nextIndex = last log index
 * + 1, matchIndex = 0, a no-op entry of its term (so earlier entries and reads can commit),
 * then AppendEntries to every peer and a heartbeat timer instead of the election timer. */
export function becomeLeader(state: RaftState, ctx: RaftContext, out: Out): RaftState {
  const nextIndex: Record<string, number> = {};
  const matchIndex: Record<string, number> = {};
  for (const peer of ctx.peers) {
    nextIndex[peer] = lastIndex(state) + 1;
    matchIndex[peer] = 0;
  }
  const log = growableLog(state.log, lastIndex(state));
  log.push({ term: state.currentTerm, command: null });
  const next: RaftState = { ...state, role: 'leader', leaderId: ctx.id, votes: [], nextIndex, matchIndex, log, probeRound: 0, probeAcks: {}, reads: [] };
  note(out, 'became-leader', `${ctx.id} became leader for term ${state.currentTerm}`, {
    node: ctx.id,
    term: state.currentTerm,
    votes: state.votes.slice(),
  });
  cancelTimer(out, ELECTION_TIMER);
  resetHeartbeatTimer(out, ctx);
  broadcastAppend(next, ctx, out);
  return maybeAdvanceCommit(next, ctx, out);
}

/** Raft §5.2, §5.4.1, Figure 2 (RequestVote RPC, receiver), once terms are equal: grant if we
 * have not voted for someone else this term and the candidate's log is at least as up-to-date
 * as ours. Granting resets the election timer. */
export function handleRequestVote(state: RaftState, from: string, message: RequestVote, ctx: RaftContext, out: Out): RaftState {
  const free = state.votedFor === null || state.votedFor === from || raftParams(ctx.params).bug === 'vote-twice';
  const granted = free && isUpToDate(state, message.lastLogIndex, message.lastLogTerm);
  const reply: RequestVoteReply = { type: 'RequestVoteReply', term: state.currentTerm, voteGranted: granted };
  send(out, from, reply);
  if (!granted) return state;
  resetElectionTimer(out, ctx);
  return state.votedFor === from ? state : { ...state, votedFor: from };
}

/** Raft §5.2: a candidate counts granted votes of its term; a majority makes it leader. */
export function handleVoteReply(state: RaftState, from: string, message: RequestVoteReply, ctx: RaftContext, out: Out): RaftState {
  if (!message.voteGranted || state.votes.includes(from)) return state;
  const next = { ...state, votes: [...state.votes, from] };
  return next.votes.length >= quorum(ctx) ? becomeLeader(next, ctx, out) : next;
}
