// Zipf-distributed key popularity: rank r (0-based) is chosen with weight 1/(r+1)^s, drawn with
// the actor's integer stream from a cumulative table; ranks are scrambled over the key space (as
// YCSB's scrambled Zipfian does), so popular keys are not neighbours.
import type { RandomSource } from '../../engine/types';

const tables = new Map<string, number[]>();
const SCALE = 1_000_000;

/** Cumulative integer weights of ranks 0…keys-1 (a pure function of its inputs, memoised). */
export function zipfTable(keys: number, skew: number): number[] {
  const id = `${keys}:${skew}`;
  const cached = tables.get(id);
  if (cached) return cached;
  const table: number[] = [];
  let total = 0;
  for (let r = 0; r < keys; r++) {
    total += Math.max(1, Math.round(SCALE / Math.pow(r + 1, skew)));
    table.push(total);
  }
  tables.set(id, table);
  return table;
}

export function drawRank(table: readonly number[], rng: RandomSource): number {
  const roll = rng.int(table[table.length - 1]);
  let lo = 0;
  let hi = table.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (table[mid] > roll) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** A multiplier coprime to `keys`, so rank → key is a permutation. */
function stride(keys: number): number {
  let m = Math.floor(keys * 0.618) | 1;
  while (gcd(m, keys) !== 1) m += 2;
  return m;
}

export function scrambledKey(rank: number, keys: number): number {
  // Rank 0 lands mid-way into the first eighth, not on a range boundary.
  return (rank * stride(keys) + Math.floor(keys / 8) + 7) % keys;
}
