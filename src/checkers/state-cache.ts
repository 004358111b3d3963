// The set of (linearized operations, register state) pairs the search has already explored, as an
// open hash table over flat typed arrays: no per-entry objects, no bigint, no string keys.

export class StateCache {
  private readonly words: number;
  private count = 0;
  private capacity: number;
  private hashes: Int32Array;
  private states: Int32Array;
  private chain: Int32Array;
  private bits: Uint32Array;
  private buckets: Int32Array;
  private mask: number;

  constructor(words: number, initialCapacity = 1024) {
    this.words = words;
    this.capacity = initialCapacity;
    this.hashes = new Int32Array(initialCapacity);
    this.states = new Int32Array(initialCapacity);
    this.chain = new Int32Array(initialCapacity);
    this.bits = new Uint32Array(initialCapacity * words);
    this.buckets = new Int32Array(initialCapacity * 2).fill(-1);
    this.mask = initialCapacity * 2 - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Adds (bitset, state) unless present; returns whether it was added. */
  addIfAbsent(hash: number, state: number, bitset: Uint32Array): boolean {
    const words = this.words;
    for (let e = this.buckets[hash & this.mask]; e >= 0; e = this.chain[e]) {
      if (this.hashes[e] !== hash || this.states[e] !== state) continue;
      let same = true;
      const base = e * words;
      for (let w = 0; w < words; w++) {
        if (this.bits[base + w] !== bitset[w]) {
          same = false;
          break;
        }
      }
      if (same) return false;
    }
    if (this.count === this.capacity) this.grow();
    const e = this.count++;
    this.hashes[e] = hash;
    this.states[e] = state;
    this.bits.set(bitset, e * words);
    const bucket = hash & this.mask;
    this.chain[e] = this.buckets[bucket];
    this.buckets[bucket] = e;
    return true;
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    this.hashes = copyInto(new Int32Array(capacity), this.hashes);
    this.states = copyInto(new Int32Array(capacity), this.states);
    this.chain = new Int32Array(capacity);
    const bits = new Uint32Array(capacity * this.words);
    bits.set(this.bits);
    this.bits = bits;
    this.capacity = capacity;
    this.buckets = new Int32Array(capacity * 2).fill(-1);
    this.mask = capacity * 2 - 1;
    for (let e = 0; e < this.count; e++) {
      const bucket = this.hashes[e] & this.mask;
      this.chain[e] = this.buckets[bucket];
      this.buckets[bucket] = e;
    }
  }
}

function copyInto(target: Int32Array, source: Int32Array): Int32Array {
  target.set(source);
  return target;
}

/** murmur3's 32-bit finaliser: a cheap, well-mixed integer hash. */
export function mix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}
