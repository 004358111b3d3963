// Leader-follower (primary-backup) replication as a protocol: the first server starts as primary
// of epoch 1, the others follow it. Messages and timers go to the primary's, the follower's and the
// election's handlers; operator controls switch the mode, the read target and fencing, or
// promote a node.
import type { ControlAction, Effect, Message, NodeContext, NodeId, Protocol, Step } from '../../engine/types';
import { asClientRequest } from '../client/messages';
import { askAgain, onRequestVote, onVoteReply, stand } from './election';
import { followerRequest, onAppend, onApply } from './follower';
import { primaryBackupParams } from './params';
import { answerWrites, freshPrimary, onAppendReply, primaryRequest, shipToAll } from './primary';
import { APPLY_TIMER, ELECTION_TIMER, electionTimer, HEARTBEAT_TIMER, heartbeatTimer } from './timers';
import type { Append, AppendReply, PersistedState, PrimaryBackupState, ReadTarget, ReplicationMode, RequestVote, VoteReply } from './types';
import { primaryBackupView } from './view';

/** Starts a node as primary (when `role` says so) or as a follower, from a log on disk. */
function start(saved: PersistedState, ctx: NodeContext): Step<PrimaryBackupState> {
  const params = primaryBackupParams(ctx.params);
  const { commitIndex, ...kept } = saved;
  const base: PrimaryBackupState = {
    ...kept, role: saved.role === 'primary' ? 'primary' : 'follower', appliedIndex: saved.log.length, applyTarget: 0, knownCommit: Math.min(commitIndex, saved.log.length),
    primaryId: saved.role === 'primary' ? ctx.id : null,
    // Whatever it promised before a crash, it keeps: no vote for a lease after it starts.
    heardMs: ctx.clockMs,
    lastAckMs: -1,
    mode: params.mode, reads: params.reads, fencing: params.fencing, primary: null, candidate: null,
  };
  if (base.role !== 'primary') return [base, electionTimer(ctx)];
  const out: Effect[] = [heartbeatTimer(ctx)];
  return [shipToAll({ ...base, primary: freshPrimary(base, ctx) }, ctx, out), out];
}

function init(ctx: NodeContext): Step<PrimaryBackupState> {
  const first = ctx.servers[0] === ctx.id;
  const [state, effects] = start({ epoch: 1, votedEpoch: 1, votedFor: ctx.servers[0], role: first ? 'primary' : 'follower', log: [], acks: 0, refused: [], commitIndex: 0 }, ctx);
  if (!state.primary) return [state, effects];
  // Every follower starts promised to the first primary (its promise dates from its start), so
  // the first primary holds a lease from the start, as if a round had just been answered.
  const confirmedSentMs = Object.fromEntries(ctx.peers.map((peer) => [peer, ctx.clockMs]));
  return [{ ...state, primary: { ...state.primary, confirmedSentMs } }, effects];
}

function onMessage(state: PrimaryBackupState, from: NodeId, message: Message, ctx: NodeContext): Step<PrimaryBackupState> {
  const out: Effect[] = [];
  const request = asClientRequest(from, message);
  if (request) {
    if (state.role === 'primary') return [primaryRequest(state, request, ctx, out), out];
    followerRequest(state, request, out);
    return [state, out];
  }
  switch (message.type) {
    case 'Append':
      return [onAppend(state, from, message as unknown as Append, ctx, out), out];
    case 'AppendReply':
      return [onAppendReply(state, from, message as unknown as AppendReply, ctx, out), out];
    case 'RequestVote':
      return [onRequestVote(state, from, message as unknown as RequestVote, ctx, out), out];
    case 'VoteReply':
      return [onVoteReply(state, from, message as unknown as VoteReply, ctx, out), out];
    default:
      return [state, []];
  }
}

function onTimer(state: PrimaryBackupState, timer: string, ctx: NodeContext): Step<PrimaryBackupState> {
  const out: Effect[] = [];
  if (timer === HEARTBEAT_TIMER) {
    if (state.role === 'primary') {
      out.push(heartbeatTimer(ctx));
      // A lease may have run out or come back: writes waiting on it are looked at again.
      return [answerWrites(shipToAll(state, ctx, out), ctx, out), out];
    }
    if (state.role === 'candidate') return [askAgain(state, ctx, out), out];
    return [state, []];
  }
  if (timer === ELECTION_TIMER) {
    if (state.role === 'primary' || primaryBackupParams(ctx.params).failover !== 'auto') return [state, []];
    return [stand(state, state.epoch + 1, false, ctx, out), out];
  }
  if (timer === APPLY_TIMER) return onApply(state, ctx);
  return [state, []];
}

function onControl(state: PrimaryBackupState, control: ControlAction, ctx: NodeContext): Step<PrimaryBackupState> {
  const out: Effect[] = [];
  switch (control.do) {
    case 'setMode': {
      const mode = control.mode as ReplicationMode;
      if (mode === state.mode) return [state, []];
      // A weaker mode may answer writes that were waiting for followers.
      return [answerWrites({ ...state, mode }, ctx, out), out];
    }
    case 'setReads':
      return control.reads === state.reads ? [state, []] : [{ ...state, reads: control.reads as ReadTarget }, []];
    case 'setFencing':
      return control.on === state.fencing ? [state, []] : [{ ...state, fencing: control.on === true }, []];
    case 'promote': {
      if (state.role === 'primary') return [state, []];
      return [stand(state, Math.max(state.epoch + 1, Number(control.epoch) || 0), true, ctx, out), out];
    }
    default:
      return [state, []];
  }
}

function persisted(state: PrimaryBackupState): PersistedState {
  return { epoch: state.epoch, votedEpoch: state.votedEpoch, votedFor: state.votedFor, role: state.role === 'primary' ? 'primary' : 'follower', log: state.log, acks: state.acks, refused: state.refused, commitIndex: state.primary?.commitIndex ?? state.knownCommit };
}

export const primaryBackup: Protocol<PrimaryBackupState, PersistedState> = {
  id: 'primary-backup',
  init,
  onMessage,
  onTimer,
  onControl,
  persisted,
  recover: (saved, ctx) => start(saved, ctx),
  view: primaryBackupView,
};
