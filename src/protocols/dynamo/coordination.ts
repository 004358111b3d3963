// Small helpers for a coordinator's open requests: keeping, updating and closing them.
import type { Effect } from '../../engine/types';
import type { Coordination, DynamoState } from './types';

export const escalateTimer = (cid: number) => `presume-down:${cid}`;
export const expireTimer = (cid: number) => `expire:${cid}`;

/** The timer's coordination id, or null for another timer. */
export function timerCoordination(timer: string): { kind: 'presume-down' | 'expire'; cid: number } | null {
  const match = /^(presume-down|expire):(\d+)$/.exec(timer);
  return match ? { kind: match[1] as 'presume-down' | 'expire', cid: Number(match[2]) } : null;
}

export function openCoordination(state: DynamoState, cid: number): Coordination | null {
  return Object.hasOwn(state.coordinating, String(cid)) ? state.coordinating[String(cid)] : null;
}

export function putCoordination(state: DynamoState, coordination: Coordination): DynamoState {
  return { ...state, coordinating: { ...state.coordinating, [String(coordination.id)]: coordination } };
}

/** How many finished requests a coordinator remembers. */
export const FINISHED_LIMIT = 64;

export const requestKey = (client: string, requestId: number) => `${client}:${requestId}`;

/** Forgets a request and its timers, remembering that it finished. */
export function closeCoordination(state: DynamoState, cid: number, out: Effect[]): DynamoState {
  const { [String(cid)]: closed, ...rest } = state.coordinating;
  out.push({ kind: 'cancel-timer', timer: escalateTimer(cid) }, { kind: 'cancel-timer', timer: expireTimer(cid) });
  const finished = closed ? [...state.finished.slice(-(FINISHED_LIMIT - 1)), requestKey(closed.client, closed.requestId)] : state.finished;
  return { ...state, coordinating: rest, finished };
}

/** True once every node asked has answered. */
export function allAnswered(coordination: Coordination): boolean {
  return coordination.asked.every((asked) => coordination.answered.includes(asked.node));
}

/** The node a fallback stood in for, or null for one of the key's own replicas. */
export function standingInFor(coordination: Coordination, node: string): string | null {
  return coordination.asked.find((asked) => asked.node === node)?.hintFor ?? null;
}
