// Page-address flags and the seed and cluster-size bounds the controls use (share links carry the run itself).

export const SEED_DEFAULT = 1;
export const SEED_MAX = 0xffffffff;
export const NODES_MIN = 3;
export const NODES_MAX = 9;
export const NODES_DEFAULT = 5;

export function isValidSeed(seed: number): boolean {
  return Number.isInteger(seed) && seed >= 0 && seed <= SEED_MAX;
}

export function clampNodes(nodes: number): number {
  if (!Number.isFinite(nodes)) return NODES_DEFAULT;
  return Math.min(NODES_MAX, Math.max(NODES_MIN, Math.round(nodes)));
}

/** `?autoplay=0` (or `false`) starts paused; anything else plays once the worker is ready. */
export function readAutoplay(search: string): boolean {
  const value = new URLSearchParams(search).get('autoplay');
  return value === null || !/^(0|false|no|off)$/i.test(value);
}

/** A fresh seed for the "New seed" button: small enough to read aloud, never the current one. */
export function nextRandomSeed(current: number, random: () => number = Math.random): number {
  for (let attempt = 0; attempt < 8; attempt++) {
    const seed = 1 + Math.floor(random() * 999_999);
    if (seed !== current) return seed;
  }
  return current + 1;
}
