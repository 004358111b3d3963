// The timer ring around a node (RaftScope's election timer): full when the timer is set, empty
// when it is due, drained at display time in between (DESIGN §1.7: a function of frame and time).
import type { NodeFrame } from '../../engine/frame';

export type RunningTimer = NodeFrame['timers'][number];

/** The running timer named `name`, if the node has one. */
export function findTimer(timers: readonly RunningTimer[] | undefined, name: string | undefined): RunningTimer | null {
  if (!name || !timers) return null;
  return timers.find((timer) => timer.name === name) ?? null;
}

/** The share of the timer still to run at `timeMs`: 1 when just set, 0 when due or past. */
export function remainingFraction(timer: Pick<RunningTimer, 'setAtMs' | 'dueAtMs'>, timeMs: number): number {
  const span = timer.dueAtMs - timer.setAtMs;
  if (span <= 0) return 0;
  return Math.min(1, Math.max(0, (timer.dueAtMs - timeMs) / span));
}

/** stroke-dasharray for a circle of radius `r` showing `fraction` of its length, starting at
 * twelve o'clock when the circle is rotated by -90°. */
export function ringDash(r: number, fraction: number): string {
  const length = 2 * Math.PI * r;
  const drawn = length * fraction;
  return `${drawn.toFixed(2)} ${(length - drawn + 1).toFixed(2)}`;
}
