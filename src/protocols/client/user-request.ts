// The person at the keyboard asks a node to perform an operation (the node menu's client write):
// a one-shot client actor beside that node invokes it, exactly as a workload client would.
import type { Simulation } from '../../engine/simulation';
import type { NodeId, Operation } from '../../engine/types';

/** The role one-shot clients run as (the lab maps it to the register client protocol). */
export const USER_ROLE = 'user';

export function userRequest(sim: Simulation, node: NodeId, op: Operation, clientId?: string): void {
  const id = clientId ?? `u${node.replace(/^\D+/, '')}`;
  const existed = Object.hasOwn(sim.world.nodes, id);
  if (!existed) sim.spawn({ id, role: USER_ROLE, home: node });
  const client = sim.world.nodes[id];
  if (!client.up) return sim.record({ kind: 'control', node: id, text: `request not sent: ${id} is down` });
  const protocol = sim.protocolOf(id);
  if (!protocol.onControl) return;
  // A request with no client named starts that node's one-shot client afresh: what it still
  // waited for is forgotten (a late reply or timeout records nothing), as v1 runs did. Keep it:
  // v1 share links with two quick clicks on one node replay to their trace hash only with it.
  const invoke = { do: 'invoke', op, target: node, fresh: existed && clientId === undefined };
  sim.runHandler(id, (state, ctx) => protocol.onControl!(state, invoke, ctx));
}
