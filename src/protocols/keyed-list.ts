// Lists that grow with a run and are searched by key on nearly every step: a broker's queue
// (is this message still queued?), its dead letters, a subscriber's unacknowledged messages.
// Copying and scanning such a list on every event made each event cost the list's length, and a
// list that grows while consumers are down made a long run quadratic. These are written in place
// by the line of states that owns them (see owned-record), with a hidden count of items per key
// beside the array. The count is not part of the state: a clone (a checkpoint) or a list built
// elsewhere has none, and it is rebuilt when the list is first written.
import { hide } from './owned-record';

export interface KeyedList<T, K> {
  /** Whether an item with `key` is in the list. */
  has(list: readonly T[], key: K): boolean;
  /** The list with `item` at its end. */
  push(list: readonly T[], item: T): T[];
  /** The list with `items` first, in their order. */
  pushFront(list: readonly T[], items: readonly T[]): T[];
  /** Takes the first item off the list (which must not be empty). */
  shift(list: readonly T[]): { item: T; list: T[] };
  /** The list without its items with `key`. */
  without(list: readonly T[], key: K): T[];
  /** The list with the item at `index` replaced. */
  replace(list: readonly T[], index: number, item: T): T[];
}

export function keyedList<T, K>(keyOf: (item: T) => K): KeyedList<T, K> {
  // One symbol per kind of list: two key functions never share a count.
  const COUNTS: unique symbol = Symbol('counts-by-key');
  type Counted = T[] & { [COUNTS]?: Map<K, number> };

  const count = (counts: Map<K, number>, key: K, by: number): void => {
    const n = (counts.get(key) ?? 0) + by;
    if (n === 0) counts.delete(key);
    else counts.set(key, n);
  };

  const owned = (list: readonly T[]): Counted & { [COUNTS]: Map<K, number> } => {
    const counted = list as Counted;
    if (counted[COUNTS] !== undefined && Object.isExtensible(list)) return counted as Counted & { [COUNTS]: Map<K, number> };
    const copy: Counted = list.slice();
    const counts = new Map<K, number>();
    for (const item of copy) count(counts, keyOf(item), 1);
    hide(copy, COUNTS, counts);
    return copy as Counted & { [COUNTS]: Map<K, number> };
  };

  /** The index of the item with `key` (which is in the list), searching from both ends. */
  const indexOfKey = (list: readonly T[], key: K): number => {
    for (let front = 0, back = list.length - 1; front <= back; front++, back--) {
      if (keyOf(list[front]) === key) return front;
      if (keyOf(list[back]) === key) return back;
    }
    return -1;
  };

  const has = (list: readonly T[], key: K): boolean => {
    const counts = (list as Counted)[COUNTS];
    return counts !== undefined ? counts.has(key) : list.some((item) => keyOf(item) === key);
  };

  return {
    has,
    push(list, item) {
      const next = owned(list);
      next.push(item);
      count(next[COUNTS], keyOf(item), 1);
      return next;
    },
    pushFront(list, items) {
      if (items.length === 0) return list as T[];
      const next = owned(list);
      next.splice(0, 0, ...items);
      for (const item of items) count(next[COUNTS], keyOf(item), 1);
      return next;
    },
    shift(list) {
      const next = owned(list);
      const item = next.shift() as T;
      count(next[COUNTS], keyOf(item), -1);
      return { item, list: next };
    },
    without(list, key) {
      if (!has(list, key)) return list as T[];
      const next = owned(list);
      const counts = next[COUNTS];
      if (counts.get(key) === 1) {
        // The usual case, one item: found from whichever end it is nearer (acknowledgements come
        // for the oldest messages and for the newest), then cut out natively.
        next.splice(indexOfKey(next, key), 1);
      } else {
        let kept = 0;
        for (const item of next) if (keyOf(item) !== key) next[kept++] = item;
        next.length = kept;
      }
      counts.delete(key);
      return next;
    },
    replace(list, index, item) {
      const next = owned(list);
      count(next[COUNTS], keyOf(next[index]), -1);
      next[index] = item;
      count(next[COUNTS], keyOf(item), 1);
      return next;
    },
  };
}
