// A shard's keys, kept in chunks of 32 neighbouring ids: a write copies one small chunk and the
// chunk index, not the whole table (handlers are copy-on-write), and an invariant can skip the
// chunks whose object did not change since it last looked.
export interface Entry {
  value: number;
  /** Writes applied to this key so far, wherever they were applied: it only grows. */
  ver: number;
}

export type Store = Record<number, Record<number, Entry>>;

const chunkOf = (key: number) => Math.floor(key / 32);

export function getEntry(store: Store, key: number): Entry | undefined {
  return store[chunkOf(key)]?.[key];
}

export function putEntry(store: Store, key: number, entry: Entry): Store {
  const c = chunkOf(key);
  return { ...store, [c]: { ...store[c], [key]: entry } };
}

export function entries(store: Store): [number, Entry][] {
  const out: [number, Entry][] = [];
  for (const chunk of Object.values(store)) for (const [key, entry] of Object.entries(chunk)) out.push([Number(key), entry]);
  return out;
}

export function countKeys(store: Store): number {
  let n = 0;
  for (const chunk of Object.values(store)) n += Object.keys(chunk).length;
  return n;
}

/** Keeps the newer of two copies of each key: a duplicate or late handoff never undoes a write. */
export function mergeEntries(store: Store, incoming: readonly [number, Entry][]): Store {
  let out = store;
  for (const [key, entry] of incoming) {
    const mine = getEntry(out, key);
    if (!mine || mine.ver < entry.ver) out = putEntry(out, key, entry);
  }
  return out;
}

/** Splits the store into the keys `keep` says stay and the ones that leave. */
export function partition(store: Store, keep: (key: number) => boolean): { kept: Store; leaving: [number, Entry][] } {
  const kept: Store = {};
  const leaving: [number, Entry][] = [];
  for (const [c, chunk] of Object.entries(store)) {
    let stays: Record<number, Entry> | null = null;
    let changed = false;
    for (const [k, entry] of Object.entries(chunk)) {
      const key = Number(k);
      if (keep(key)) (stays ??= {})[key] = entry;
      else {
        leaving.push([key, entry]);
        changed = true;
      }
    }
    if (!changed) kept[Number(c)] = chunk;
    else if (stays) kept[Number(c)] = stays;
  }
  return { kept, leaving };
}
