// The CP/AP comparison's pure parts: both forks share every action up to the fork, switch mode at
// it and keep the later (future) faults; the lockstep clock.
import { describe, expect, it } from 'vitest';
import type { TimedAction } from '../../../engine/actions';
import type { Scenario } from '../../../scenarios/scenario';
import { forkScenario, forkScenarios, nextTargetMs } from './compare';

const actions: TimedAction[] = [
  { at: 0, do: 'lab', name: 'setMode', mode: 'cp' } as TimedAction,
  { at: 1200, do: 'partition', groups: [['n1', 'n2'], ['n3', 'n4', 'n5']] } as TimedAction,
  { at: 3000, do: 'crash', node: 'n3' } as TimedAction,
  { at: 5000, do: 'heal' } as TimedAction,
];
const scenario: Scenario = { lab: 'cap', seed: 3, nodes: 5, actions };

describe('forkScenarios', () => {
  it('keeps the actions up to now, appends the mode switch at now and keeps the later actions', () => {
    const { cp, ap } = forkScenarios(scenario, 3000);
    for (const [fork, mode] of [[cp, 'cp'], [ap, 'ap']] as const) {
      expect(fork.actions.slice(0, 3)).toEqual(actions.slice(0, 3));
      expect(fork.actions[3]).toEqual({ at: 3000, do: 'lab', name: 'setMode', mode });
      expect(fork.actions.slice(4)).toEqual(actions.slice(3));
      expect({ ...fork, actions: [] }).toEqual({ ...scenario, actions: [] });
    }
  });

  it('differs between the two worlds only in the switch', () => {
    const { cp, ap } = forkScenarios(scenario, 2500);
    expect(cp.actions.length).toBe(actions.length + 1);
    const strip = (list: TimedAction[]) => list.map((action) => (action.do === 'lab' && action.at === 2500 ? { ...action, mode: '?' } : action));
    expect(strip(cp.actions)).toEqual(strip(ap.actions));
  });

  it('puts the switch at the start of a fresh run, at a whole millisecond, and leaves the input alone', () => {
    const before = structuredClone(scenario);
    const fork = forkScenario({ ...scenario, actions: [actions[3], actions[1]] }, 999.7, 'ap');
    expect(fork.actions.map((action) => action.at)).toEqual([999, 1200, 5000]);
    expect(forkScenario({ ...scenario, actions: [] }, 0, 'cp').actions).toEqual([{ at: 0, do: 'lab', name: 'setMode', mode: 'cp' }]);
    expect(scenario).toEqual(before);
  });
});

describe('lockstep clock', () => {
  it('moves on by wall time times speed, never more than 100 ms of wall time per step', () => {
    expect(nextTargetMs(1000, 16, 4)).toBe(1064);
    expect(nextTargetMs(1000, 5000, 1)).toBe(1100);
    expect(nextTargetMs(1000, -5, 16)).toBe(1000);
  });
});
