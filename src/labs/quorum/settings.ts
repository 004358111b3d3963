// The quorum settings while a run goes on: the `configure` lab action changes N, W, R and the
// switches, records the change (live checks start a fresh window there), remembers the settings
// beside the actors (so a restarted server learns them) and hands them to every live server.
import type { Simulation } from '../../engine/simulation';
import type { NodeId } from '../../engine/types';
import { clampConfig, readQuorumConfig, type QuorumConfig } from '../../protocols/dynamo/index';

/** The settings in force: the last `configure`, or the scenario's params. */
export function currentConfig(sim: Simulation): QuorumConfig {
  const stored = sim.world.labState.quorum as QuorumConfig | undefined;
  return stored ?? readQuorumConfig(sim.world.config.params, sim.world.nodeIds.length);
}

/** When the settings last changed (0 if never). */
export function configuredAtMs(sim: Simulation): number {
  const at = sim.world.labState.configuredAtMs;
  return typeof at === 'number' ? at : 0;
}

export function describeConfig(config: QuorumConfig): string {
  const switches = [
    config.readRepair && 'read repair', config.hintedHandoff && 'hinted handoff', config.sloppyQuorum && 'sloppy quorum', config.antiEntropy && 'anti-entropy',
  ].filter(Boolean);
  return `N=${config.n} W=${config.w} R=${config.r}, ${config.versioning === 'lww' ? 'last-writer-wins' : 'version vectors'}${switches.length ? `, ${switches.join(', ')}` : ''}`;
}

export function configure(sim: Simulation, action: Record<string, unknown>): void {
  const { name: _name, do: _do, at: _at, ...fields } = action;
  const config = clampConfig({ ...currentConfig(sim), ...(fields as Partial<QuorumConfig>) }, sim.world.nodeIds.length);
  sim.world.labState.quorum = config;
  sim.world.labState.configuredAtMs = sim.world.timeMs;
  sim.record({ kind: 'control', tag: 'configure', text: `quorum set to ${describeConfig(config)}`, data: { n: config.n, w: config.w, r: config.r } });
  for (const id of sim.world.nodeIds) if (sim.world.nodes[id].up) pushConfig(sim, id, config);
}

/** A server back from a crash gets the settings in force, like any operator setting it missed. */
export function afterRestart(sim: Simulation, id: NodeId): void {
  if (sim.isServer(id) && sim.world.labState.quorum) pushConfig(sim, id, currentConfig(sim));
}

function pushConfig(sim: Simulation, id: NodeId, config: QuorumConfig): void {
  const onControl = sim.protocolOf(id).onControl;
  if (onControl) sim.runHandler(id, (state, ctx) => onControl(state, { do: 'configure', config }, ctx));
}
