// The broken baselines: a counter that sends its value and takes the maximum (concurrent
// increments collapse into one), and a plain set merged by union (a remove is undone by the next
// merge with a replica that still has the element). Both converge; neither keeps what users did.

export type NaiveCounter = number;

export const naiveCounterMerge = (a: NaiveCounter, b: NaiveCounter): NaiveCounter => Math.max(a, b);

export type NaiveSet = readonly string[];

export function naiveSetAdd(set: NaiveSet, element: string): NaiveSet {
  return set.includes(element) ? set : [...set, element].sort();
}

export function naiveSetRemove(set: NaiveSet, element: string): NaiveSet {
  return set.filter((e) => e !== element);
}

export function naiveSetMerge(a: NaiveSet, b: NaiveSet): NaiveSet {
  return [...new Set([...a, ...b])].sort();
}
