// The lab's actions: `setAttack` switches what the attacker does, `protect` switches the nodes'
// MACs and sessions, while a run goes on. The settings are remembered beside the actors, so an actor restarted later learns
// them, as it would read an operator's configuration on boot.
import type { Simulation } from '../../engine/simulation';
import type { NodeId } from '../../engine/types';
import { settingsOf, trustParams, type TrustSettings } from './params';

export function currentSettings(sim: Simulation): TrustSettings {
  return (sim.world.labState.settings as TrustSettings | undefined) ?? settingsOf(trustParams(sim.world.config.params));
}

function push(sim: Simulation, id: NodeId, settings: TrustSettings): void {
  const onControl = sim.protocolOf(id).onControl;
  if (onControl && sim.world.nodes[id].up) sim.runHandler(id, (state, ctx) => onControl(state, { do: 'configure', settings }, ctx));
}

export function describeSettings(settings: TrustSettings): string {
  const attack = settings.attack === 'none' ? 'the router on n1–n2 forwards faithfully' : `the router on n1–n2 attacks: ${settings.attack}`;
  const auth = settings.auth === 'mac' ? 'packets carry a MAC' : 'packets carry no MAC';
  const replay = settings.replayProtection === 'nonce' ? 'sessions open with a challenge and number their packets' : 'no replay protection';
  return `${attack}; ${auth}; ${replay}`;
}

export function setAttack(sim: Simulation, action: Record<string, unknown>): void {
  configure(sim, { attack: action.attack });
}

export function protect(sim: Simulation, action: Record<string, unknown>): void {
  const change: Partial<TrustSettings> = {};
  if (typeof action.mac === 'boolean') change.auth = action.mac ? 'mac' : 'none';
  if (typeof action.sessions === 'boolean') change.replayProtection = action.sessions ? 'nonce' : 'none';
  configure(sim, change);
}

function configure(sim: Simulation, change: Record<string, unknown>): void {
  const settings = settingsOf(trustParams({ ...currentSettings(sim), ...change }));
  sim.world.labState.settings = settings;
  sim.record({ kind: 'control', tag: 'configure', text: describeSettings(settings), data: { ...settings } });
  for (const id of sim.world.actorIds) push(sim, id, settings);
}

/** An actor back from a crash gets the settings in force. */
export function afterRestart(sim: Simulation, id: NodeId): void {
  if (sim.world.labState.settings) push(sim, id, currentSettings(sim));
}
