// Where the reader is in a tour, as a pure reducer: the current step, the frame it began on, and
// which steps the engine has shown complete. Every frame the page receives goes through `frame`,
// so completion is read from engine state, and a seek back undoes what it rewinds past.
import type { Frame } from '../../engine/frame';
import type { Tour } from './types';

/** The frame time a step's condition first held, and what the engine showed then. */
export interface StepCompletion {
  atMs: number;
  text: string;
}

export interface TourState {
  tourId: string;
  /** Touring the steps, or closed in the free sandbox (the end state; "Restart tour" reopens it). */
  mode: 'touring' | 'sandbox';
  index: number;
  /** The frame on screen when the current step began (moved earlier by a seek before it). */
  startFrame: Frame;
  /** The latest frame received. */
  frame: Frame;
  completed: readonly (StepCompletion | null)[];
}

export type TourEvent = { type: 'frame'; frame: Frame } | { type: 'next' } | { type: 'back' } | { type: 'skip' } | { type: 'restart' };

export function startTour(tour: Tour, frame: Frame): TourState {
  const state: TourState = { tourId: tour.id, mode: 'touring', index: 0, startFrame: frame, frame, completed: tour.steps.map(() => null) };
  return evaluate(tour, state);
}

export function tourReducer(tour: Tour, state: TourState, event: TourEvent): TourState {
  switch (event.type) {
    case 'frame':
      return evaluate(tour, receiveFrame(state, event.frame));
    case 'next':
      if (state.mode !== 'touring') return state;
      if (state.index >= tour.steps.length - 1) return { ...state, mode: 'sandbox' };
      return enterStep(tour, state, state.index + 1);
    case 'back':
      if (state.mode !== 'touring' || state.index === 0) return state;
      return enterStep(tour, state, state.index - 1);
    case 'skip':
      return { ...state, mode: 'sandbox' };
    case 'restart':
      return startTour(tour, state.frame);
  }
}

/** True when the step on screen has been shown complete. */
export function currentCompletion(state: TourState): StepCompletion | null {
  return state.completed[state.index] ?? null;
}

export function completedCount(state: TourState): number {
  return state.completed.filter((completion) => completion !== null).length;
}

function enterStep(tour: Tour, state: TourState, index: number): TourState {
  return evaluate(tour, { ...state, index, startFrame: state.frame });
}

/** A different run, or a seek back: completions after the new time no longer happened, and a
 * step that began after it begins now. */
function receiveFrame(state: TourState, frame: Frame): TourState {
  const sameRun = frame.lab === state.frame.lab && frame.seed === state.frame.seed;
  if (sameRun && frame.timeMs >= state.frame.timeMs) return { ...state, frame };
  const completed = state.completed.map((completion) => (sameRun && completion && completion.atMs <= frame.timeMs ? completion : null));
  const startFrame = sameRun && frame.timeMs >= state.startFrame.timeMs ? state.startFrame : frame;
  return { ...state, frame, startFrame, completed };
}

/** Marks the current step complete if its condition holds on the latest frame. */
function evaluate(tour: Tour, state: TourState): TourState {
  const step = tour.steps[state.index];
  if (state.mode !== 'touring' || !step || state.completed[state.index]) return state;
  if (!step.done(state.frame, state.startFrame)) return state;
  const completed = state.completed.slice();
  completed[state.index] = { atMs: state.frame.timeMs, text: step.doneText(state.frame, state.startFrame) };
  return { ...state, completed };
}
