// The search's call and return entries in event order, without a comparator sort (calling a
// closure thousands of times dominated the set-up of small checks). Event indices are distinct
// integers, so when they are dense (one part of a history: a key's events, or all of them) each
// entry drops into a bucket by index; otherwise each index is packed with its entry's position
// into one float and a typed array's native numeric sort orders them.

/** Entry positions must fit below this (4M entries, 2M operations) to be packed beside an index. */
const POSITION_SPACE = 2 ** 22;
/** Event indices below this keep index × POSITION_SPACE + position exact in a double (< 2^53). */
const INDEX_LIMIT = 2 ** 31;
/** Buckets are used when the span of indices is at most this many times the number of entries. */
const DENSE_SPAN = 4;

export interface EntryTimes {
  count: number;
  callIndex: Float64Array;
  /** Infinity: no return entry. */
  returnIndex: Float64Array;
}

/**
 * Entries 0..n-1 are calls (entry i is operation i), n+i the return of operation i (only when
 * its return index is finite), in increasing event index; equal indices keep the order call 0,
 * return 0, call 1, return 1… (as a stable sort of that list would).
 */
export function orderEntries(ops: EntryTimes): Int32Array {
  const entries = listEntries(ops);
  if (entries.length === 0) return entries;
  const times = new Float64Array(entries.length);
  let low = Infinity;
  let high = -Infinity;
  let packable = entries.length < POSITION_SPACE;
  for (let p = 0; p < entries.length; p++) {
    const time = (times[p] = timeOf(ops, entries[p]));
    if (time < low) low = time;
    if (time > high) high = time;
    packable &&= Number.isInteger(time) && time >= 0 && time < INDEX_LIMIT;
  }
  if (!packable) return sortByComparator(entries, times);
  if (high - low <= DENSE_SPAN * entries.length) {
    const order = byBuckets(entries, times, low, high);
    if (order) return order;
  }
  return byPackedKeys(entries, times);
}

/** Entries in the order call 0, return 0, call 1, return 1… */
function listEntries(ops: EntryTimes): Int32Array {
  const n = ops.count;
  let size = n;
  for (let i = 0; i < n; i++) if (ops.returnIndex[i] !== Infinity) size++;
  const entries = new Int32Array(size);
  let p = 0;
  for (let i = 0; i < n; i++) {
    entries[p++] = i;
    if (ops.returnIndex[i] !== Infinity) entries[p++] = n + i;
  }
  return entries;
}

function timeOf(ops: EntryTimes, entry: number): number {
  return entry < ops.count ? ops.callIndex[entry] : ops.returnIndex[entry - ops.count];
}

/** Null when two entries share an index (never in a paired history): the sort keeps their order. */
function byBuckets(entries: Int32Array, times: Float64Array, low: number, high: number): Int32Array | null {
  const buckets = new Int32Array(high - low + 1).fill(-1);
  for (let p = 0; p < entries.length; p++) {
    const bucket = times[p] - low;
    if (buckets[bucket] >= 0) return null;
    buckets[bucket] = entries[p];
  }
  const order = new Int32Array(entries.length);
  let k = 0;
  for (let b = 0; b < buckets.length; b++) if (buckets[b] >= 0) order[k++] = buckets[b];
  return order;
}

function byPackedKeys(entries: Int32Array, times: Float64Array): Int32Array {
  const keys = new Float64Array(entries.length);
  for (let p = 0; p < entries.length; p++) keys[p] = times[p] * POSITION_SPACE + p;
  keys.sort();
  const order = new Int32Array(entries.length);
  for (let k = 0; k < keys.length; k++) {
    // Dividing by a power of two is exact, so this recovers the position without fmod.
    const position = keys[k] - Math.floor(keys[k] / POSITION_SPACE) * POSITION_SPACE;
    order[k] = entries[position];
  }
  return order;
}

/** For indices that cannot be packed (fractional, negative or huge): a stable comparator sort. */
function sortByComparator(entries: Int32Array, times: Float64Array): Int32Array {
  const positions = Array.from(entries.keys()).sort((x, y) => times[x] - times[y]); // stable
  return Int32Array.from(positions, (p) => entries[p]);
}
