// Linearizable reads without a log entry (Raft thesis §6.4). Read-index: the leader notes its
// commit index, confirms with a heartbeat round that a majority still takes it as leader, waits
// until its state machine has applied that index, then answers from it. Lease (§6.4.1, lease.ts):
// while a majority acknowledged a heartbeat recently, it answers at once.
import { reply } from '../client/messages';
import { type Out, quorum } from './effects';
import { leaseHolds } from './lease';
import { withEntry } from '../owned-record';
import { termAt } from './log';
import { raftParams } from './params';
import { broadcastAppend } from './replication';
import type { RaftContext } from './state-machine';
import type { AppendEntriesReply, RaftState, RequestOrigin } from './types';

/** Thesis §6.4 step 1: a leader knows which entries are committed only once an entry of its own
 * term is (its no-op, Raft §8); until then it cannot fix a read index. */
export function termCommitted(state: RaftState): boolean {
  return termAt(state, state.commitIndex) === state.currentTerm;
}

/** Starts a heartbeat round: every AppendEntries sent from now on carries the new round. */
export function startRound(state: RaftState, ctx: RaftContext, out: Out): RaftState {
  const next = { ...state, probeRound: state.probeRound + 1 };
  broadcastAppend(next, ctx, out);
  return next;
}

/** A follower's reply of our term (success or not) echoes the round: it takes us as leader. */
export function recordProbe(state: RaftState, from: string, message: AppendEntriesReply): RaftState {
  const probe = message.probe;
  if (probe === undefined || probe.round <= (state.probeAcks[from]?.round ?? 0)) return state;
  return { ...state, probeAcks: withEntry(state.probeAcks, from, probe) };
}

/** The newest round a majority (self included) has acknowledged. */
function confirmedRound(state: RaftState, ctx: RaftContext): number {
  const rounds = [state.probeRound];
  for (const peer of ctx.peers) rounds.push(state.probeAcks[peer]?.round ?? 0);
  rounds.sort((a, b) => b - a);
  return rounds[quorum(ctx) - 1];
}

function answer(state: RaftState, read: RequestOrigin & { command: unknown }, ctx: RaftContext, out: Out): void {
  out.push(reply(read.client, read.requestId, ctx.machine.apply(state.machine, read.command).result));
}

/** Thesis §6.4: a query answered without the log. With a valid lease (and the leader's term
 * committed and applied) at once; otherwise it waits for a new heartbeat round (read-index). */
export function serveQuery(state: RaftState, request: RequestOrigin, command: unknown, ctx: RaftContext, out: Out): RaftState {
  const lease = raftParams(ctx.params).reads === 'lease';
  if (lease && leaseHolds(state, ctx) && termCommitted(state) && state.lastApplied >= state.commitIndex) {
    answer(state, { ...request, command }, ctx, out);
    return state;
  }
  const readIndex = termCommitted(state) ? state.commitIndex : null;
  const read = { client: request.client, requestId: request.requestId, command, round: state.probeRound + 1, readIndex };
  const next = startRound({ ...state, reads: [...state.reads, read] }, ctx, out);
  return serveReads(next, ctx, out);
}

/** Thesis §6.4 steps 2–4: answers, in order, every read whose round a majority acknowledged and
 * whose read index the state machine has reached. */
export function serveReads(state: RaftState, ctx: RaftContext, out: Out): RaftState {
  if (state.reads.length === 0 || state.role !== 'leader') return state;
  const committed = termCommitted(state);
  const confirmed = confirmedRound(state, ctx);
  const waiting = [];
  for (const queued of state.reads) {
    const read = queued.readIndex === null && committed ? { ...queued, readIndex: state.commitIndex } : queued;
    if (read.readIndex !== null && read.round <= confirmed && state.lastApplied >= read.readIndex) answer(state, read, ctx, out);
    else waiting.push(read);
  }
  return waiting.length === state.reads.length && waiting.every((read, i) => read === state.reads[i]) ? state : { ...state, reads: waiting };
}

/** A leader that steps down can no longer confirm its reads: it sends their clients on, to the
 * new leader if it knows one (a redirect certainly did nothing, so the client may retry). */
export function redirectReads(state: RaftState, out: Out): RaftState {
  if (state.reads.length === 0) return state;
  const result = state.leaderId === null ? { status: 'redirect' as const } : { status: 'redirect' as const, leaderHint: state.leaderId };
  for (const read of state.reads) out.push(reply(read.client, read.requestId, result));
  return { ...state, reads: [] };
}
