// The run as the lab sees it from outside the actors: each node's state (a crashed node's, from
// its disk), the ring as the nodes themselves declare it, and the settings in force.
import type { Simulation } from '../../engine/simulation';
import type { MemberEntry, Membership } from './membership';
import { NODE_ROLE, type ChangeRecord, type HashNodeState } from './protocol';
import { placementSettings, readParams, type PlacementSettings } from './settings';

/** A node's state, up or down (a crashed node's keys are on its disk). */
export function nodeState(sim: Simulation, id: string): HashNodeState | null {
  const record = sim.world.nodes[id];
  if (!record) return null;
  return ((record.up ? record.state : record.persisted) as HashNodeState | null) ?? null;
}

export function nodeIds(sim: Simulation): readonly string[] {
  return sim.world.roster[NODE_ROLE] ?? sim.world.nodeIds;
}

/** The ring as its nodes declare it: each node's own entry, which only it writes. */
export function declaredMembership(sim: Simulation): Membership {
  const out: Record<string, MemberEntry> = {};
  for (const id of nodeIds(sim)) {
    const entry = nodeState(sim, id)?.view[id];
    if (entry) out[id] = entry;
  }
  return out;
}

export interface SettingsRecord {
  settings: PlacementSettings;
  version: number;
}

/** The settings in force: the last `configure`, or the scenario's params. */
export function currentSettings(sim: Simulation): SettingsRecord {
  const stored = sim.world.labState.hashing as SettingsRecord | undefined;
  return stored ?? { settings: placementSettings(readParams(sim.world.config.params)), version: 0 };
}

/** Settings changes made with `configure`, oldest first. */
export function settingsChanges(sim: Simulation): ChangeRecord[] {
  return (sim.world.labState.hashingChanges as ChangeRecord[] | undefined) ?? [];
}
