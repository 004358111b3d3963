// Where an in-flight message is at a display time, and the few characters drawn beside it. Its
// look (glyph, colour) comes from the lab's kinds, in message-kinds.ts.
import type { InFlightMessage } from '../../engine/frame';

/** A message that will never arrive (lost or cut) stops where it is drawn and turns red. */
export function isStopped(message: Pick<InFlightMessage, 'fate'>): boolean {
  return message.fate === 'cut' || message.fate === 'dropped';
}

/** Stopped messages halt halfway, at the cut. */
export const STOPPED_AT = 0.5;

/** Fraction of the way along its link at `timeMs` (DESIGN §1.7), clamped to [0, 1]. */
export function messageProgress(
  message: Pick<InFlightMessage, 'sentAtMs' | 'deliverAtMs' | 'fate'>,
  timeMs: number,
): number {
  const span = message.deliverAtMs - message.sentAtMs;
  const raw = span <= 0 ? 1 : (timeMs - message.sentAtMs) / span;
  const progress = Math.min(1, Math.max(0, raw));
  return isStopped(message) ? Math.min(progress, STOPPED_AT) : progress;
}

/** Near either end of its link a message's label would pile up with its neighbours'. */
export function isLabelled(progress: number): boolean {
  return progress > 0.12 && progress < 0.88;
}

const LABEL_MAX = 14;

/** The lab's short label ("AE 3", "vote ✓"), cut short so it never crowds the stage. */
export function stageLabel(message: Pick<InFlightMessage, 'label'>): string {
  return message.label.length > LABEL_MAX ? `${message.label.slice(0, LABEL_MAX - 1)}…` : message.label;
}

/**
 * With reduced motion a message does not glide: it sits at its sender for the first half of its
 * flight and at its receiver for the second (a lost one at the cut, where it stops).
 */
export function steppedProgress(progress: number, stopped: boolean): number {
  if (progress < 0.5) return 0;
  return stopped ? STOPPED_AT : 1;
}
