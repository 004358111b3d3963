// The tour reducer: completion read from frames, navigation, the sandbox end state, and seeks.
import { describe, expect, it } from 'vitest';
import type { Frame } from '../../engine/frame';
import { completedCount, currentCompletion, startTour, tourReducer, type TourEvent, type TourState } from './tour-state';
import { tourFrame } from './test-frames';
import type { Tour, TourStep } from './types';

/** A step done once the frame's leader is `id`, or once the event count grew past the start's. */
function leaderStep(id: string): TourStep {
  return {
    id: `leader-${id}`,
    title: `${id} leads`,
    narration: '',
    task: '',
    done: (frame) => frame.leader === id,
    doneText: (frame) => `${frame.leader} leads at ${frame.timeMs}`,
  };
}

const grewStep: TourStep = {
  id: 'grew',
  title: 'more events',
  narration: '',
  task: '',
  done: (frame, start) => frame.eventCount > start.eventCount,
  doneText: (frame, start) => `${frame.eventCount - start.eventCount} more`,
};

const tour: Tour = { id: 't', title: 'Test tour', steps: [leaderStep('n1'), grewStep, leaderStep('n2')] };

function at(timeMs: number, overrides: Partial<Frame> = {}): Frame {
  return tourFrame({ timeMs, eventCount: timeMs, ...overrides });
}

function run(state: TourState, ...events: TourEvent[]): TourState {
  return events.reduce((s, event) => tourReducer(tour, s, event), state);
}

describe('tour state: completion from frames', () => {
  it('starts on step 1, not done, and completes when a frame meets the condition', () => {
    let state = startTour(tour, at(0));
    expect(state.mode).toBe('touring');
    expect(state.index).toBe(0);
    expect(currentCompletion(state)).toBeNull();
    state = run(state, { type: 'frame', frame: at(100) });
    expect(currentCompletion(state)).toBeNull();
    state = run(state, { type: 'frame', frame: at(200, { leader: 'n1' }) });
    expect(currentCompletion(state)).toEqual({ atMs: 200, text: 'n1 leads at 200' });
  });

  it('is complete at once when the first frame already meets the condition', () => {
    expect(currentCompletion(startTour(tour, at(50, { leader: 'n1' })))?.atMs).toBe(50);
  });

  it('keeps a completion when the condition stops holding later in the run', () => {
    const state = run(startTour(tour, at(0)), { type: 'frame', frame: at(200, { leader: 'n1' }) }, { type: 'frame', frame: at(300, { leader: null }) });
    expect(currentCompletion(state)?.text).toBe('n1 leads at 200');
  });

  it('judges a step against the frame on screen when it began', () => {
    let state = run(startTour(tour, at(200, { leader: 'n1' })), { type: 'next' });
    expect(state.startFrame.timeMs).toBe(200);
    expect(currentCompletion(state)).toBeNull();
    state = run(state, { type: 'frame', frame: at(260) });
    expect(currentCompletion(state)?.text).toBe('60 more');
  });

  it('checks only the step on screen', () => {
    const state = run(startTour(tour, at(0)), { type: 'frame', frame: at(100, { leader: 'n2' }) });
    expect(completedCount(state)).toBe(0);
  });
});

describe('tour state: navigation', () => {
  it('moves back and next, never before step 1, and keeps earlier completions', () => {
    let state = run(startTour(tour, at(0, { leader: 'n1' })), { type: 'back' });
    expect(state.index).toBe(0);
    state = run(state, { type: 'next' }, { type: 'next' });
    expect(state.index).toBe(2);
    state = run(state, { type: 'back' }, { type: 'back' });
    expect(state.index).toBe(0);
    expect(currentCompletion(state)?.atMs).toBe(0);
  });

  it('Next is allowed before a step is done, and Next on the last step ends in the sandbox', () => {
    const state = run(startTour(tour, at(0)), { type: 'next' }, { type: 'next' }, { type: 'next' });
    expect(state.mode).toBe('sandbox');
  });

  it('skip closes the tour; frames and navigation leave the sandbox alone', () => {
    const state = run(startTour(tour, at(0)), { type: 'skip' }, { type: 'frame', frame: at(100, { leader: 'n1' }) }, { type: 'next' }, { type: 'back' });
    expect(state.mode).toBe('sandbox');
    expect(state.index).toBe(0);
    expect(completedCount(state)).toBe(0);
  });

  it('restart reopens step 1 with nothing done, judged from the latest frame', () => {
    let state = run(startTour(tour, at(0, { leader: 'n1' })), { type: 'next' }, { type: 'frame', frame: at(100) }, { type: 'skip' });
    expect(completedCount(state)).toBe(2);
    state = run(state, { type: 'frame', frame: at(150) }, { type: 'restart' });
    expect(state.mode).toBe('touring');
    expect(state.index).toBe(0);
    expect(state.startFrame.timeMs).toBe(150);
    expect(completedCount(state)).toBe(0);
  });
});

describe('tour state: seeks', () => {
  it('a seek back before a completion undoes it, and a later frame completes the step again', () => {
    let state = run(startTour(tour, at(0)), { type: 'frame', frame: at(400, { leader: 'n1' }) });
    expect(currentCompletion(state)?.atMs).toBe(400);
    state = run(state, { type: 'frame', frame: at(300) });
    expect(currentCompletion(state)).toBeNull();
    state = run(state, { type: 'frame', frame: at(400, { leader: 'n1' }) });
    expect(currentCompletion(state)?.atMs).toBe(400);
  });

  it('a seek back to the very moment of completion, or after it, keeps it', () => {
    let state = run(startTour(tour, at(0)), { type: 'frame', frame: at(400, { leader: 'n1' }) }, { type: 'frame', frame: at(900) });
    state = run(state, { type: 'frame', frame: at(400) });
    expect(currentCompletion(state)?.atMs).toBe(400);
  });

  it('a seek back before a step began restarts the step from the seek', () => {
    let state = run(startTour(tour, at(0)), { type: 'frame', frame: at(500) }, { type: 'next' });
    expect(state.startFrame.timeMs).toBe(500);
    state = run(state, { type: 'frame', frame: at(200) });
    expect(state.startFrame.timeMs).toBe(200);
    // Judged against the new start: 50 more events since the seek.
    state = run(state, { type: 'frame', frame: at(250) });
    expect(currentCompletion(state)?.text).toBe('50 more');
  });

  it('a seek back also undoes completions of other steps after it', () => {
    let state = run(startTour(tour, at(0, { leader: 'n1' })), { type: 'next' }, { type: 'frame', frame: at(600) });
    expect(completedCount(state)).toBe(2);
    state = run(state, { type: 'frame', frame: at(0) });
    expect(state.completed.map((c) => c?.atMs ?? null)).toEqual([0, null, null]);
  });

  it('a different run (another seed) forgets every completion and starts the step afresh', () => {
    let state = run(startTour(tour, at(0, { leader: 'n1' })), { type: 'frame', frame: at(900, { seed: 2 }) });
    expect(completedCount(state)).toBe(0);
    expect(state.startFrame.seed).toBe(2);
    state = run(state, { type: 'frame', frame: at(950, { seed: 2, leader: 'n1' }) });
    expect(currentCompletion(state)?.atMs).toBe(950);
  });
});
