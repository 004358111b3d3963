// Primary-backup's timers and the effects that set them.
import type { Effect, NodeContext } from '../../engine/types';
import { primaryBackupParams } from './params';

/** Primary: send appends (heartbeats) to every follower. Candidate: ask again for votes. */
export const HEARTBEAT_TIMER = 'heartbeat';
/** Auto failover: a follower that hears nothing from a primary for this long stands. */
export const ELECTION_TIMER = 'election';
/** A follower applies what it received after a delay: the lag its reads show. */
export const APPLY_TIMER = 'apply';

export function heartbeatTimer(ctx: NodeContext): Effect {
  return { kind: 'set-timer', timer: HEARTBEAT_TIMER, afterMs: primaryBackupParams(ctx.params).heartbeatMs, quiet: true };
}

/** The election timer, only when failover is automatic (manual failover waits for the operator). */
export function electionTimer(ctx: NodeContext): Effect[] {
  const params = primaryBackupParams(ctx.params);
  if (params.failover !== 'auto') return [];
  const [minMs, maxMs] = params.electionTimeoutMs;
  return [{ kind: 'set-timer', timer: ELECTION_TIMER, range: { minMs, maxMs } }];
}

export function applyTimer(ctx: NodeContext): Effect {
  const [minMs, maxMs] = primaryBackupParams(ctx.params).applyDelayMs;
  return { kind: 'set-timer', timer: APPLY_TIMER, range: { minMs, maxMs }, quiet: true };
}
