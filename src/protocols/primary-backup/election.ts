// Failover: a candidate asks the others for their votes in a new epoch and becomes primary with a
// majority. Automatic failover stands when a follower's election timer runs out; the operator's
// `promote` stands a chosen node (voters then skip the up-to-date check: the operator chose). With
// fencing, nobody votes — the candidate included — while its promise to the old primary lasts,
// so a new primary is only made once the old one's lease has run out.
import type { Effect, NodeContext, NodeId } from '../../engine/types';
import { holdsLease, majority, observeEpoch, promised } from './epoch';
import { atLeastAsUpToDate, lastEpoch, lastIndex } from './log';
import { freshPrimary, shipToAll } from './primary';
import { electionTimer, ELECTION_TIMER, heartbeatTimer } from './timers';
import type { PrimaryBackupState, RequestVote, VoteReply } from './types';

function voteRequest(state: PrimaryBackupState): RequestVote {
  return { type: 'RequestVote', epoch: state.epoch, lastIndex: lastIndex(state.log), lastEpoch: lastEpoch(state.log), forced: state.candidate?.forced ?? false };
}

/** Stands for `epoch`: votes for itself once its own promise has run out, and asks the others. */
export function stand(state: PrimaryBackupState, epoch: number, forced: boolean, ctx: NodeContext, out: Effect[]): PrimaryBackupState {
  const candidate: PrimaryBackupState = {
    ...state, epoch, role: 'candidate', votedEpoch: epoch, votedFor: ctx.id, primaryId: null, primary: null,
    candidate: { votes: [], forced },
  };
  out.push({ kind: 'note', tag: forced ? 'promote-asked' : 'stood', text: `${ctx.id} stands for primary of epoch ${epoch}${forced ? ' (the operator promotes it)' : ''}`, data: { epoch } });
  for (const peer of ctx.peers) out.push({ kind: 'send', to: peer, message: voteRequest(candidate) });
  out.push(heartbeatTimer(ctx));
  // An operator's candidate keeps asking until it wins or a newer epoch appears.
  if (forced) out.push({ kind: 'cancel-timer', timer: ELECTION_TIMER });
  else out.push(...electionTimer(ctx));
  return countOwnVote(candidate, ctx, out);
}

/** The candidate's own vote counts once its promise to the old primary has run out. */
function countOwnVote(state: PrimaryBackupState, ctx: NodeContext, out: Effect[]): PrimaryBackupState {
  const candidate = state.candidate!;
  if (candidate.votes.includes(ctx.id) || promised(state, ctx)) return state;
  return maybeWin({ ...state, candidate: { ...candidate, votes: [...candidate.votes, ctx.id] } }, ctx, out);
}

function maybeWin(state: PrimaryBackupState, ctx: NodeContext, out: Effect[]): PrimaryBackupState {
  const candidate = state.candidate!;
  if (candidate.votes.length < majority(ctx.servers)) return state;
  out.push({
    kind: 'note', tag: 'promoted',
    text: `${ctx.id} became primary of epoch ${state.epoch} with ${lastIndex(state.log)} entries (votes: ${[...candidate.votes].sort().join(', ')})`,
    data: { epoch: state.epoch, entries: lastIndex(state.log) },
  });
  out.push({ kind: 'cancel-timer', timer: ELECTION_TIMER });
  out.push(heartbeatTimer(ctx));
  const primary: PrimaryBackupState = { ...state, role: 'primary', primaryId: ctx.id, candidate: null, appliedIndex: lastIndex(state.log), applyTarget: 0 };
  return shipToAll({ ...primary, primary: freshPrimary(primary, ctx) }, ctx, out);
}

/** The heartbeat tick of a candidate: count its own vote if it may now, and ask again. */
export function askAgain(state: PrimaryBackupState, ctx: NodeContext, out: Effect[]): PrimaryBackupState {
  const counted = countOwnVote(state, ctx, out);
  if (counted.role !== 'candidate') return counted;
  for (const peer of ctx.peers) if (!counted.candidate!.votes.includes(peer)) out.push({ kind: 'send', to: peer, message: voteRequest(counted) });
  out.push(heartbeatTimer(ctx));
  return counted;
}

export function onRequestVote(state: PrimaryBackupState, from: NodeId, message: RequestVote, ctx: NodeContext, out: Effect[]): PrimaryBackupState {
  const refuse = () => out.push({ kind: 'send', to: from, message: { type: 'VoteReply', epoch: state.epoch, granted: false } });
  if (message.epoch < state.epoch) return (refuse(), state);
  // A primary that still holds its lease (or ignores epochs, without fencing) does not give way.
  if (state.role === 'primary' && (!state.fencing || holdsLease(state, ctx))) return (refuse(), state);
  // A promise to the primary heard lately (a candidate's too): no vote, and no newer epoch yet.
  if (state.role !== 'primary' && promised(state, ctx)) return (refuse(), state);
  const current = observeEpoch(state, message.epoch, ctx, out);
  if (current === null) return (refuse(), state);
  const free = current.votedEpoch < message.epoch || current.votedFor === from;
  const granted = free && (message.forced || atLeastAsUpToDate(message.lastEpoch, message.lastIndex, current.log));
  out.push({ kind: 'send', to: from, message: { type: 'VoteReply', epoch: current.epoch, granted } });
  if (!granted) return current;
  out.push(...electionTimer(ctx));
  return { ...current, votedEpoch: message.epoch, votedFor: from };
}

export function onVoteReply(state: PrimaryBackupState, from: NodeId, message: VoteReply, ctx: NodeContext, out: Effect[]): PrimaryBackupState {
  if (message.epoch > state.epoch) return observeEpoch(state, message.epoch, ctx, out) ?? state;
  if (state.role !== 'candidate' || message.epoch !== state.epoch || !message.granted) return state;
  const candidate = state.candidate!;
  if (candidate.votes.includes(from)) return state;
  return maybeWin({ ...state, candidate: { ...candidate, votes: [...candidate.votes, from] } }, ctx, out);
}
