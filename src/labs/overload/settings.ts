// The overload lab's actions while a run goes on: `configure` changes the clients' retry policy,
// budget and breaker and the servers' shedding and queue order; `slowDown` is the trigger by hand
// (every server slows down for a while). Both are remembered beside the actors, so a restarted
// actor learns the settings and the rest of a slowdown it missed.
import type { Simulation } from '../../engine/simulation';
import type { ControlAction, NodeId } from '../../engine/types';
import { describeSettings, pickSettings, readParams, type OverloadSettings } from './params';

export interface SlowdownWindow {
  fromMs: number;
  toMs: number;
  factor: number;
  /** The scenario's scheduled trigger, or one a person (or the tour) asked for. */
  scheduled: boolean;
}

/** The settings in force: the last `configure`, or the scenario's params. */
export function currentSettings(sim: Simulation): OverloadSettings {
  const stored = sim.world.labState.overload as OverloadSettings | undefined;
  return stored ?? pickSettings(readParams(sim.world.config.params));
}

/** When the settings last changed (0 if never). */
export function configuredAtMs(sim: Simulation): number {
  const at = sim.world.labState.configuredAtMs;
  return typeof at === 'number' ? at : 0;
}

/** Every slowdown of the run so far and still to come: the scheduled one and those asked for. */
export function slowdowns(sim: Simulation): SlowdownWindow[] {
  const { triggerAtMs, triggerForMs, slowdown } = readParams(sim.world.config.params);
  const scheduled: SlowdownWindow[] = triggerForMs > 0 && slowdown > 1 ? [{ fromMs: triggerAtMs, toMs: triggerAtMs + triggerForMs, factor: slowdown, scheduled: true }] : [];
  const asked = (sim.world.labState.slowdowns as SlowdownWindow[] | undefined) ?? [];
  return [...scheduled, ...asked].sort((a, b) => a.fromMs - b.fromMs);
}

export function configure(sim: Simulation, action: Record<string, unknown>): void {
  const { name: _name, do: _do, at: _at, ...fields } = action;
  const settings: OverloadSettings = { ...currentSettings(sim), ...(fields as Partial<OverloadSettings>) };
  sim.world.labState.overload = settings;
  sim.world.labState.configuredAtMs = sim.world.timeMs;
  sim.record({ kind: 'control', tag: 'configure', text: `overload settings: ${describeSettings(settings)}` });
  for (const id of sim.world.actorIds) if (sim.world.nodes[id].up) control(sim, id, { do: 'configure', settings });
}

export function slowDown(sim: Simulation, action: Record<string, unknown>): void {
  const factor = Number(action.factor);
  const forMs = Number(action.forMs);
  const window: SlowdownWindow = { fromMs: sim.world.timeMs, toMs: sim.world.timeMs + forMs, factor, scheduled: false };
  sim.world.labState.slowdowns = [...((sim.world.labState.slowdowns as SlowdownWindow[] | undefined) ?? []), window];
  sim.record({ kind: 'control', tag: 'slowDown', text: `every server slowed down ${factor}× for ${forMs} ms` });
  for (const id of sim.world.nodeIds) if (sim.world.nodes[id].up) control(sim, id, { do: 'slow', factor, forMs });
}

/** An actor back from a crash gets the settings in force and the rest of a slowdown by hand. */
export function afterRestart(sim: Simulation, id: NodeId): void {
  if (sim.world.labState.overload) control(sim, id, { do: 'configure', settings: currentSettings(sim) });
  if (!sim.isServer(id)) return;
  const now = sim.world.timeMs;
  const current = slowdowns(sim).filter((w) => !w.scheduled && w.fromMs <= now && now < w.toMs).at(-1);
  if (current) control(sim, id, { do: 'slow', factor: current.factor, forMs: current.toMs - now });
}

function control(sim: Simulation, id: NodeId, action: ControlAction): void {
  const onControl = sim.protocolOf(id).onControl;
  if (onControl) sim.runHandler(id, (state, ctx) => onControl(state, action, ctx));
}
