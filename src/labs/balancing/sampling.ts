// Exponentially distributed delays from integer draws only: the inverse CDF at 64 equally likely
// slices, in thousandths of the mean (-ln(1 - i/64) · 1000, the last slice cut at 1/256), and a
// uniform point within the drawn slice. Memoryless arrivals and service times are what make a
// queue build up and drain at random, as in the queueing models the lab's results come from;
// integer tables keep every engine's draws identical (no Math.log at run time).
import type { RandomSource } from '../../engine/types';

const SLICE_EDGES = [
  0, 16, 32, 48, 65, 81, 98, 116, 134, 152, 170, 189, 208, 227, 247, 267, 288, 309, 330, 352, 375, 398, 421, 445, 470, 495, 521, 548, 575,
  604, 633, 662, 693, 725, 758, 792, 827, 863, 901, 940, 981, 1023, 1068, 1114, 1163, 1214, 1269, 1326, 1386, 1451, 1520, 1594, 1674, 1761,
  1856, 1962, 2079, 2213, 2367, 2549, 2773, 3060, 3466, 4159, 5545,
];

/** A delay with mean about `meanMs` (whole ms, at least 1), drawn from `rng`. */
export function exponentialMs(rng: RandomSource, meanMs: number): number {
  const slice = rng.int(64);
  const low = SLICE_EDGES[slice];
  const perMille = low + rng.int(SLICE_EDGES[slice + 1] - low);
  return Math.max(1, Math.round((perMille * meanMs) / 1000));
}
