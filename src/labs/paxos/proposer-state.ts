// A proposer's state and the small questions asked of it: its own value for a slot, the first
// slot it does not know to be chosen, how long to wait before the next attempt.
import type { Effect, NodeContext } from '../../engine/types';
import type { Vote } from './messages';
import { readTiming, type PaxosSettings } from './settings';

export type ProposerPhase = 'idle' | 'preparing' | 'accepting' | 'leading' | 'backing-off' | 'following';

export interface ProposerState {
  /** 1 for p1: the low digit of its ballots and the letter of its values. */
  index: number;
  settings: PaxosSettings;
  /** The highest round it has used or heard of; never reused, so it is kept on disk. */
  round: number;
  /** The ballot of the current attempt (0: none yet). */
  ballot: number;
  phase: ProposerPhase;
  /** Single decree: the slot it proposes for. */
  slot: number;
  /** A value the `propose` action asked for (else its own). */
  request: string | null;
  /** The first slot the current phase 1 covers. */
  fromSlot: number;
  promises: string[];
  /** Per slot, the highest-ballot vote the promises reported: the value it must propose there. */
  votes: Record<number, Vote>;
  /** What phase 2 proposes now, and the acceptors that accepted it. */
  proposal: { slot: number; value: string } | null;
  acks: string[];
  /** Slots it knows are chosen (its own phase 2, or a learner's word). */
  chosen: Record<number, string>;
  /** Attempts that failed in a row: the backoff's exponent. */
  failures: number;
  /** Multi-Paxos: the proposer whose heartbeats it defers to. */
  leader: string | null;
}

export const TIMERS = {
  retry: 'retry',
  collect: 'collect',
  accept: 'accept',
  next: 'next-slot',
  heartbeat: 'heartbeat',
  lease: 'leader-lease',
} as const;

const LETTERS = 'ABCDEFGHI';

/** p1 proposes A1 for slot 1, A2 for slot 2; p2 proposes B1, B2… */
export function ownValue(index: number, slot: number): string {
  return `${LETTERS[index - 1] ?? 'P'}${slot}`;
}

export function firstUnchosen(chosen: Record<number, string>): number {
  let slot = 1;
  while (chosen[slot] !== undefined) slot++;
  return slot;
}

/** Multi-Paxos: every slot of the log is known to be chosen. */
export function logFull(state: ProposerState, ctx: NodeContext): boolean {
  return firstUnchosen(state.chosen) > readTiming(ctx.params).slots;
}

/** Without backoff, the same fixed wait every time; with it, a random wait from a window that
 * doubles with each failure in a row (capped at 32 times the first). */
export function retryDelayMs(state: ProposerState, ctx: NodeContext): number {
  const timing = readTiming(ctx.params);
  if (!state.settings.backoff) return timing.retryMs;
  const window = timing.backoffMs * (1 << Math.min(Math.max(state.failures - 1, 0), 5));
  return 1 + ctx.rng.int(window);
}

export function cancelAttemptTimers(out: Effect[]): void {
  for (const timer of [TIMERS.retry, TIMERS.collect, TIMERS.accept, TIMERS.next, TIMERS.heartbeat, TIMERS.lease]) {
    out.push({ kind: 'cancel-timer', timer });
  }
}
