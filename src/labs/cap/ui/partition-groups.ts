// Which nodes the "partition minority" helper cuts off, and which side of a cut each node is on.
import type { LinkFrame, NodeFrame } from '../../../engine/frame';
import type { AttachedActor } from '../../../ui/frame-views';

/** The largest side that is still a minority: 2 of 5, 1 of 3, 3 of 7. */
export function minoritySize(nodeCount: number): number {
  return Math.max(0, Math.floor((nodeCount - 1) / 2));
}

function nodeNumber(id: string): number {
  const match = /(\d+)$/.exec(id);
  return match ? Number(match[1]) : Number.MAX_SAFE_INTEGER;
}

function byNumber(a: string, b: string): number {
  return nodeNumber(a) - nodeNumber(b) || a.localeCompare(b);
}

/**
 * Groups for a partition that puts the workload clients' home nodes on a minority side (first
 * come, first served, up to a minority), filled up with the lowest-numbered nodes: for five nodes
 * and clients at n1 and n2, [[n1, n2], [n3, n4, n5]]. Null when there is no minority to make.
 */
export function minorityGroups(nodes: readonly Pick<NodeFrame, 'id'>[], clients: readonly AttachedActor[] = []): string[][] | null {
  const ids = nodes.map((node) => node.id).sort(byNumber);
  const size = minoritySize(ids.length);
  if (size === 0) return null;
  const minority: string[] = [];
  const workload = clients.filter((client) => /^c\d+$/.test(client.id)).sort((a, b) => byNumber(a.id, b.id));
  for (const client of workload) {
    if (minority.length < size && ids.includes(client.attachedTo) && !minority.includes(client.attachedTo)) minority.push(client.attachedTo);
  }
  for (const id of ids) if (minority.length < size && !minority.includes(id)) minority.push(id);
  minority.sort(byNumber);
  return [minority, ids.filter((id) => !minority.includes(id))];
}

/**
 * The nodes that cannot reach a majority (counting themselves) over links that are up both ways:
 * the minority side of a partition. Empty when the network is whole. `links` lists the cut ones.
 */
export function minorityNodes(nodes: readonly Pick<NodeFrame, 'id'>[], links: readonly LinkFrame[]): Set<string> {
  const cut = new Set(links.filter((link) => !link.up).map((link) => `${link.from}>${link.to}`));
  const ids = nodes.map((node) => node.id);
  const majority = Math.floor(ids.length / 2) + 1;
  const result = new Set<string>();
  for (const id of ids) {
    const reachable = 1 + ids.filter((other) => other !== id && !cut.has(`${id}>${other}`) && !cut.has(`${other}>${id}`)).length;
    if (reachable < majority) result.add(id);
  }
  return result;
}
