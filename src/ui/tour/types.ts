// What a guided tour is: steps that say what is happening, what to do, and when the engine has
// shown it. DOM-free, so a lab's tour is plain data its tests can check against hand-built frames.
import type { Action } from '../../engine/actions';
import type { Frame } from '../../engine/frame';

/** What a tour step may inject: a generic action or a lab action (`{do: 'lab', name: 'setMode', …}`). */
export type TourAction = Action | { do: 'lab'; name: string; [field: string]: unknown };

/** The "Do it for me" button: actions computed from the frame on screen when it is pressed. */
export interface TourDoIt {
  /** What the button does, lower case after "Do it for me: " ("crash the leader"). */
  label: string;
  actions(frame: Frame): TourAction[];
}

export interface TourStep {
  id: string;
  title: string;
  /** What is happening and why, in one to three sentences. */
  narration: string;
  /** What to do. */
  task: string;
  /** What to watch on the stage and panels. */
  lookFor?: string;
  /** The honest caveat: what this does not show. */
  note?: string;
  doIt?: TourDoIt;
  /** True once the engine state in `frame` shows the step happened; `startFrame` is the frame on
   * screen when the step began. Read from the frame only, never from a timer. */
  done(frame: Frame, startFrame: Frame): boolean;
  /** What the engine showed that completed the step ("n3 became leader in term 2"), from the
   * frame on which `done` first held. */
  doneText(frame: Frame, startFrame: Frame): string;
}

export interface Tour {
  id: string;
  title: string;
  steps: readonly TourStep[];
}
