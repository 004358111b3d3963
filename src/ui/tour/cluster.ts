// Questions a tour step asks of a frame about the cluster: which actors are the servers, which
// links are cut, who is cut off from a majority, and which groups a "partition a minority" makes.
// Generic: no lab's names, only roles, homes and cut links.
import type { Frame, NodeFrame } from '../../engine/frame';

function nodeNumber(id: string): number {
  const match = /(\d+)$/.exec(id);
  return match ? Number(match[1]) : Number.MAX_SAFE_INTEGER;
}

/** n2 before n10. */
export function byNodeNumber(a: string, b: string): number {
  return nodeNumber(a) - nodeNumber(b) || a.localeCompare(b);
}

/** The servers: frames list actors in the lab's role order, servers first, so the first actor's
 * role is the server role. */
export function serverNodes(frame: Frame): NodeFrame[] {
  const role = frame.nodes[0]?.role;
  return frame.nodes.filter((node) => node.role === role);
}

/** Actors that sit beside a server (clients on a server's machine), with that server. */
export function homedNodes(frame: Frame): NodeFrame[] {
  return frame.nodes.filter((node) => node.home !== null);
}

/** Frames list cut links; a listed link that says it is up is not cut. */
export function cutLinkKeys(frame: Frame): Set<string> {
  return new Set(frame.links.filter((link) => !link.up).map((link) => `${link.from}>${link.to}`));
}

export function hasCutLinks(frame: Frame): boolean {
  return frame.links.some((link) => !link.up);
}

/** Servers that cannot reach a majority of servers (counting themselves) over links up both
 * ways: the minority side of a partition. Empty when the network is whole. */
export function cutOffServers(frame: Frame): string[] {
  const cut = cutLinkKeys(frame);
  const ids = serverNodes(frame).map((node) => node.id);
  const majority = Math.floor(ids.length / 2) + 1;
  return ids.filter((id) => {
    const reachable = 1 + ids.filter((other) => other !== id && !cut.has(`${id}>${other}`) && !cut.has(`${other}>${id}`)).length;
    return reachable < majority;
  });
}

/** True while some servers are cut off from a majority. */
export function isPartitioned(frame: Frame): boolean {
  return cutOffServers(frame).length > 0;
}

/** The largest side that is still a minority: 2 of 5, 1 of 3, 3 of 7. */
export function minoritySize(serverCount: number): number {
  return Math.max(0, Math.floor((serverCount - 1) / 2));
}

/**
 * Groups for a partition whose minority side takes the `preferred` servers first (in the given
 * order, up to a minority), filled up with the lowest-numbered others: [[minority], [majority]].
 * Null when there are too few servers for a minority.
 */
export function minorityGroups(frame: Frame, preferred: readonly string[] = []): string[][] | null {
  const ids = serverNodes(frame)
    .map((node) => node.id)
    .sort(byNodeNumber);
  const size = minoritySize(ids.length);
  if (size === 0) return null;
  const minority: string[] = [];
  for (const id of [...preferred, ...ids]) {
    if (minority.length < size && ids.includes(id) && !minority.includes(id)) minority.push(id);
  }
  minority.sort(byNodeNumber);
  return [minority, ids.filter((id) => !minority.includes(id))];
}

/** "n1, n2" */
export function listIds(ids: readonly string[]): string {
  return [...ids].sort(byNodeNumber).join(', ');
}
