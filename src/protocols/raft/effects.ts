// Small helpers that push effects onto a handler's output list (one list per handler call).
import type { Effect, NodeContext } from '../../engine/types';
import { electionRange, heartbeatRange, raftParams } from './params';
import { ELECTION_TIMER, HEARTBEAT_TIMER, type RaftMessage } from './types';

export type Out = Effect[];

export function send(out: Out, to: string, message: RaftMessage): void {
  out.push({ kind: 'send', to, message });
}

export function note(out: Out, tag: string, text: string, data?: Record<string, unknown>): void {
  out.push(data === undefined ? { kind: 'note', tag, text } : { kind: 'note', tag, text, data });
}

/** (Re)arms the election timer with a fresh randomised delay (Raft §5.2). Setting a timer
 * replaces any pending timer of the same name. */
export function resetElectionTimer(out: Out, ctx: NodeContext): void {
  out.push({ kind: 'set-timer', timer: ELECTION_TIMER, range: electionRange(raftParams(ctx.params)) });
}

export function resetHeartbeatTimer(out: Out, ctx: NodeContext): void {
  out.push({ kind: 'set-timer', timer: HEARTBEAT_TIMER, range: heartbeatRange(raftParams(ctx.params)) });
}

export function cancelTimer(out: Out, timer: string): void {
  out.push({ kind: 'cancel-timer', timer });
}

/** A strict majority of the cluster (self plus peers). */
export function quorum(ctx: NodeContext): number {
  return Math.floor((ctx.peers.length + 1) / 2) + 1;
}
