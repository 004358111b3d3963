// Records and lists that a line of states changes on nearly every step: a Raft leader's
// nextIndex and matchIndex per peer, a router's open requests, a broker's stream log. Copying the
// whole of one for each change made every step cost its size (a 64-node leader's replies, a
// router with hundreds of requests open). One the line made itself is written in place instead.
// This is sound because a state handed to a handler is used up (see Protocol): only the state the
// handler returns is kept. One made anywhere else (a fresh state's, a checkpoint's clone, one a
// test built and may share, a frozen one) is copied once and written in place from then on.
// Writing in place keeps the order of the keys exactly as copying did, so runs do not change.

const OWNED: unique symbol = Symbol('owned-record');

/** Sets a property no comparison or copy sees: non-enumerable and symbol-keyed, so deep
 * equality in tests, spreads and structured clone all leave it out. */
export function hide<T>(target: object, key: symbol, value: T): void {
  Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: false });
}

/** `value` itself if this line of states owns it, else an owned copy made by `copy`. */
function owned<V extends object>(value: V, copy: (value: V) => V): V {
  if ((value as { [OWNED]?: true })[OWNED] === true && Object.isExtensible(value)) return value;
  const made = copy(value);
  hide(made, OWNED, true);
  return made;
}

/** `record` itself if this line of states owns it, else an owned copy. */
export function writableRecord<R extends object>(record: R): R {
  return owned(record, (from) => ({ ...from }));
}

/** `list` itself if this line of states owns it, else an owned copy. */
export function writableList<T>(list: readonly T[]): T[] {
  return owned(list as T[], (from) => from.slice());
}

/** The list with `item` added at its end. */
export function withPushed<T>(list: readonly T[], item: T): T[] {
  const writable = writableList(list);
  writable.push(item);
  return writable;
}

/** The record with `key` set to `value`. */
export function withEntry<R extends object>(record: R, key: keyof R, value: R[keyof R]): R {
  const writable = writableRecord(record);
  writable[key] = value;
  return writable;
}

/** The record without `key`. */
export function withoutEntry<R extends object>(record: R, key: keyof R): R {
  const writable = writableRecord(record);
  delete writable[key];
  return writable;
}
