// FNV-1a, 32 bits: a cheap integrity check that a share link arrived whole and unaltered.
// It detects accidents (truncation, a mistyped character), not deliberate forgery.

const OFFSET_BASIS = 0x811c9dc5;
const PRIME = 0x01000193;

export function fnv1a32(...parts: readonly Uint8Array[]): number {
  let hash = OFFSET_BASIS;
  for (const part of parts) {
    for (let index = 0; index < part.length; index++) {
      hash ^= part[index];
      hash = Math.imul(hash, PRIME) >>> 0;
    }
  }
  return hash >>> 0;
}

export function uint32ToBytes(value: number): Uint8Array {
  return new Uint8Array([(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff]);
}

export function bytesToUint32(bytes: Uint8Array): number {
  return ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
}
