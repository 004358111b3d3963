// The breaker lab's actions while a run goes on: `configure` changes the client's settings
// (breaker, bulkheads, timeout, load), `setDependency` makes A or B healthy, slow or failing. Both
// are remembered beside the actors, so an actor restarted after a change still gets it.
import type { Simulation } from '../../engine/simulation';
import type { NodeId } from '../../engine/types';
import { CLIENT_SCHEMAS, DEPENDENCIES, readClientConfig, type ClientConfig, type DependencyMode, type DependencyName } from './params';

export const CLIENT_ROLE = 'client';
export const DEPENDENCY_ROLE = 'dependency';

/** The client's settings in force: the last `configure`, or the scenario's params. */
export function currentConfig(sim: Simulation): ClientConfig {
  const stored = sim.world.labState.config as ClientConfig | undefined;
  return stored ?? readClientConfig(sim.world.config.params);
}

/** Each dependency's server id: A is the first server, B the second. */
export function dependencyNode(sim: Simulation, dependency: DependencyName): NodeId {
  return sim.world.nodeIds[DEPENDENCIES.indexOf(dependency)];
}

function clients(sim: Simulation): NodeId[] {
  return sim.world.roster[CLIENT_ROLE] ?? [];
}

function describeChange(change: Partial<ClientConfig>): string {
  return Object.entries(change).map(([key, value]) => `${key} = ${value}`).join(', ');
}

export function configure(sim: Simulation, action: Record<string, unknown>): void {
  const change: Partial<ClientConfig> = {};
  for (const key of Object.keys(CLIENT_SCHEMAS) as (keyof ClientConfig)[]) {
    if (action[key] !== undefined) (change as Record<string, unknown>)[key] = action[key];
  }
  const config = { ...currentConfig(sim), ...change };
  sim.world.labState.config = config;
  sim.record({ kind: 'control', tag: 'configure', text: `client settings: ${describeChange(change) || 'unchanged'}` });
  for (const id of clients(sim)) if (sim.world.nodes[id].up) pushConfig(sim, id, config);
}

export function setDependency(sim: Simulation, action: Record<string, unknown>): void {
  const dependency = action.dependency as DependencyName;
  const mode = action.mode as DependencyMode;
  const modes = { ...(sim.world.labState.modes as Record<string, DependencyMode> | undefined), [dependency]: mode };
  sim.world.labState.modes = modes;
  const node = dependencyNode(sim, dependency);
  sim.record({ kind: 'control', node, tag: 'set-dependency', text: `${dependency} (${node}) set to ${mode}` });
  if (sim.world.nodes[node]?.up) pushMode(sim, node, mode);
}

/** A restarted actor gets the settings changed while it was down. */
export function afterRestart(sim: Simulation, id: NodeId): void {
  if (clients(sim).includes(id) && sim.world.labState.config) pushConfig(sim, id, currentConfig(sim));
  const index = sim.world.nodeIds.indexOf(id);
  const modes = sim.world.labState.modes as Record<string, DependencyMode> | undefined;
  const mode = index >= 0 && index < DEPENDENCIES.length ? modes?.[DEPENDENCIES[index]] : undefined;
  if (mode) pushMode(sim, id, mode);
}

function pushConfig(sim: Simulation, id: NodeId, config: ClientConfig): void {
  const onControl = sim.protocolOf(id).onControl;
  if (onControl) sim.runHandler(id, (state, ctx) => onControl(state, { do: 'configure', config }, ctx));
}

function pushMode(sim: Simulation, id: NodeId, mode: DependencyMode): void {
  const onControl = sim.protocolOf(id).onControl;
  if (onControl) sim.runHandler(id, (state, ctx) => onControl(state, { do: 'set-mode', mode }, ctx));
}
