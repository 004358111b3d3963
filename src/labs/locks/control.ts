// The `configure` lab action: changes the lock service, fencing, lease or work time during a run,
// records the change, remembers the settings (so a restarted actor is handed them again) and
// hands them to every live actor.
import type { Simulation } from '../../engine/simulation';
import type { NodeId } from '../../engine/types';
import { describeSettings, settingsFrom, type LocksSettings } from './settings';

/** The settings in force: the last `configure`, or the scenario's params. */
export function currentSettings(sim: Simulation): LocksSettings {
  return (sim.world.labState.locks as LocksSettings | undefined) ?? settingsFrom(sim.world.config.params);
}

export function configure(sim: Simulation, action: Record<string, unknown>): void {
  const { name: _name, do: _do, at: _at, ...fields } = action;
  const settings: LocksSettings = { ...currentSettings(sim), ...(fields as Partial<LocksSettings>) };
  sim.world.labState.locks = settings;
  sim.record({ kind: 'control', tag: 'configure', text: `locks: ${describeSettings(settings)}`, data: { ...settings } });
  for (const id of sim.world.actorIds) if (sim.world.nodes[id].up) pushSettings(sim, id, settings);
}

/** An actor back from a crash is handed the settings in force, as any operator change it missed. */
export function afterRestart(sim: Simulation, id: NodeId): void {
  if (sim.world.labState.locks) pushSettings(sim, id, currentSettings(sim));
}

function pushSettings(sim: Simulation, id: NodeId, settings: LocksSettings): void {
  const onControl = sim.protocolOf(id).onControl;
  if (onControl) sim.runHandler(id, (state, ctx) => onControl(state, { do: 'configure', settings }, ctx));
}
