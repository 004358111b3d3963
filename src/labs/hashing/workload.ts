// Which key a client asks for next: uniformly, Zipf-skewed (rank r drawn with weight 1/r, the
// shape of real key popularity), or one hot key taking half of all requests. Integer draws from
// the client's seeded stream only.
import type { RandomSource } from '../../engine/types';
import type { Access } from './settings';

/** The share of requests the hot key takes, in percent. */
export const HOT_SHARE_PERCENT = 50;
const ZIPF_SCALE = 1_000_000;

const zipfCache = new Map<number, number[]>();

/** Cumulative Zipf weights (s = 1) over `count` keys: key i has weight ⌊10⁶ / (i + 1)⌋. */
function zipfCumulative(count: number): number[] {
  let cumulative = zipfCache.get(count);
  if (!cumulative) {
    cumulative = [];
    let total = 0;
    for (let i = 0; i < count; i++) cumulative.push((total += Math.floor(ZIPF_SCALE / (i + 1))));
    if (zipfCache.size > 8) zipfCache.clear();
    zipfCache.set(count, cumulative);
  }
  return cumulative;
}

export function pickKey(access: Access, count: number, rng: RandomSource): number {
  if (count <= 1) return 0;
  if (access === 'hot') return rng.int(100) < HOT_SHARE_PERCENT ? 0 : rng.int(count);
  if (access === 'uniform') return rng.int(count);
  const cumulative = zipfCumulative(count);
  const roll = rng.int(cumulative[cumulative.length - 1]);
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid] > roll) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
