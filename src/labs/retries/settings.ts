// The retries lab's settings while a run goes on: the `configure` lab action changes them,
// remembers them beside the actors, adds clients when there are to be more than ever ran (fewer
// simply stop placing orders) and hands the settings to every client.
import type { Simulation } from '../../engine/simulation';
import type { NodeId } from '../../engine/types';
import { readConfig, type RetriesConfig } from './config';

export const CLIENT_ROLE = 'client';

/** The settings in force: the last `configure`, or the scenario's params. */
export function currentConfig(sim: Simulation): RetriesConfig {
  return (sim.world.labState.retries as RetriesConfig | undefined) ?? readConfig(sim.world.config.params);
}

export function describeConfig(config: RetriesConfig): string {
  const parts = [`${config.clients} clients`, config.policy];
  if (config.policy !== 'none' && config.policy !== 'immediate') parts.push(`base ${config.baseMs} ms, cap ${config.capMs} ms`);
  if (config.budgetPct > 0) parts.push(`retry budget ${config.budgetPct}%`);
  if (config.deadlineMs > 0) parts.push(`deadline ${config.deadlineMs} ms${config.propagateDeadline ? ' (propagated)' : ''}`);
  parts.push(config.idempotencyKey ? 'idempotency keys' : 'no idempotency keys');
  return parts.join(', ');
}

export function configure(sim: Simulation, action: Record<string, unknown>): void {
  const { name: _name, do: _do, at: _at, ...fields } = action;
  const config: RetriesConfig = { ...currentConfig(sim), ...(fields as Partial<RetriesConfig>) };
  sim.world.labState.retries = config;
  sim.record({ kind: 'control', tag: 'configure', text: `retries set to ${describeConfig(config)}` });
  const clients = sim.world.roster[CLIENT_ROLE] ?? [];
  for (let n = clients.length + 1; n <= config.clients; n++) sim.spawn({ id: `c${n}`, role: CLIENT_ROLE });
  for (const id of sim.world.roster[CLIENT_ROLE] ?? []) if (sim.world.nodes[id].up) pushConfig(sim, id, config);
}

/** A client back from a crash gets the settings in force, like any it missed while down. */
export function afterRestart(sim: Simulation, id: NodeId): void {
  if (sim.world.nodes[id].role === CLIENT_ROLE && sim.world.labState.retries) pushConfig(sim, id, currentConfig(sim));
}

function pushConfig(sim: Simulation, id: NodeId, config: RetriesConfig): void {
  const onControl = sim.protocolOf(id).onControl;
  if (onControl) sim.runHandler(id, (state, ctx) => onControl(state, { do: 'configure', config }, ctx));
}
