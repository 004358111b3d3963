// A fork at a past moment drops the later actions of a shared run, keeps the lab's own script.
import { describe, expect, it } from 'vitest';
import type { TimedAction } from '../../engine/actions';
import { forkedScenario } from './fork';

const crash = (at: number, node = 'n1'): TimedAction => ({ at, do: 'crash', node });
const scenario = (actions: TimedAction[]) => ({ lab: 'raft', seed: 1, nodes: 5, actions });

describe('forkedScenario', () => {
  it('needs no reload when only the user’s own recorded actions lie ahead (the worker drops them)', () => {
    expect(forkedScenario(scenario([crash(100), crash(900, 'n2')]), 1, [], 500)).toBeNull();
  });

  it('drops a shared run’s later actions, and the user’s, keeping everything up to now', () => {
    const recorded = scenario([crash(100), crash(900, 'n2'), crash(500, 'n3'), crash(950, 'n4')]);
    expect(forkedScenario(recorded, 2, [], 600)?.actions).toEqual([crash(100), crash(500, 'n3')]);
  });

  it('keeps the lab’s own scripted actions even after now', () => {
    const labScript = [crash(3000, 'n5')];
    const recorded = scenario([crash(3000, 'n5'), crash(800), crash(1200, 'n2')]);
    expect(forkedScenario(recorded, 3, labScript, 1000)?.actions).toEqual([crash(3000, 'n5'), crash(800)]);
    expect(forkedScenario(scenario([crash(3000, 'n5')]), 1, labScript, 1000)).toBeNull();
  });
});
