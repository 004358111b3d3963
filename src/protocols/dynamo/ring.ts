// Where a key lives: the servers in ring order from the key's position, as consistent hashing
// places them (Dynamo §4.2, one token per server). The first N are its preference list; the rest
// are the fallbacks a sloppy quorum borrows, in order (§4.6).
import type { NodeId } from '../../engine/types';

/** The key's position on the ring: a small integer hash (FNV-1a), the same on every node. */
export function keyPosition(key: string, servers: number): number {
  return servers === 0 ? 0 : fnv1a(key) % servers;
}

export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** Every server in ring order starting at the key's position. */
export function ringFrom(key: string, servers: readonly NodeId[]): NodeId[] {
  const start = keyPosition(key, servers.length);
  return [...servers.slice(start), ...servers.slice(0, start)];
}

/** The key's N replicas. */
export function preferenceList(key: string, servers: readonly NodeId[], n: number): NodeId[] {
  return ringFrom(key, servers).slice(0, Math.max(0, n));
}

/** The servers after the preference list, in ring order. */
export function fallbacks(key: string, servers: readonly NodeId[], n: number): NodeId[] {
  return ringFrom(key, servers).slice(Math.max(0, n));
}
