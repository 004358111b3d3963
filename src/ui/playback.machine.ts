// The playback statechart: playing or paused, at a speed, with display time driven by a clock actor.
// The clock is an invoked callback actor (requestAnimationFrame in the page, a simulated one in tests);
// the machine only emits what it wants from the worker ('advance', 'step') and never calls it itself.
import { assign, emit, fromCallback, setup } from 'xstate';
import { SPEED_DEFAULT } from './speeds';

/** Wall time longer than this between two frames (a hidden tab) counts as this much. */
export const TICK_ELAPSED_MAX_MS = 100;

/** How far (in wall time at the current speed) the display may run ahead of the worker's last
 * frame. A heavy lab at 100× cannot keep up with the clock; without a bound the display ran on
 * regardless, and a pause then asked the worker for a moment minutes past what was on screen. */
export const MAX_LEAD_WALL_MS = 150;

export type PlaybackEvent =
  | { type: 'PLAY' }
  | { type: 'PAUSE' }
  | { type: 'TOGGLE' }
  | { type: 'STEP' }
  | { type: 'SET_SPEED'; speed: number }
  /** Wall-clock milliseconds since the previous tick. */
  | { type: 'TICK'; elapsedMs: number }
  /** The worker's time is the truth: after a load, step or a limited advance, display time follows it. */
  | { type: 'SYNC'; timeMs: number }
  /** A frame arrived while playing: the display may run at most a little ahead of it. */
  | { type: 'FRAME'; timeMs: number };

export type PlaybackEmitted = { type: 'advance'; timeMs: number } | { type: 'step' };

export interface PlaybackContext {
  speed: number;
  displayTimeMs: number;
  /** The time of the worker's latest frame. */
  frameTimeMs: number;
}

export interface PlaybackInput {
  speed?: number;
}

/** requestAnimationFrame as a clock: one TICK per painted frame, with the wall time elapsed. */
export const animationFrameClock = fromCallback<PlaybackEvent>(({ sendBack }) => {
  let previous: number | null = null;
  let handle = 0;
  const loop = (now: number): void => {
    if (previous !== null) {
      sendBack({ type: 'TICK', elapsedMs: Math.min(Math.max(0, now - previous), TICK_ELAPSED_MAX_MS) });
    }
    previous = now;
    handle = requestAnimationFrame(loop);
  };
  handle = requestAnimationFrame(loop);
  return () => cancelAnimationFrame(handle);
});

export const playbackMachine = setup({
  types: {
    context: {} as PlaybackContext,
    events: {} as PlaybackEvent,
    emitted: {} as PlaybackEmitted,
    input: {} as PlaybackInput | undefined,
  },
  actors: { clock: animationFrameClock },
  actions: {
    setSpeed: assign(({ event }) => (event.type === 'SET_SPEED' ? { speed: event.speed } : {})),
    sync: assign(({ event }) => (event.type === 'SYNC' ? { displayTimeMs: event.timeMs, frameTimeMs: event.timeMs } : {})),
    frame: assign(({ event }) => (event.type === 'FRAME' ? { frameTimeMs: event.timeMs } : {})),
    tick: assign(({ context, event }) => {
      if (event.type !== 'TICK') return {};
      const next = context.displayTimeMs + event.elapsedMs * context.speed;
      const lead = Math.max(context.displayTimeMs, context.frameTimeMs + MAX_LEAD_WALL_MS * context.speed);
      return { displayTimeMs: Math.min(next, lead) };
    }),
    emitAdvance: emit(({ context }) => ({ type: 'advance' as const, timeMs: context.displayTimeMs })),
    emitStep: emit({ type: 'step' as const }),
  },
}).createMachine({
  id: 'playback',
  context: ({ input }) => ({ speed: input?.speed ?? SPEED_DEFAULT, displayTimeMs: 0, frameTimeMs: 0 }),
  initial: 'paused',
  on: {
    SET_SPEED: { actions: 'setSpeed' },
    SYNC: { actions: 'sync' },
    FRAME: { actions: 'frame' },
  },
  states: {
    paused: {
      on: {
        PLAY: 'playing',
        TOGGLE: 'playing',
        STEP: { actions: 'emitStep' },
      },
    },
    playing: {
      invoke: { src: 'clock' },
      on: {
        TICK: { actions: ['tick', 'emitAdvance'] },
        PAUSE: { target: 'paused', actions: 'emitAdvance' },
        TOGGLE: { target: 'paused', actions: 'emitAdvance' },
        STEP: { target: 'paused', actions: 'emitStep' },
      },
    },
  },
});
