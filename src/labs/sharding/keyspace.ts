// Keys and where they sit. A key is an integer; its position is what the shard map partitions:
// under range partitioning the key itself (so neighbours stay together and new, larger keys land
// at the end), under hash partitioning a 16-bit hash of it (so neighbours scatter). The hot key's
// salted sub-keys get ids of their own, placed as a salt prefix would place them.
import type { Scheme } from './settings';

/** Positions of range partitioning run 0…RANGE_END-1 (keys are below it). */
export const RANGE_END = 2 ** 31;
/** Positions of hash partitioning run 0…HASH_END-1. */
export const HASH_END = 2 ** 16;
/** Sub-key j ≥ 1 of the hot key has id SALT_BASE + j (sub-key 0 is the hot key itself). */
export const SALT_BASE = 2 ** 30;

export function positionEnd(scheme: Scheme): number {
  return scheme === 'range' ? RANGE_END : HASH_END;
}

/** A 32-bit integer mix (the MurmurHash3 finaliser): every input bit moves every output bit. */
export function mix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The hot key: a mid-table key, so that it is nobody's first or last. */
export function hotKeyOf(keys: number): number {
  return Math.floor(keys / 3);
}

export function isSubKey(key: number): boolean {
  return key > SALT_BASE && key < SALT_BASE + 16;
}

/** The id of sub-key j of the hot key. */
export function subKey(hot: number, j: number): number {
  return j === 0 ? hot : SALT_BASE + j;
}

/** 0,4,2,6,1,5,3,7: sub-keys 0…k-1 of any k in 1, 2, 4, 8 fall in k evenly spaced eighths. */
function bitReverse3(j: number): number {
  return ((j & 1) << 2) | (j & 2) | ((j & 4) >> 2);
}

/** Where a key sits under a scheme. A salted sub-key sits, under range partitioning, where a salt
 * prefix puts it: a fixed eighth of the key space away from the hot key. */
export function positionOf(key: number, scheme: Scheme, keys: number, hot: number): number {
  if (scheme === 'hash') return mix32(key) >>> 16;
  if (!isSubKey(key)) return key;
  return (hot + bitReverse3(key - SALT_BASE) * Math.floor(keys / 8)) % keys;
}

export function keyName(key: number, hot: number): string {
  if (isSubKey(key)) return `k${hot}#${key - SALT_BASE}`;
  return `k${key}`;
}
