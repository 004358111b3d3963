// Acting at a past moment forks the run. The worker drops its own later recorded actions, but a
// shared run is loaded as a script, so its later actions would still happen: this finds them.
import type { TimedAction } from '../../engine/actions';
import type { Scenario } from '../../scenarios/scenario';
import { jsonEqual } from '../../share/compact-payload';

/**
 * The scenario to reload before acting at `nowMs`, or null when the worker's own inject already
 * forks correctly. `recorded` is the worker's `recorded()`: the loaded script's `scriptCount`
 * actions, then the user's. Actions of the lab's own script (`labActions`) always stay; any other
 * action after `nowMs` belongs to a future that the fork replaces.
 */
export function forkedScenario(
  recorded: Scenario,
  scriptCount: number,
  labActions: readonly TimedAction[],
  nowMs: number,
): Scenario | null {
  const labScript = [...labActions];
  const kept: TimedAction[] = [];
  let scriptDropped = false;
  recorded.actions.forEach((action, index) => {
    const labIndex = index < scriptCount ? labScript.findIndex((candidate) => jsonEqual(candidate, action)) : -1;
    if (labIndex >= 0) {
      labScript.splice(labIndex, 1);
      kept.push(action);
    } else if (action.at <= nowMs) kept.push(action);
    else if (index < scriptCount) scriptDropped = true;
  });
  return scriptDropped ? { ...recorded, actions: kept } : null;
}
