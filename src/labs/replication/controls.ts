// The replication lab's operator controls: switch the mode, where reads go and fencing (each
// remembered beside the actors, so a node restarted later learns it), and promote a follower.
import type { Simulation } from '../../engine/simulation';
import type { NodeId } from '../../engine/types';
import { lastEpoch, lastIndex, primaryBackupParams, type PrimaryBackupState } from '../../protocols/primary-backup';

/** The lab-wide settings: the last switch's, or the scenario's. */
export function currentSettings(sim: Simulation): { mode: string; reads: string; fencing: boolean; failover: string } {
  const params = primaryBackupParams(sim.world.config.params);
  const lab = sim.world.labState;
  return {
    mode: typeof lab.mode === 'string' ? lab.mode : params.mode,
    reads: typeof lab.reads === 'string' ? lab.reads : params.reads,
    fencing: typeof lab.fencing === 'boolean' ? lab.fencing : params.fencing,
    failover: params.failover,
  };
}

function control(sim: Simulation, id: NodeId, action: { do: string; [field: string]: unknown }): void {
  const onControl = sim.protocolOf(id).onControl;
  if (onControl && sim.world.nodes[id].up) sim.runHandler(id, (state, ctx) => onControl(state, action, ctx));
}

function everyServer(sim: Simulation, action: { do: string; [field: string]: unknown }): void {
  for (const id of sim.world.nodeIds) control(sim, id, action);
}

export function setMode(sim: Simulation, action: Record<string, unknown>): void {
  const mode = String(action.mode);
  sim.world.labState.mode = mode;
  sim.record({ kind: 'control', tag: 'setMode', text: `replication switched to ${mode}`, data: { mode } });
  everyServer(sim, { do: 'setMode', mode });
}

export function setReads(sim: Simulation, action: Record<string, unknown>): void {
  const reads = String(action.reads);
  sim.world.labState.reads = reads;
  sim.record({ kind: 'control', tag: 'setReads', text: reads === 'followers' ? 'reads go to any node, followers included' : 'reads go to the primary', data: { reads } });
  everyServer(sim, { do: 'setReads', reads });
}

export function setFencing(sim: Simulation, action: Record<string, unknown>): void {
  const on = action.on === true;
  sim.world.labState.fencing = on;
  sim.record({ kind: 'control', tag: 'setFencing', text: on ? 'fencing on: epochs checked, primaries act only on a lease' : 'fencing off: an old primary keeps accepting writes', data: { on } });
  everyServer(sim, { do: 'setFencing', on });
}

/** Running servers that are not primary, most up to date first (the one a failover should pick). */
export function promotionCandidates(sim: Simulation): NodeId[] {
  return sim.world.nodeIds
    .filter((id) => sim.world.nodes[id].up && (sim.world.nodes[id].state as PrimaryBackupState | null)?.role !== 'primary')
    .map((id) => ({ id, state: sim.world.nodes[id].state as PrimaryBackupState }))
    .sort((a, b) => lastEpoch(b.state.log) - lastEpoch(a.state.log) || lastIndex(b.state.log) - lastIndex(a.state.log))
    .map((candidate) => candidate.id);
}

/** The operator promotes a node (by default the most up-to-date follower) in a new epoch. */
export function promote(sim: Simulation, action: Record<string, unknown>): void {
  const asked = typeof action.node === 'string' ? action.node : null;
  const candidates = promotionCandidates(sim);
  const id = asked ?? candidates[0] ?? null;
  if (id === null || !candidates.includes(id)) {
    sim.record({ kind: 'control', tag: 'promote', text: `promote skipped: ${id === null ? 'no running follower' : `${id} is not a running follower`}` });
    return;
  }
  const epochs = sim.world.nodeIds.filter((n) => sim.world.nodes[n].up).map((n) => (sim.world.nodes[n].state as PrimaryBackupState).epoch);
  const epoch = Math.max(...epochs) + 1;
  const entries = lastIndex((sim.world.nodes[id].state as PrimaryBackupState).log);
  sim.record({ kind: 'control', node: id, tag: 'promote', text: `operator promotes ${id} (${entries} entries) to primary of epoch ${epoch}`, data: { node: id, epoch } });
  control(sim, id, { do: 'promote', epoch });
}

/** A server restarted after switches it missed gets the current settings, like any operator setting. */
export function afterRestart(sim: Simulation, id: NodeId): void {
  if (!sim.isServer(id)) return;
  const { mode, reads, fencing } = currentSettings(sim);
  control(sim, id, { do: 'setMode', mode });
  control(sim, id, { do: 'setReads', reads });
  control(sim, id, { do: 'setFencing', on: fencing });
}
