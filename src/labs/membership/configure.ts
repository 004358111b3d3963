// The `configure` lab action: switches the detector, suspicion and indirect probes while a run
// goes on, remembers the settings beside the actors (a member back from a crash gets them) and
// hands them to every running member.
import type { Simulation } from '../../engine/simulation';
import type { NodeId } from '../../engine/types';
import { describeSettings, readParams, type LiveSettings } from './settings';

export function currentSettings(sim: Simulation): LiveSettings {
  const stored = sim.world.labState.membership as LiveSettings | undefined;
  if (stored) return stored;
  const { detector, suspicion, indirectK } = readParams(sim.world.config.params);
  return { detector, suspicion, indirectK };
}

export function configure(sim: Simulation, action: Record<string, unknown>): void {
  const current = currentSettings(sim);
  const settings: LiveSettings = {
    detector: action.detector === 'swim' || action.detector === 'heartbeat' ? action.detector : current.detector,
    suspicion: typeof action.suspicion === 'boolean' ? action.suspicion : current.suspicion,
    indirectK: typeof action.indirectK === 'number' ? action.indirectK : current.indirectK,
  };
  sim.world.labState.membership = settings;
  sim.record({ kind: 'control', tag: 'configure', text: `membership: ${describeSettings(settings)}`, data: { ...settings } });
  for (const id of sim.world.nodeIds) if (sim.world.nodes[id].up) pushSettings(sim, id, settings);
}

export function afterRestart(sim: Simulation, id: NodeId): void {
  if (sim.isServer(id) && sim.world.labState.membership) pushSettings(sim, id, currentSettings(sim));
}

function pushSettings(sim: Simulation, id: NodeId, settings: LiveSettings): void {
  const onControl = sim.protocolOf(id).onControl;
  if (onControl) sim.runHandler(id, (state, ctx) => onControl(state, { do: 'configure', settings }, ctx));
}
