// The set of (linearized operations, register state) pairs the search has already explored, as an
// open hash table over flat typed arrays: no per-entry objects, no bigint, no string keys.
//
// A linearized set is stored compactly: its leading all-ones words and trailing zero words are
// implied, so only the words of the window of concurrent operations take space. The table is
// bounded: when it would outgrow its limits it starts afresh, which only costs re-exploration
// (forgetting an explored pair never changes a verdict).

export interface StateCacheLimits {
  maxEntries: number;
  maxPoolWords: number;
}

/** About 100 MB at most. */
export const DEFAULT_CACHE_LIMITS: StateCacheLimits = { maxEntries: 4_000_000, maxPoolWords: 16_000_000 };

export class StateCache {
  private count = 0;
  private capacity: number;
  private hashes: Int32Array;
  private states: Int32Array;
  private leads: Int32Array;
  private ends: Int32Array;
  private offsets: Int32Array;
  private chain: Int32Array;
  private buckets: Int32Array;
  private mask: number;
  private pool: Uint32Array;
  private poolUsed = 0;
  /** How many times the table was emptied for being full. */
  resets = 0;

  constructor(
    initialCapacity = 1024,
    private readonly limits: StateCacheLimits = DEFAULT_CACHE_LIMITS,
  ) {
    this.capacity = initialCapacity;
    this.hashes = new Int32Array(initialCapacity);
    this.states = new Int32Array(initialCapacity);
    this.leads = new Int32Array(initialCapacity);
    this.ends = new Int32Array(initialCapacity);
    this.offsets = new Int32Array(initialCapacity);
    this.chain = new Int32Array(initialCapacity);
    this.buckets = new Int32Array(initialCapacity * 2).fill(-1);
    this.mask = initialCapacity * 2 - 1;
    this.pool = new Uint32Array(initialCapacity * 4);
  }

  get size(): number {
    return this.count;
  }

  /**
   * Adds (bitset, state) unless present; returns whether it was added. Words before `lead` are
   * all ones and words from `end` on are zero.
   */
  addIfAbsent(hash: number, state: number, bitset: Uint32Array, lead: number, end: number): boolean {
    const length = end > lead ? end - lead : 0;
    for (let e = this.buckets[hash & this.mask]; e >= 0; e = this.chain[e]) {
      if (this.hashes[e] !== hash || this.states[e] !== state || this.leads[e] !== lead || this.ends[e] !== end) continue;
      const offset = this.offsets[e];
      let same = true;
      for (let w = 0; w < length; w++) {
        if (this.pool[offset + w] !== bitset[lead + w]) {
          same = false;
          break;
        }
      }
      if (same) return false;
    }
    if (this.count >= this.limits.maxEntries || this.poolUsed + length > this.limits.maxPoolWords) this.clear();
    if (this.count === this.capacity) this.grow();
    if (this.poolUsed + length > this.pool.length) this.growPool(this.poolUsed + length);
    const e = this.count++;
    this.hashes[e] = hash;
    this.states[e] = state;
    this.leads[e] = lead;
    this.ends[e] = end;
    this.offsets[e] = this.poolUsed;
    this.pool.set(bitset.subarray(lead, lead + length), this.poolUsed);
    this.poolUsed += length;
    const bucket = hash & this.mask;
    this.chain[e] = this.buckets[bucket];
    this.buckets[bucket] = e;
    return true;
  }

  private clear(): void {
    this.count = 0;
    this.poolUsed = 0;
    this.buckets.fill(-1);
    this.resets++;
  }

  /** Empties the table for another search, keeping its arrays; costs as much as it holds. */
  reset(): void {
    for (let e = 0; e < this.count; e++) this.buckets[this.hashes[e] & this.mask] = -1;
    this.count = 0;
    this.poolUsed = 0;
    this.resets = 0;
  }

  /** Whether the table is small enough to keep for the next search. */
  get small(): boolean {
    return this.capacity <= SPARE_MAX_ENTRIES && this.pool.length <= SPARE_MAX_POOL_WORDS;
  }

  private growPool(needed: number): void {
    let size = this.pool.length * 2;
    while (size < needed) size *= 2;
    const pool = new Uint32Array(size);
    pool.set(this.pool.subarray(0, this.poolUsed));
    this.pool = pool;
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    const widen = (old: Int32Array): Int32Array => {
      const next = new Int32Array(capacity);
      next.set(old);
      return next;
    };
    this.hashes = widen(this.hashes);
    this.states = widen(this.states);
    this.leads = widen(this.leads);
    this.ends = widen(this.ends);
    this.offsets = widen(this.offsets);
    this.chain = new Int32Array(capacity);
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

// A search borrows a table and gives it back when done: allocating and zeroing a fresh one was a
// large part of checking a small history (live checks run every frame). Only small tables are
// kept, so a hard check's hundreds of megabytes are never held on to.
const SPARE_MAX_ENTRIES = 1 << 14;
const SPARE_MAX_POOL_WORDS = 1 << 16;
let spare: StateCache | null = null;

/** An empty table: the one a finished search gave back, or a new one. */
export function borrowStateCache(): StateCache {
  const cache = spare ?? new StateCache();
  spare = null;
  return cache;
}

/** Gives a table back once its search is over (and will never touch it again). */
export function giveBackStateCache(cache: StateCache): void {
  if (!cache.small) return;
  cache.reset();
  spare = cache;
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
