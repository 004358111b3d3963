// Balls into bins, the result behind "power of two choices" (Azar, Broder, Karlin and Upfal, 1994):
// throw n balls into n bins, each ball into the least loaded of d bins chosen uniformly at random.
// With d = 1 the fullest bin ends with about ln n / ln ln n balls; with d ≥ 2, ln ln n / ln d + O(1)
// — an exponential improvement from one extra choice, and little more from a third.
import { Prng } from '../../engine/prng';

/** The fullest bin's load after `bins` balls, each placed in the least loaded of `choices` random
 * bins (ties to the first drawn). Typed arrays and integer draws: 100,000 bins take milliseconds. */
export function maxLoad(bins: number, choices: number, rng: Prng): number {
  const load = new Uint32Array(bins);
  let max = 0;
  for (let ball = 0; ball < bins; ball++) {
    let best = rng.int(bins);
    for (let c = 1; c < choices; c++) {
      const other = rng.int(bins);
      if (load[other] < load[best]) best = other;
    }
    const now = ++load[best];
    if (now > max) max = now;
  }
  return max;
}

export interface BallsRow {
  choices: number;
  bins: number;
  trials: number;
  /** The fullest bin's load, averaged over the trials. */
  maxLoad: number;
  /** Each trial's. */
  maxLoads: number[];
}

/** One row per choice count; trial t of every row draws from the stream `balls:<seed>:<t>`, so a
 * row does not depend on which other rows were asked for. */
export function ballsIntoBins(bins: number, choices: readonly number[], trials: number, seed: number): BallsRow[] {
  return choices.map((d) => {
    const maxLoads = Array.from({ length: trials }, (_, t) => maxLoad(bins, d, Prng.fromSeed(seed, `balls:${d}:${t}`)));
    return { choices: d, bins, trials, maxLoad: maxLoads.reduce((a, b) => a + b, 0) / trials, maxLoads };
  });
}
