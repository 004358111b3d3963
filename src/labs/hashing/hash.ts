// The lab's 32-bit hash: FNV-1a over a string's UTF-8 bytes, then murmur3's finaliser (fmix32).
// FNV-1a alone leaves ids that differ only in their last byte ("n1"…"n9") close together on the
// ring; the finaliser spreads every input bit over the whole word. The stage's hash-ring layout
// uses the same construction, so a node drawn on the stage sits at its first token.

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function fnvByte(hash: number, byte: number): number {
  return Math.imul(hash ^ byte, FNV_PRIME) >>> 0;
}

/** FNV-1a over the UTF-8 encoding of `text` (encoded here: no TextEncoder needed in a worker or CLI). */
export function fnv1a(text: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    if (code > 0xffff) i++; // a surrogate pair is one code point
    if (code < 0x80) hash = fnvByte(hash, code);
    else if (code < 0x800) {
      hash = fnvByte(hash, 0xc0 | (code >> 6));
      hash = fnvByte(hash, 0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
      hash = fnvByte(hash, 0xe0 | (code >> 12));
      hash = fnvByte(hash, 0x80 | ((code >> 6) & 0x3f));
      hash = fnvByte(hash, 0x80 | (code & 0x3f));
    } else {
      hash = fnvByte(hash, 0xf0 | (code >> 18));
      hash = fnvByte(hash, 0x80 | ((code >> 12) & 0x3f));
      hash = fnvByte(hash, 0x80 | ((code >> 6) & 0x3f));
      hash = fnvByte(hash, 0x80 | (code & 0x3f));
    }
  }
  return hash >>> 0;
}

/** Murmur3's 32-bit finaliser: a bijection on 32-bit words with full avalanche. */
export function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/** A string's place on the ring: an unsigned 32-bit integer. */
export function hash32(text: string): number {
  return fmix32(fnv1a(text));
}

/** The ring is 2^32 positions; a position as a fraction of a turn, for drawing. */
export const RING_SPAN = 2 ** 32;

export function ringFraction(position: number): number {
  return position / RING_SPAN;
}
