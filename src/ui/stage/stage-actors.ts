// The layout input from a frame, as a string key: frames arrive many times a second, but the
// actors (ids, roles, homes) rarely change, so the layout is recomputed only when the key does.
import type { NodeFrame } from '../../engine/frame';
import type { StageActor } from './layouts/types';

export function actorsKey(nodes: readonly Pick<NodeFrame, 'id' | 'role' | 'home'>[]): string {
  return JSON.stringify(nodes.map((node) => [node.id, node.role, node.home ?? null]));
}

export function actorsFromKey(key: string): StageActor[] {
  return (JSON.parse(key) as [string, string, string | null][]).map(([id, role, home]) => ({ id, role, home }));
}

/** "Cluster of 5 nodes" or "Cluster of 5 nodes and 3 other actors". */
export function stageName(nodes: readonly Pick<NodeFrame, 'role'>[]): string {
  const firstRole = nodes[0]?.role;
  const members = nodes.filter((node) => node.role === firstRole).length;
  const others = nodes.length - members;
  const base = `Cluster of ${members} node${members === 1 ? '' : 's'}`;
  return others === 0 ? base : `${base} and ${others} other actor${others === 1 ? '' : 's'}`;
}
