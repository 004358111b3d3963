// Time-based rules: knowing a live leader (pre-vote, thesis §9.6; leader stickiness, §4.2.3) and
// the leader lease (§6.4.1). Everything here reads the node's own clock, ctx.clockMs.
//
// A lease is only as good as the clocks: the leader trusts that followers which acknowledged a
// heartbeat sent at its time s will not help elect anyone before s + the minimum election
// timeout, and it serves reads alone until s + leaseMs. That needs bounded clock drift. A clock
// that jumps (the `skew` fault) breaks it: set the leader's clock back and it believes its lease
// lasts longer than the followers' promise, so after a partition a new leader can commit writes
// while the old one still answers reads from its stale state (tests/unit/raft/lease.test.ts).
import { quorum } from './effects';
import { leaseMs, minElectionMs, raftParams } from './params';
import type { RaftContext } from './state-machine';
import type { Probe, RaftState } from './types';

/** Whether this run needs `leaderSeenMs` at all (pre-vote or leases); off, nothing changes. */
export function tracksLeader(ctx: RaftContext): boolean {
  const params = raftParams(ctx.params);
  return params.preVote || params.reads === 'lease';
}

/** Notes that a leader of our term was heard from just now (an AppendEntries, Raft §5.2). */
export function seeLeader(state: RaftState, ctx: RaftContext): RaftState {
  return tracksLeader(ctx) && state.leaderSeenMs !== ctx.clockMs ? { ...state, leaderSeenMs: ctx.clockMs } : state;
}

/** Thesis §4.2.3, §9.6: a leader, or a node that heard from one within the minimum election
 * timeout, believes the leader is alive. */
export function heardFromLeader(state: RaftState, ctx: RaftContext): boolean {
  if (state.role === 'leader') return true;
  return state.leaderSeenMs !== null && ctx.clockMs - state.leaderSeenMs < minElectionMs(raftParams(ctx.params));
}

/** Thesis §4.2.3 with leases: a node that heard from a leader within the minimum election
 * timeout neither updates its term nor grants its vote, and does not stand itself (an election
 * timer fired early): the promise a lease rests on. */
export function keepsLeaderPromise(state: RaftState, ctx: RaftContext): boolean {
  return raftParams(ctx.params).reads === 'lease' && heardFromLeader(state, ctx);
}

/** The heartbeat round an AppendEntries carries (reads 'read-index' and 'lease' only). */
export function probeFor(state: RaftState, ctx: RaftContext): Probe | undefined {
  return raftParams(ctx.params).reads === 'log' ? undefined : { round: state.probeRound, sentMs: ctx.clockMs };
}

/** The newest time t such that a majority (self included, at `nowMs`) acknowledged a heartbeat
 * the leader sent at t or later: its lease runs from there. */
function majorityAckMs(state: RaftState, ctx: RaftContext): number {
  const times = [ctx.clockMs];
  for (const peer of ctx.peers) times.push(state.probeAcks[peer]?.sentMs ?? Number.MIN_SAFE_INTEGER);
  times.sort((a, b) => b - a);
  return times[quorum(ctx) - 1];
}

/** Thesis §6.4.1: the leader may answer a read alone while its lease holds. */
export function leaseHolds(state: RaftState, ctx: RaftContext): boolean {
  return state.role === 'leader' && ctx.clockMs < majorityAckMs(state, ctx) + leaseMs(raftParams(ctx.params));
}
