// Pure helpers for comparing CP and AP from one moment: the two forked scenarios (the same
// actions, the same future faults, a mode switch at the fork) and the lockstep clock.
import { sortByTime, type TimedAction } from '../../../engine/actions';
import type { Scenario } from '../../../scenarios/scenario';

export type CompareMode = 'cp' | 'ap';
export const COMPARE_MODES: readonly CompareMode[] = ['cp', 'ap'];

/**
 * The scenario with a switch to `mode` at `atMs`: every action up to and including `atMs` first
 * (so both worlds share everything up to the fork), then the switch, then the later actions (the
 * future faults) unchanged.
 */
export function forkScenario(scenario: Scenario, atMs: number, mode: CompareMode): Scenario {
  const at = Math.max(0, Math.floor(atMs));
  const sorted = sortByTime(scenario.actions);
  const before = sorted.filter((action) => action.at <= at);
  const after = sorted.filter((action) => action.at > at);
  const switchMode = { at, do: 'lab', name: 'setMode', mode } as TimedAction;
  return { ...scenario, actions: [...before, switchMode, ...after] };
}

/** Both worlds: CP and AP from the same scenario and moment. */
export function forkScenarios(scenario: Scenario, atMs: number): Record<CompareMode, Scenario> {
  return { cp: forkScenario(scenario, atMs, 'cp'), ap: forkScenario(scenario, atMs, 'ap') };
}

/** The next lockstep target: the display time moved on by the wall time that passed, at `speed`. */
export function nextTargetMs(currentMs: number, elapsedWallMs: number, speed: number): number {
  const step = Math.max(0, Math.min(elapsedWallMs, 100)) * speed;
  return currentMs + step;
}
