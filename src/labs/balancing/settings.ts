// The balancing lab's actions while a run goes on: `configure` switches the balancers' policy,
// health checks and outlier ejection; `slowServer` changes one server's speed; `failServer` makes
// one answer every request with an error (or repairs it). Each is remembered beside the actors, so
// a restarted actor learns what it missed, and the checks know since when a server has failed.
import type { Simulation } from '../../engine/simulation';
import type { ControlAction, NodeId } from '../../engine/types';
import { describeSettings, initialFactor, pickSettings, readParams, type BalancingSettings } from './params';

interface ServerFlags {
  /** Speed factors set by hand, by server. */
  factors: Record<string, number>;
  /** Failing servers, and since when (virtual ms). */
  failing: Record<string, number>;
}

export function currentSettings(sim: Simulation): BalancingSettings {
  return (sim.world.labState.balancing as BalancingSettings | undefined) ?? pickSettings(readParams(sim.world.config.params));
}

/** When the settings last changed (0 if never). */
export function configuredAtMs(sim: Simulation): number {
  const at = sim.world.labState.configuredAtMs;
  return typeof at === 'number' ? at : 0;
}

function flags(sim: Simulation): ServerFlags {
  return (sim.world.labState.servers as ServerFlags | undefined) ?? { factors: {}, failing: {} };
}

/** A server's speed factor: set by hand, or its starting one. */
export function serverFactor(sim: Simulation, id: NodeId): number {
  return flags(sim).factors[id] ?? initialFactor(readParams(sim.world.config.params), sim.world.nodeIds.indexOf(id));
}

/** Since when `id` has been failing by the `failServer` action, or null. */
export function failingSince(sim: Simulation, id: NodeId): number | null {
  return flags(sim).failing[id] ?? null;
}

export function configure(sim: Simulation, action: Record<string, unknown>): void {
  const { name: _name, do: _do, at: _at, ...fields } = action;
  const settings: BalancingSettings = { ...currentSettings(sim), ...(fields as Partial<BalancingSettings>) };
  sim.world.labState.balancing = settings;
  sim.world.labState.configuredAtMs = sim.world.timeMs;
  sim.record({ kind: 'control', tag: 'configure', text: `balancers: ${describeSettings(settings)}` });
  for (const id of sim.world.roster.balancer ?? []) if (sim.world.nodes[id].up) control(sim, id, { do: 'configure', settings });
}

/** The action's `server`, if the run has it; a name it lacks is recorded and ignored (a link made
 * with more servers than this run has). */
function knownServer(sim: Simulation, server: unknown, what: string): NodeId | null {
  if (typeof server === 'string' && sim.world.nodeIds.includes(server)) return server;
  sim.record({ kind: 'control', tag: what, text: `${what}: no server "${String(server)}" (servers are ${sim.world.nodeIds[0]}–${sim.world.nodeIds.at(-1)})` });
  return null;
}

export function slowServer(sim: Simulation, action: Record<string, unknown>): void {
  const id = knownServer(sim, action.server, 'slowServer');
  if (id === null) return;
  const factor = Number(action.factor);
  const current = flags(sim);
  sim.world.labState.servers = { ...current, factors: { ...current.factors, [id]: factor } };
  sim.record({ kind: 'control', tag: 'slowServer', text: factor > 1 ? `${id} slowed down: ${factor}× the service time` : `${id} back to full speed` });
  if (sim.world.nodes[id].up) control(sim, id, { do: 'slow', factor });
}

export function failServer(sim: Simulation, action: Record<string, unknown>): void {
  const id = knownServer(sim, action.server, 'failServer');
  if (id === null) return;
  const failing = action.failing !== false;
  const current = flags(sim);
  const rest = { ...current.failing };
  delete rest[id];
  sim.world.labState.servers = { ...current, failing: failing ? { ...rest, [id]: current.failing[id] ?? sim.world.timeMs } : rest };
  sim.record({ kind: 'control', tag: 'failServer', text: failing ? `${id} fails: every request it gets is answered with an error` : `${id} repaired` });
  if (sim.world.nodes[id].up) control(sim, id, { do: 'fail', failing });
}

/** An actor back from a crash learns the settings in force, its speed and whether it fails. */
export function afterRestart(sim: Simulation, id: NodeId): void {
  const role = sim.world.nodes[id].role;
  if (role === 'balancer' && sim.world.labState.balancing) control(sim, id, { do: 'configure', settings: currentSettings(sim) });
  if (!sim.isServer(id)) return;
  const f = flags(sim);
  if (f.factors[id] !== undefined) control(sim, id, { do: 'slow', factor: f.factors[id] });
  if (f.failing[id] !== undefined) control(sim, id, { do: 'fail', failing: true });
}

function control(sim: Simulation, id: NodeId, action: ControlAction): void {
  const onControl = sim.protocolOf(id).onControl;
  if (onControl) sim.runHandler(id, (state, ctx) => onControl(state, action, ctx));
}
