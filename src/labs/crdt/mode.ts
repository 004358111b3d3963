// The CRDT lab's actions: a user's operation on one replica, and a switch of the replicated type
// (every replica starts afresh in a new epoch; one restarted later catches up on the switch).
import type { Simulation } from '../../engine/simulation';
import type { NodeId } from '../../engine/types';
import type { CrdtKind } from '../../protocols/crdt/index';
import { crdtParams } from './params';
import type { ReplicaState } from './replica';

export function currentType(sim: Simulation): CrdtKind {
  const type = sim.world.labState.type;
  return typeof type === 'string' ? (type as CrdtKind) : crdtParams(sim.world.config.params).type;
}

export function currentEpoch(sim: Simulation): number {
  const epoch = sim.world.labState.epoch;
  return typeof epoch === 'number' ? epoch : 0;
}

function control(sim: Simulation, id: NodeId, action: { do: string; [field: string]: unknown }): void {
  const onControl = sim.protocolOf(id).onControl;
  if (onControl) sim.runHandler(id, (state, ctx) => onControl(state, action, ctx));
}

export function opAction(sim: Simulation, action: Record<string, unknown>): void {
  const node = action.node;
  if (typeof node !== 'string' || !sim.isServer(node) || !sim.world.nodes[node].up) {
    return sim.record({ kind: 'control', text: `operation on ${String(node)} skipped: no such replica up` });
  }
  control(sim, node, { do: 'op', op: action.op, element: action.element ?? 'a' });
}

export function setType(sim: Simulation, action: Record<string, unknown>): void {
  const type = String(action.type) as CrdtKind;
  const epoch = currentEpoch(sim) + 1;
  sim.world.labState.type = type;
  sim.world.labState.epoch = epoch;
  sim.record({ kind: 'control', tag: 'setType', text: `every replica starts afresh as a ${type}`, data: { type } });
  for (const id of sim.world.nodeIds) if (sim.world.nodes[id].up) control(sim, id, { do: 'setType', type, epoch });
}

/** A replica restarted after a switch it missed starts afresh in the current type. */
export function afterRestart(sim: Simulation, id: NodeId): void {
  const state = sim.world.nodes[id].state as ReplicaState | null;
  if (sim.isServer(id) && state && state.epoch !== currentEpoch(sim)) control(sim, id, { do: 'setType', type: currentType(sim), epoch: currentEpoch(sim) });
}
