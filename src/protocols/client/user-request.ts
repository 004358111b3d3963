// The person at the keyboard asks a node to perform an operation (the node menu's client write):
// a one-shot client actor beside that node invokes it, exactly as a workload client would.
import type { Simulation } from '../../engine/simulation';
import type { NodeId, Operation } from '../../engine/types';

/** The role one-shot clients run as (the lab maps it to the register client protocol). */
export const USER_ROLE = 'user';

export function userRequest(sim: Simulation, node: NodeId, op: Operation, clientId?: string): void {
  const id = clientId ?? `u${node.replace(/^\D+/, '')}`;
  if (!Object.hasOwn(sim.world.nodes, id)) sim.spawn({ id, role: USER_ROLE, home: node });
  const client = sim.world.nodes[id];
  if (!client.up) return sim.record({ kind: 'control', node: id, text: `request not sent: ${id} is down` });
  const protocol = sim.protocolOf(id);
  if (!protocol.onControl) return;
  const invoke = { do: 'invoke', op, target: node };
  sim.runHandler(id, (state, ctx) => protocol.onControl!(state, invoke, ctx));
}
