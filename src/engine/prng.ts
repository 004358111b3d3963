// Seeded, integer-only pseudo-random numbers: xoshiro128** seeded through splitmix32, one
// independent stream per subsystem so that turning one knob does not reshuffle every other draw.
// Integer arithmetic only (Math.imul, shifts): results are identical on every JavaScript engine.

export interface PrngState {
  s0: number;
  s1: number;
  s2: number;
  s3: number;
}

/** splitmix32: turns any 32-bit seed into a well-mixed sequence, used only for seeding. */
function splitmix32(state: { x: number }): number {
  state.x = (state.x + 0x9e3779b9) | 0;
  let z = state.x;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** FNV-1a over a string: names a stream ("network", "node:n3") as a 32-bit number. */
export function hashString32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function seedState(seed: number, stream: string): PrngState {
  const mixer = { x: (seed ^ hashString32(stream)) | 0 };
  const state = { s0: splitmix32(mixer), s1: splitmix32(mixer), s2: splitmix32(mixer), s3: splitmix32(mixer) };
  if ((state.s0 | state.s1 | state.s2 | state.s3) === 0) state.s0 = 1; // xoshiro must not be all zero
  return state;
}

/** xoshiro128** next(): a uniformly distributed unsigned 32-bit integer. */
export function nextUint32(state: PrngState): number {
  const result = Math.imul(rotl(Math.imul(state.s1, 5), 7), 9) >>> 0;
  const t = state.s1 << 9;
  state.s2 ^= state.s0;
  state.s3 ^= state.s1;
  state.s1 ^= state.s2;
  state.s0 ^= state.s3;
  state.s2 ^= t;
  state.s3 = rotl(state.s3, 11);
  return result;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** A stream: a thin object over a plain state, so the state itself can be checkpointed. */
export class Prng {
  constructor(readonly state: PrngState) {}

  static fromSeed(seed: number, stream: string): Prng {
    return new Prng(seedState(seed, stream));
  }

  uint32(): number {
    return nextUint32(this.state);
  }

  /** Uniform integer in [0, bound), bound ≤ 2^32, without modulo bias (Lemire's method). */
  int(bound: number): number {
    if (!Number.isInteger(bound) || bound <= 0 || bound > 0x100000000) {
      throw new RangeError(`Prng.int: bound must be an integer in 1..2^32, got ${bound}`);
    }
    const threshold = (0x100000000 - bound) % bound;
    for (;;) {
      const r = this.uint32();
      if (r >= threshold) return r % bound;
    }
  }

  /** Uniform integer in [min, max]. */
  rangeInclusive(min: number, max: number): number {
    if (max < min) throw new RangeError(`Prng.rangeInclusive: max ${max} < min ${min}`);
    return min + this.int(max - min + 1);
  }

  /** True with probability ratioPpm / 1,000,000 (ratios as parts per million keep it integer). */
  chancePpm(ratioPpm: number): boolean {
    if (ratioPpm <= 0) return false;
    if (ratioPpm >= 1_000_000) return true;
    return this.int(1_000_000) < ratioPpm;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Prng.pick: empty list');
    return items[this.int(items.length)];
  }

  /** Fisher–Yates, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}

/** Converts a ratio in [0, 1] to parts per million once, at the edge, so the core draws integers. */
export function ratioToPpm(ratio: number): number {
  return Math.max(0, Math.min(1_000_000, Math.round(ratio * 1_000_000)));
}
