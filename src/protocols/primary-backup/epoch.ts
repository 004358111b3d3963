// Epochs and leases: what fencing is made of. A node that sees a newer epoch follows it; a primary
// acts (acknowledges writes, answers reads) only while a majority has answered it within a lease,
// and a follower promises not to help elect anyone else for a lease after it last heard the
// primary. With fencing off none of this is checked: an old primary keeps its role and acts alone.
import type { Effect, NodeContext, NodeId } from '../../engine/types';
import { primaryBackupParams } from './params';
import { electionTimer, HEARTBEAT_TIMER } from './timers';
import type { PrimaryBackupState } from './types';

/** Votes needed among `servers` members: a strict majority. */
export function majority(servers: readonly NodeId[]): number {
  return Math.floor(servers.length / 2) + 1;
}

/** Until when the primary's lease runs: the send time of the latest round a majority (counting
 * itself) answered, plus the lease. Dated by the send, so it ends before any follower's promise. */
export function leaseUntilMs(state: PrimaryBackupState, ctx: NodeContext): number {
  if (!state.primary) return -Infinity;
  const need = majority(ctx.servers) - 1;
  if (need <= 0) return Infinity;
  const confirmed = ctx.peers.map((peer) => state.primary!.confirmedSentMs[peer] ?? -Infinity).sort((a, b) => b - a);
  return confirmed[need - 1] + primaryBackupParams(ctx.params).leaseMs;
}

/** May this primary act now? Always without fencing; with it, only inside its lease. */
export function holdsLease(state: PrimaryBackupState, ctx: NodeContext): boolean {
  return !state.fencing || ctx.clockMs < leaseUntilMs(state, ctx);
}

/** A follower's promise to the primary it last heard from: no votes until a lease has passed. */
export function promised(state: PrimaryBackupState, ctx: NodeContext): boolean {
  return state.fencing && ctx.clockMs - state.heardMs < primaryBackupParams(ctx.params).leaseMs;
}

/**
 * A message carries a newer epoch. A follower or candidate follows it; a primary steps down
 * (fenced) — unless fencing is off, when an old primary ignores epochs and stays primary.
 * Returns null when the message is to be ignored.
 */
export function observeEpoch(state: PrimaryBackupState, epoch: number, ctx: NodeContext, out: Effect[]): PrimaryBackupState | null {
  if (epoch <= state.epoch) return state;
  if (state.role === 'primary' && !state.fencing) return null;
  if (state.role === 'primary') {
    const waiting = state.primary?.waiting.length ?? 0;
    out.push({
      kind: 'note', tag: 'fenced',
      text: `${ctx.id} stepped down: epoch ${epoch} is newer than its ${state.epoch}${waiting ? ` (${waiting} writes left unanswered)` : ''}`,
      data: { epoch, was: state.epoch },
    });
    out.push({ kind: 'cancel-timer', timer: HEARTBEAT_TIMER });
  }
  if (state.role !== 'follower') out.push(...electionTimer(ctx));
  if (state.role === 'candidate') out.push({ kind: 'cancel-timer', timer: HEARTBEAT_TIMER });
  const knownCommit = state.primary ? state.primary.commitIndex : state.knownCommit;
  return { ...state, epoch, role: 'follower', primaryId: null, primary: null, candidate: null, knownCommit };
}

