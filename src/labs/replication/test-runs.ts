// Scripted runs of the replication lab for its tests: the default scenario with some params and
// actions, run headless to a time. Used by tests only.
import type { TimedAction } from '../../engine/actions';
import type { NodeSnapshot } from '../../engine/types';
import type { PrimaryBackupState } from '../../protocols/primary-backup';
import { defaultScenario } from '../../scenarios/catalog';
import { runHeadless, type HeadlessResult } from '../../scenarios/headless';
import { validateScenario } from '../../scenarios/validate';

export function runReplication(params: Record<string, unknown>, actions: TimedAction[], untilMs: number, seed = 1, nodes?: number): HeadlessResult {
  const scenario = defaultScenario('replication', seed, nodes);
  scenario.params = { ...scenario.params, ...params };
  scenario.actions = actions;
  scenario.until = untilMs;
  const checked = validateScenario(scenario);
  if (!checked.ok) throw new Error(checked.issues.map((issue) => issue.message).join('; '));
  return runHeadless(checked.scenario);
}

export function serverStates(result: HeadlessResult): NodeSnapshot<PrimaryBackupState>[] {
  return result.simulation.snapshots as NodeSnapshot<PrimaryBackupState>[];
}

/** Notes of a tag in the trace's notable ring, oldest first. */
export function notes(result: HeadlessResult, tag: string): { node?: string; timeMs: number; text?: string }[] {
  return result.simulation.world.trace.notable.filter((event) => event.kind === 'note' && event.tag === tag);
}

/** The primary alone on one side, its clients with it; the followers on the other. */
export function isolate(primary: string, others: string[], at: number): TimedAction {
  return { at, do: 'partition', groups: [[primary], others] };
}

export function userWrite(node: string, at: number): TimedAction {
  return { at, do: 'request', node, op: { f: 'write', key: 'x' } };
}
