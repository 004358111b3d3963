// OR-Set, observed-remove set (Shapiro et al. §3.3.5): each add tags the element uniquely; a
// remove tombstones the tags it has observed. An add concurrent with a remove carries a tag the
// remove never saw, so it survives: add wins.

export interface OrSet {
  /** element → its add tags, sorted. */
  adds: Readonly<Record<string, readonly string[]>>;
  /** Removed tags, sorted. */
  removed: readonly string[];
}

export const orSetEmpty = (): OrSet => ({ adds: {}, removed: [] });

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}

export function orSetAdd(set: OrSet, element: string, tag: string): OrSet {
  return { adds: sortedRecord({ ...set.adds, [element]: union(set.adds[element] ?? [], [tag]) }), removed: set.removed };
}

/** Removes the element as this replica sees it: tombstones every tag of it observed here. */
export function orSetRemove(set: OrSet, element: string): OrSet {
  const tags = set.adds[element] ?? [];
  return tags.length === 0 ? set : { adds: set.adds, removed: union(set.removed, tags) };
}

export function orSetMerge(a: OrSet, b: OrSet): OrSet {
  const adds: Record<string, readonly string[]> = { ...a.adds };
  for (const [element, tags] of Object.entries(b.adds)) adds[element] = union(adds[element] ?? [], tags);
  return { adds: sortedRecord(adds), removed: union(a.removed, b.removed) };
}

export function orSetHas(set: OrSet, element: string): boolean {
  const removed = new Set(set.removed);
  return (set.adds[element] ?? []).some((tag) => !removed.has(tag));
}

export function orSetValue(set: OrSet): string[] {
  return Object.keys(set.adds).filter((element) => orSetHas(set, element)).sort();
}

function sortedRecord<T>(record: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of Object.keys(record).sort()) out[key] = record[key];
  return out;
}
