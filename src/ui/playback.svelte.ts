// Runs the playback machine and mirrors its snapshot into reactive state for the components.
import { createActor, type Actor } from 'xstate';
import { animationFrameClock, playbackMachine, type PlaybackEmitted, type PlaybackEvent } from './playback.machine';

export type PlaybackClock = typeof animationFrameClock;

export class Playback {
  #actor: Actor<typeof playbackMachine>;
  snapshot = $state.raw<ReturnType<Actor<typeof playbackMachine>['getSnapshot']>>();

  constructor(options: { clock?: PlaybackClock; speed?: number } = {}) {
    const machine = options.clock ? playbackMachine.provide({ actors: { clock: options.clock } }) : playbackMachine;
    this.#actor = createActor(machine, { input: { speed: options.speed } });
    this.snapshot = this.#actor.getSnapshot();
    this.#actor.subscribe((snapshot) => {
      this.snapshot = snapshot;
    });
    this.#actor.start();
  }

  get playing(): boolean {
    return this.snapshot?.matches('playing') ?? false;
  }

  get speed(): number {
    return this.snapshot?.context.speed ?? 1;
  }

  get displayTimeMs(): number {
    return this.snapshot?.context.displayTimeMs ?? 0;
  }

  send(event: PlaybackEvent): void {
    this.#actor.send(event);
  }

  on<T extends PlaybackEmitted['type']>(
    type: T,
    handler: (event: Extract<PlaybackEmitted, { type: T }>) => void,
  ): () => void {
    const subscription = this.#actor.on(type, handler as never);
    return () => subscription.unsubscribe();
  }

  stop(): void {
    this.#actor.stop();
  }
}
