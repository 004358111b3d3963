// Raft's handlers as pure functions (state, input, ctx) → [state, effects], with role dispatch
// in the style of etcd's raft.go: term handling first (Raft §5.1), then stepLeader,
// stepCandidate or stepFollower. Copy-on-write: inputs are never mutated.
import type { Message, Step } from '../../engine/types';
import { asClientRequest } from '../client/messages';
import { type Out, resetElectionTimer, resetHeartbeatTimer, send } from './effects';
import { becomeCandidate, becomeFollower, handleRequestVote, handleVoteReply } from './election';
import { keepsLeaderPromise } from './lease';
import { raftParams } from './params';
import { handlePreVote, handlePreVoteReply, startPreVote } from './prevote';
import { recordProbe, serveReads, startRound } from './reads';
import { broadcastAppend, handleAppendEntries, handleAppendReply } from './replication';
import { onRequest } from './requests';
import { handleInstallSnapshot, handleInstallSnapshotReply, restoreMachine } from './snapshot';
import type { RaftContext } from './state-machine';
import { ELECTION_TIMER, HEARTBEAT_TIMER, type RaftMessage, type RaftPersisted, type RaftState } from './types';

const MESSAGE_TYPES = new Set(['RequestVote', 'RequestVoteReply', 'PreVote', 'PreVoteReply', 'AppendEntries', 'AppendEntriesReply', 'InstallSnapshot', 'InstallSnapshotReply']);

/** A follower that knows only what survived on disk (Figure 2's volatile state at its initial
 * values), its state machine `machine` (as `init` makes it, or restored from the snapshot, whose
 * index it has applied: Raft §7). */
export function volatileState<M>(persisted: RaftPersisted, machine: M): RaftState<M> {
  const snapshot = persisted.snapshot ?? null;
  const applied = snapshot === null ? 0 : snapshot.index;
  return {
    role: 'follower',
    currentTerm: persisted.currentTerm,
    votedFor: persisted.votedFor,
    log: persisted.log,
    snapshot,
    commitIndex: applied,
    lastApplied: applied,
    machine,
    sessions: snapshot === null ? {} : snapshot.sessions,
    leaderId: null,
    votes: [],
    nextIndex: {},
    matchIndex: {},
    pending: [],
    preVotes: null,
    leaderSeenMs: null,
    probeRound: 0,
    probeAcks: {},
    reads: [],
  };
}

/** Every server starts as a follower in term 0 with its election timer running (Raft §5.2). */
export function init(ctx: RaftContext): Step<RaftState> {
  const out: Out = [];
  resetElectionTimer(out, ctx);
  return [volatileState({ currentTerm: 0, votedFor: null, log: [] }, ctx.machine.init()), out];
}

/** Raft Figure 2: currentTerm, votedFor and log[] are persistent, and the snapshot (Raft §7);
 * the rest is volatile. */
export function persisted(state: RaftState): RaftPersisted {
  const saved: RaftPersisted = { currentTerm: state.currentTerm, votedFor: state.votedFor, log: state.log };
  return state.snapshot == null ? saved : { ...saved, snapshot: state.snapshot };
}

/** A restarted server is a follower with commitIndex 0 and an empty state machine, or its
 * snapshot's (Raft §7); it applies again once a leader tells it the commit index (Raft §5,
 * Figure 2). With leases it keeps the promise it may have made before the crash: no vote for a
 * minimum election timeout (lease.ts). */
export function recover(saved: RaftPersisted, ctx: RaftContext): Step<RaftState> {
  const out: Out = [];
  resetElectionTimer(out, ctx);
  const fresh = ctx.machine.init();
  const state = volatileState(saved, saved.snapshot === undefined ? fresh : restoreMachine(ctx.machine, saved.snapshot.machine, fresh));
  return [raftParams(ctx.params).reads === 'lease' ? { ...state, leaderSeenMs: ctx.clockMs } : state, out];
}

/** Raft §5.1, Figure 2 (Rules for Servers, All Servers): a higher term makes us a follower; a
 * request of a lower term is refused with our term; a reply of a lower term is ignored. Pre-votes
 * change no term (thesis §9.6); with leases a node that knows a live leader ignores RequestVote
 * altogether (thesis §4.2.3). */
export function onMessage(state: RaftState, from: string, raw: Message, ctx: RaftContext): Step<RaftState> {
  const request = asClientRequest(from, raw);
  if (request !== null) return onRequest(state, request, ctx);
  if (!MESSAGE_TYPES.has(raw.type) || typeof raw.term !== 'number') return [state, []];
  const message = raw as RaftMessage;
  const out: Out = [];
  if (message.type === 'PreVote') return [handlePreVote(state, from, message, ctx, out), out];
  if (message.type === 'PreVoteReply') return [handlePreVoteReply(state, from, message, ctx, out), out];
  if (message.type === 'RequestVote' && keepsLeaderPromise(state, ctx)) return [state, out];
  let next = state;
  if (message.term > state.currentTerm) {
    const leaderId = message.type === 'AppendEntries' || message.type === 'InstallSnapshot' ? from : null;
    next = becomeFollower(state, message.term, leaderId, ctx, out, `${from} has term ${message.term}`);
  } else if (message.term < state.currentTerm) {
    refuseStale(state, from, message, out);
    return [state, out];
  }
  if (next.role === 'leader') next = stepLeader(next, from, message, ctx, out);
  else if (next.role === 'candidate') next = stepCandidate(next, from, message, ctx, out);
  else next = stepFollower(next, from, message, ctx, out);
  return [next, out];
}

/** Tells a stale sender our term, so a deposed leader or candidate steps down (Raft §5.1). */
function refuseStale(state: RaftState, from: string, message: RaftMessage, out: Out): void {
  if (message.type === 'RequestVote') {
    send(out, from, { type: 'RequestVoteReply', term: state.currentTerm, voteGranted: false });
  } else if (message.type === 'AppendEntries') {
    send(out, from, { type: 'AppendEntriesReply', term: state.currentTerm, success: false, matchIndex: 0 });
  } else if (message.type === 'InstallSnapshot') {
    send(out, from, { type: 'InstallSnapshotReply', term: state.currentTerm, matchIndex: 0 });
  }
}

function stepLeader(state: RaftState, from: string, message: RaftMessage, ctx: RaftContext, out: Out): RaftState {
  if (message.type === 'AppendEntriesReply') {
    const next = handleAppendReply(recordProbe(state, from, message), from, message, ctx, out);
    return serveReads(next, ctx, out); // thesis §6.4: an ack or a commit may release reads
  }
  if (message.type === 'InstallSnapshotReply') return serveReads(handleInstallSnapshotReply(state, from, message, ctx, out), ctx, out);
  if (message.type === 'RequestVote') return handleRequestVote(state, from, message, ctx, out);
  return state; // vote replies arriving late; an AppendEntries of our own term cannot exist
}

function stepCandidate(state: RaftState, from: string, message: RaftMessage, ctx: RaftContext, out: Out): RaftState {
  if (message.type === 'RequestVoteReply') return handleVoteReply(state, from, message, ctx, out);
  if (message.type === 'RequestVote') return handleRequestVote(state, from, message, ctx, out);
  if (message.type === 'AppendEntries') {
    // Raft §5.2: an AppendEntries from the leader of our term makes a candidate a follower.
    const follower = becomeFollower(state, state.currentTerm, from, ctx, out, `${from} is leader`);
    return handleAppendEntries(follower, from, message, ctx, out);
  }
  if (message.type === 'InstallSnapshot') {
    const follower = becomeFollower(state, state.currentTerm, from, ctx, out, `${from} is leader`);
    return handleInstallSnapshot(follower, from, message, ctx, out);
  }
  return state;
}

function stepFollower(state: RaftState, from: string, message: RaftMessage, ctx: RaftContext, out: Out): RaftState {
  if (message.type === 'AppendEntries') return handleAppendEntries(state, from, message, ctx, out);
  if (message.type === 'InstallSnapshot') return handleInstallSnapshot(state, from, message, ctx, out);
  if (message.type === 'RequestVote') return handleRequestVote(state, from, message, ctx, out);
  return state;
}

/** Raft §5.2: a follower or candidate whose election timer fires starts an election (with
 * pre-vote, asks first, thesis §9.6); a leader ignores it. The heartbeat timer makes a leader
 * send AppendEntries to every peer (§5.2), a new heartbeat round when reads skip the log. */
export function onTimer(state: RaftState, timer: string, ctx: RaftContext): Step<RaftState> {
  const out: Out = [];
  if (timer === ELECTION_TIMER && state.role !== 'leader') return [electionTimeout(state, ctx, out), out];
  if (timer === HEARTBEAT_TIMER && state.role === 'leader') {
    const next = raftParams(ctx.params).reads === 'log' ? state : startRound(state, ctx, out);
    if (next === state) broadcastAppend(state, ctx, out);
    resetHeartbeatTimer(out, ctx);
    return [next, out];
  }
  return [state, out];
}

function electionTimeout(state: RaftState, ctx: RaftContext, out: Out): RaftState {
  if (keepsLeaderPromise(state, ctx)) {
    resetElectionTimer(out, ctx); // fired early (a fault): a lease holder counts on our patience
    return state;
  }
  return raftParams(ctx.params).preVote ? startPreVote(state, ctx, out) : becomeCandidate(state, ctx, out);
}
