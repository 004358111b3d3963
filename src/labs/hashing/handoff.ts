// Who sends a key where when the placement changes. Every node holding the key sends it to the
// replicas new to its preference list (with R > 1 a new replica may get it from several: a
// duplicate is cheaper than trusting that a replica which should hold it really got it). A node
// that leaves the list and sees no new replica has the first replica confirm it holds the key.
// A key is dropped only after a receiver that owns it acknowledged it: every drop follows an
// acknowledgement, so a key is never on no node. Pushing can still miss a replica while views of
// the ring differ; repair.ts has such a replica ask for what it lacks.

/** The nodes `me` must send a key to, given its preference lists before and after. */
export function handoffTargets(me: string, before: readonly string[], after: readonly string[]): string[] {
  if (after.length === 0) return [];
  const fresh = after.filter((id) => id !== me && !before.includes(id));
  if (!after.includes(me)) return fresh.length > 0 ? fresh : [after[0]];
  return fresh;
}

/** Index of `key` in an ascending array, or −1. */
export function indexOfSorted(sorted: readonly number[], key: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo] === key ? lo : -1;
}

/** `sorted` with `keys` added, ascending and without repeats. */
export function withKeys(sorted: readonly number[], keys: readonly number[]): number[] {
  return [...new Set([...sorted, ...keys])].sort((a, b) => a - b);
}

export function withoutKeys(sorted: readonly number[], keys: ReadonlySet<number>): number[] {
  return sorted.filter((key) => !keys.has(key));
}
