// The playback machine driven by a simulated clock: display time, speed, pause, step and sync.
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { simulatedClock } from '../../tests/component/fixtures';
import { playbackMachine, type PlaybackEmitted } from './playback.machine';

function start(speed = 1) {
  const clock = simulatedClock();
  const actor = createActor(playbackMachine.provide({ actors: { clock: clock.logic } }), { input: { speed } });
  const emitted: PlaybackEmitted[] = [];
  actor.on('*', (event) => emitted.push(event as PlaybackEmitted));
  actor.start();
  return { clock, actor, emitted, time: () => actor.getSnapshot().context.displayTimeMs };
}

describe('playback machine', () => {
  it('starts paused with the clock stopped', () => {
    const { actor, clock } = start();
    expect(actor.getSnapshot().value).toBe('paused');
    expect(clock.running).toBe(false);
  });

  it('advances display time by wall time × speed while playing, asking for each new time', () => {
    const { actor, clock, emitted, time } = start(0.1);
    actor.send({ type: 'PLAY' });
    expect(clock.running).toBe(true);
    clock.tick(16);
    clock.tick(100);
    expect(time()).toBeCloseTo(11.6);
    expect(emitted.filter((e) => e.type === 'advance').map((e) => (e as { timeMs: number }).timeMs)).toEqual([
      expect.closeTo(1.6),
      expect.closeTo(11.6),
    ]);
  });

  it('runs at most 150 ms of wall time ahead of the worker\'s last frame, so a pause lands near what is on screen', () => {
    const { actor, clock, emitted, time } = start(100);
    actor.send({ type: 'PLAY' });
    for (let i = 0; i < 20; i++) clock.tick(50);
    expect(time()).toBe(15_000);
    actor.send({ type: 'FRAME', timeMs: 14_000 });
    clock.tick(50);
    expect(time()).toBe(20_000);
    clock.tick(50);
    expect(time()).toBe(25_000);
    clock.tick(50);
    expect(time()).toBe(29_000);
    actor.send({ type: 'PAUSE' });
    expect(emitted.at(-1)).toEqual({ type: 'advance', timeMs: 29_000 });
  });

  it('stops the clock and display time when paused', () => {
    const { actor, clock, time } = start();
    actor.send({ type: 'TOGGLE' });
    clock.tick(10);
    actor.send({ type: 'TOGGLE' });
    expect(actor.getSnapshot().value).toBe('paused');
    expect(clock.running).toBe(false);
    clock.tick(50);
    expect(time()).toBe(10);
  });

  it('changes speed mid-play', () => {
    const { actor, clock, time } = start(1);
    actor.send({ type: 'PLAY' });
    clock.tick(10);
    actor.send({ type: 'SET_SPEED', speed: 100 });
    clock.tick(10);
    expect(time()).toBe(1010);
    expect(actor.getSnapshot().context.speed).toBe(100);
  });

  it('steps from pause and pauses when stepping while playing', () => {
    const { actor, emitted } = start();
    actor.send({ type: 'STEP' });
    expect(actor.getSnapshot().value).toBe('paused');
    actor.send({ type: 'PLAY' });
    actor.send({ type: 'STEP' });
    expect(actor.getSnapshot().value).toBe('paused');
    expect(emitted.filter((e) => e.type === 'step')).toHaveLength(2);
  });

  it('follows the worker on SYNC', () => {
    const { actor, clock, time } = start();
    actor.send({ type: 'PLAY' });
    clock.tick(50);
    actor.send({ type: 'SYNC', timeMs: 20 });
    expect(time()).toBe(20);
    clock.tick(5);
    expect(time()).toBe(25);
  });

  it('asks once more for the time it paused at', () => {
    const { actor, clock, emitted } = start();
    actor.send({ type: 'PLAY' });
    clock.tick(30);
    emitted.length = 0;
    actor.send({ type: 'PAUSE' });
    expect(emitted).toEqual([{ type: 'advance', timeMs: 30 }]);
  });
});
