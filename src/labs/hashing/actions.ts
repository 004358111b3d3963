// The lab's actions: add a node to the ring, take one out, change the placement settings. A node
// joins or leaves by announcing it itself (it must be up); settings are an operator's, handed to
// every live actor at once and to a restarted one when it is back.
import type { Simulation } from '../../engine/simulation';
import type { NodeId } from '../../engine/types';
import { currentSettings, declaredMembership, nodeIds, settingsChanges, type SettingsRecord } from './cluster';
import { membersOf } from './membership';
import { byIdNumber } from './placement';
import { describeChange, placementOfView } from './protocol';
import { describeSettings, LIMITS, readParams, sameSettings, type PlacementSettings } from './settings';

function control(sim: Simulation, id: NodeId, message: Record<string, unknown> & { do: string }): void {
  const onControl = sim.protocolOf(id).onControl;
  if (onControl) sim.runHandler(id, (state, ctx) => onControl(state, message, ctx));
}

/** The node an action names, or the one it means when it names none: the lowest-numbered live
 * node outside the ring to add, the highest-numbered live member to remove. */
function chooseNode(sim: Simulation, named: unknown, joining: boolean): NodeId | null {
  const ids = nodeIds(sim);
  if (typeof named === 'string' && named !== '') return ids.includes(named) ? named : null;
  const members = new Set(membersOf(declaredMembership(sim)));
  const candidates = ids.filter((id) => sim.world.nodes[id].up && members.has(id) !== joining).sort(byIdNumber);
  return (joining ? candidates[0] : candidates.at(-1)) ?? null;
}

export function changeMembership(sim: Simulation, action: Record<string, unknown>, joining: boolean): void {
  const id = chooseNode(sim, action.node, joining);
  const verb = joining ? 'add' : 'remove';
  if (id === null) {
    sim.record({ kind: 'control', tag: verb, text: typeof action.node === 'string' && action.node !== '' ? `no node ${action.node} to ${verb}` : `no live node to ${verb}` });
    return;
  }
  if (!sim.world.nodes[id].up) {
    sim.record({ kind: 'control', tag: verb, text: `${id} is down: restart it before it can ${joining ? 'join' : 'leave'} the ring` });
    return;
  }
  // A node that hears late of another's leaving could leave too: the operator keeps one member.
  if (!joining && membersOf(declaredMembership(sim)).every((member) => member === id)) {
    sim.record({ kind: 'control', tag: verb, text: `${id} stays: it is the last node of the ring` });
    return;
  }
  sim.record({ kind: 'control', tag: verb, text: `${id} asked to ${joining ? 'join' : 'leave'} the ring` });
  control(sim, id, { do: joining ? 'join' : 'leave' });
}

function clampSettings(settings: PlacementSettings): PlacementSettings {
  return {
    ...settings,
    vnodes: Math.max(1, Math.min(LIMITS.vnodes, Math.floor(settings.vnodes))),
    replicas: Math.max(1, Math.min(LIMITS.replicas, Math.floor(settings.replicas))),
  };
}

export function configure(sim: Simulation, action: Record<string, unknown>): void {
  const { name: _name, do: _do, at: _at, ...fields } = action;
  const current = currentSettings(sim);
  const settings = clampSettings({ ...current.settings, ...(fields as Partial<PlacementSettings>) });
  if (sameSettings(settings, current.settings)) return;
  const record: SettingsRecord = { settings, version: current.version + 1 };
  const membership = declaredMembership(sim);
  const keyCount = readParams(sim.world.config.params).keys;
  const change = describeChange('settings', null, sim.world.timeMs, placementOfView(membership, current.settings), placementOfView(membership, settings), keyCount, `placement set to ${describeSettings(settings)}`);
  sim.world.labState.hashing = record;
  sim.world.labState.hashingChanges = [...settingsChanges(sim), { ...change, before: current.settings }].slice(-12);
  sim.record({ kind: 'control', tag: 'configure', text: change.text });
  for (const id of sim.world.actorIds) if (sim.world.nodes[id].up) pushSettings(sim, id, record);
}

function pushSettings(sim: Simulation, id: NodeId, record: SettingsRecord): void {
  control(sim, id, { do: 'settings', settings: record.settings, version: record.version });
}

/** An actor back from a crash gets the settings in force, like any operator change it missed. */
export function afterRestart(sim: Simulation, id: NodeId): void {
  if (sim.world.labState.hashing) pushSettings(sim, id, currentSettings(sim));
}
