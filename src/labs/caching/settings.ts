// The caching settings while a run goes on: `configure` changes strategy, TTL, invalidation and
// the guards, records the change (live checks start a fresh window there), remembers them beside
// the actors (so a restarted actor learns them) and hands them to every live actor. `flush`
// empties the cache by hand, as an operator would after changing how it is filled.
import type { Simulation } from '../../engine/simulation';
import type { NodeId } from '../../engine/types';
import { describeSettings, pickSettings, readParams, type CacheSettings } from './params';

export function currentSettings(sim: Simulation): CacheSettings {
  return (sim.world.labState.caching as CacheSettings | undefined) ?? pickSettings(readParams(sim.world.config.params));
}

/** When the settings last changed (0 if never). */
export function configuredAtMs(sim: Simulation): number {
  const at = sim.world.labState.configuredAtMs;
  return typeof at === 'number' ? at : 0;
}

export function configure(sim: Simulation, action: Record<string, unknown>): void {
  const { name: _name, do: _do, at: _at, ...fields } = action;
  const settings: CacheSettings = { ...currentSettings(sim), ...(fields as Partial<CacheSettings>) };
  sim.world.labState.caching = settings;
  sim.world.labState.configuredAtMs = sim.world.timeMs;
  sim.record({ kind: 'control', tag: 'configure', text: `caching: ${describeSettings(settings)}` });
  for (const id of sim.world.actorIds) if (sim.world.nodes[id].up) control(sim, id, { do: 'configure', settings });
}

export function flushCache(sim: Simulation): void {
  sim.record({ kind: 'control', tag: 'flush', text: 'the cache is emptied by hand' });
  for (const id of sim.world.roster.cache ?? []) if (sim.world.nodes[id].up) control(sim, id, { do: 'flush-all' });
}

/** An actor back from a crash gets the settings in force. */
export function afterRestart(sim: Simulation, id: NodeId): void {
  if (sim.world.labState.caching) control(sim, id, { do: 'configure', settings: currentSettings(sim) });
}

export function control(sim: Simulation, id: NodeId, action: { do: string; [field: string]: unknown }): void {
  const onControl = sim.protocolOf(id).onControl;
  if (onControl) sim.runHandler(id, (state, ctx) => onControl(state, action, ctx));
}
