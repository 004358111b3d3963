// Who sends a key where when the placement changes. A node that leaves a key's preference list
// hands the key to the replicas that are new to it (or, with none new, has the first replica
// confirm it holds it); when nobody leaves the list, its old first replica copies the key to the
// new ones. A key is dropped only after a receiver that owns it acknowledged it: every drop
// follows an acknowledgement, so a key is never on no node.

/** The nodes `me` must send a key to, given its preference lists before and after. */
export function handoffTargets(me: string, before: readonly string[], after: readonly string[]): string[] {
  if (after.length === 0) return [];
  const fresh = after.filter((id) => id !== me && !before.includes(id));
  if (!after.includes(me)) return fresh.length > 0 ? fresh : [after[0]];
  if (!before.includes(me)) return fresh;
  const leavers = before.filter((id) => !after.includes(id));
  return leavers.length === 0 && before[0] === me ? fresh : [];
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
