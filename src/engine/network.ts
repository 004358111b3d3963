// The simulated network: directed links that are up or cut, partitions as groups, a latency range
// and loss/duplication ratios. Clients sit beside the node they are attached to, so a client's
// messages travel over that node's links.
import type { EndpointId, NodeId } from './types';

export interface NetworkState {
  /** Cut directed links, as "from>to" keys; every other link is up. Replaced, never changed in
   * place, so what a reader derives from it can be cached by its identity (see cut-matrix.ts). */
  cut: Record<string, true>;
  latencyMs: [number, number];
  dropPpm: number;
  duplicatePpm: number;
}

export function linkKey(from: NodeId, to: NodeId): string {
  return `${from}>${to}`;
}

export function isLinkUp(network: NetworkState, from: NodeId, to: NodeId): boolean {
  return from === to || network.cut[linkKey(from, to)] !== true;
}

/** Whether every link is up: most of a run has no cut, and this spares building two "from>to"
 * keys per message. Read from the record itself, so a cut made any way is seen. */
export function noLinkCut(network: NetworkState): boolean {
  for (const _ in network.cut) return false;
  return true;
}

export function cutLink(network: NetworkState, from: NodeId, to: NodeId, oneWay: boolean): void {
  const cut = { ...network.cut, [linkKey(from, to)]: true as const };
  if (!oneWay) cut[linkKey(to, from)] = true;
  network.cut = cut;
}

export function healLink(network: NetworkState, from: NodeId, to: NodeId, oneWay: boolean): void {
  const cut = { ...network.cut };
  delete cut[linkKey(from, to)];
  if (!oneWay) delete cut[linkKey(to, from)];
  network.cut = cut;
}

export function healAll(network: NetworkState): void {
  network.cut = {};
}

/** Cuts every link between nodes of different groups (both ways); nodes in no group are
 * isolated from every group. Links inside a group are healed. */
export function partition(network: NetworkState, nodes: NodeId[], groups: NodeId[][]): void {
  const groupOf = new Map<NodeId, number>();
  groups.forEach((group, index) => group.forEach((id) => groupOf.set(id, index)));
  const cut: Record<string, true> = {};
  for (const a of nodes) {
    for (const b of nodes) {
      if (a === b) continue;
      const ga = groupOf.get(a) ?? -1 - nodes.indexOf(a);
      const gb = groupOf.get(b) ?? -1 - nodes.indexOf(b);
      if (ga !== gb) cut[linkKey(a, b)] = true;
    }
  }
  network.cut = cut;
}

/** Where an endpoint is on the network: a node is where it is; a client is at its node. */
export function locationOf(endpoint: EndpointId, clientHome: Record<string, NodeId>): NodeId {
  return clientHome[endpoint] ?? endpoint;
}
