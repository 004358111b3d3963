// Raft's handlers as pure functions (state, input, ctx) → [state, effects], with role dispatch
// in the style of etcd's raft.go: term handling first (Raft §5.1), then stepLeader,
// stepCandidate or stepFollower. Copy-on-write: inputs are never mutated.
import type { Message, NodeContext, Step } from '../../engine/types';
import { asClientRequest, reply, type ClientRequest } from '../client/messages';
import { addPending, maybeAdvanceCommit } from './commit';
import { acceptDuplicate } from './dedupe';
import { type Out, resetElectionTimer, resetHeartbeatTimer, send } from './effects';
import { becomeCandidate, becomeFollower, handleRequestVote, handleVoteReply } from './election';
import { broadcastAppend, handleAppendEntries, handleAppendReply } from './replication';
import { isSupported } from './state-machine';
import { ELECTION_TIMER, HEARTBEAT_TIMER, type RaftMessage, type RaftPersisted, type RaftState } from './types';

const MESSAGE_TYPES = new Set(['RequestVote', 'RequestVoteReply', 'AppendEntries', 'AppendEntriesReply']);

/** A follower that knows only what survived on disk (Figure 2's volatile state at its initial values). */
export function volatileState(persisted: RaftPersisted): RaftState {
  return {
    role: 'follower',
    currentTerm: persisted.currentTerm,
    votedFor: persisted.votedFor,
    log: persisted.log,
    commitIndex: 0,
    lastApplied: 0,
    kv: {},
    leaderId: null,
    votes: [],
    nextIndex: {},
    matchIndex: {},
    pending: [],
  };
}

/** Every server starts as a follower in term 0 with its election timer running (Raft §5.2). */
export function init(ctx: NodeContext): Step<RaftState> {
  const out: Out = [];
  resetElectionTimer(out, ctx);
  return [volatileState({ currentTerm: 0, votedFor: null, log: [] }), out];
}

/** Raft Figure 2: currentTerm, votedFor and log[] are persistent; the rest is volatile. */
export function persisted(state: RaftState): RaftPersisted {
  return { currentTerm: state.currentTerm, votedFor: state.votedFor, log: state.log };
}

/** A restarted server is a follower with commitIndex 0 and an empty state machine; it applies
 * again once a leader tells it the commit index (Raft §5, Figure 2). */
export function recover(saved: RaftPersisted, ctx: NodeContext): Step<RaftState> {
  const out: Out = [];
  resetElectionTimer(out, ctx);
  return [volatileState(saved), out];
}

/** Raft §5.1, Figure 2 (Rules for Servers, All Servers): a higher term makes us a follower; a
 * request of a lower term is refused with our term; a reply of a lower term is ignored. */
export function onMessage(state: RaftState, from: string, raw: Message, ctx: NodeContext): Step<RaftState> {
  const request = asClientRequest(from, raw);
  if (request !== null) return onRequest(state, request, ctx);
  if (!MESSAGE_TYPES.has(raw.type) || typeof raw.term !== 'number') return [state, []];
  const message = raw as RaftMessage;
  const out: Out = [];
  let next = state;
  if (message.term > state.currentTerm) {
    const leaderId = message.type === 'AppendEntries' ? from : null;
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
  }
}

function stepLeader(state: RaftState, from: string, message: RaftMessage, ctx: NodeContext, out: Out): RaftState {
  if (message.type === 'AppendEntriesReply') return handleAppendReply(state, from, message, ctx, out);
  if (message.type === 'RequestVote') return handleRequestVote(state, from, message, ctx, out);
  return state; // vote replies arriving late; an AppendEntries of our own term cannot exist
}

function stepCandidate(state: RaftState, from: string, message: RaftMessage, ctx: NodeContext, out: Out): RaftState {
  if (message.type === 'RequestVoteReply') return handleVoteReply(state, from, message, ctx, out);
  if (message.type === 'RequestVote') return handleRequestVote(state, from, message, ctx, out);
  if (message.type === 'AppendEntries') {
    // Raft §5.2: an AppendEntries from the leader of our term makes a candidate a follower.
    const follower = becomeFollower(state, state.currentTerm, from, ctx, out, `${from} is leader`);
    return handleAppendEntries(follower, from, message, ctx, out);
  }
  return state;
}

function stepFollower(state: RaftState, from: string, message: RaftMessage, ctx: NodeContext, out: Out): RaftState {
  if (message.type === 'AppendEntries') return handleAppendEntries(state, from, message, ctx, out);
  if (message.type === 'RequestVote') return handleRequestVote(state, from, message, ctx, out);
  return state;
}

/** Raft §5.2: a follower or candidate whose election timer fires starts an election; a leader
 * ignores it. The heartbeat timer makes a leader send AppendEntries to every peer (§5.2). */
export function onTimer(state: RaftState, timer: string, ctx: NodeContext): Step<RaftState> {
  const out: Out = [];
  if (timer === ELECTION_TIMER && state.role !== 'leader') return [becomeCandidate(state, ctx, out), out];
  if (timer === HEARTBEAT_TIMER && state.role === 'leader') {
    broadcastAppend(state, ctx, out);
    resetHeartbeatTimer(out, ctx);
  }
  return [state, out];
}

/** Raft §8: only the leader accepts commands; it appends, replicates at once and answers once
 * the entry is applied. Others redirect to the leader they know of. */
export function onRequest(state: RaftState, request: ClientRequest, ctx: NodeContext): Step<RaftState> {
  const out: Out = [];
  const { client, requestId, op } = request;
  if (state.role !== 'leader') {
    const result = state.leaderId === null ? { status: 'redirect' as const } : { status: 'redirect' as const, leaderHint: state.leaderId };
    out.push(reply(client, requestId, result));
    return [state, out];
  }
  if (!isSupported(op)) {
    out.push(reply(client, requestId, { status: 'fail', error: `unsupported operation ${op.f}` }));
    return [state, out];
  }
  const duplicate = acceptDuplicate(state, request);
  if (duplicate !== null) return [duplicate, out];
  const index = state.log.length + 1;
  const log = state.log.slice();
  // A copy of the op: the entry must not change if the caller later fills in a read's value.
  const entryOp = op.f === 'read' ? { f: op.f, key: op.key } : { f: op.f, key: op.key, value: op.value };
  log.push({ term: state.currentTerm, op: entryOp, request: { client, requestId } });
  const pending = addPending(state.pending, { index, term: state.currentTerm, client, requestId });
  const next = { ...state, log, pending };
  broadcastAppend(next, ctx, out);
  return [maybeAdvanceCommit(next, ctx, out), out];
}
