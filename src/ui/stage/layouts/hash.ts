// A stable 32-bit hash (FNV-1a, then murmur3's finaliser) and where it puts a key on the hash
// ring, so members and keys sit where consistent hashing really puts them. Labs import these to
// draw their keys and to decide ownership, so the picture and the protocol agree.

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over the UTF-8 bytes of `text`, as an unsigned 32-bit integer. */
export function fnv1a32(text: string): number {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, FNV_PRIME) >>> 0;
  }
  return hash >>> 0;
}

/** Murmur3's 32-bit finaliser: plain FNV-1a puts "n1"…"n9" within 4% of a turn of each other
 * (they differ only in the last byte), which would show a clump no real ring has. */
export function mix32(hash: number): number {
  let h = hash >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/** The ring position of a key or member id: a 32-bit integer. */
export function ringHash(key: string): number {
  return mix32(fnv1a32(key));
}

/** The key's place on the ring as a fraction of a turn, in [0, 1). */
export function hashFraction(key: string): number {
  return ringHash(key) / 2 ** 32;
}

/** The key's angle in radians in SVG axes: hash 0 at twelve o'clock, growing clockwise. */
export function hashAngle(key: string): number {
  return -Math.PI / 2 + 2 * Math.PI * hashFraction(key);
}

/** The point of `key` on a hash ring with this centre and radius. */
export function hashRingPoint(key: string, ring: { cx: number; cy: number; r: number }): { x: number; y: number } {
  const angle = hashAngle(key);
  return { x: ring.cx + ring.r * Math.cos(angle), y: ring.cy + ring.r * Math.sin(angle) };
}
