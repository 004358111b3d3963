// A leader's records per peer (nextIndex, matchIndex) change on nearly every reply. Copying a
// record that holds every peer for each reply made a large cluster's replies cost its size each;
// a record the leader made is written in place instead. As with the log (see growableLog), this
// is sound because a state handed to a handler is used up (see Protocol). A record made anywhere
// else (a fresh node's, a checkpoint's clone, one a test built, a frozen one) is copied once and
// then written in place.
import { hide } from './log-lineage';

const OWNED: unique symbol = Symbol('owned-peer-record');

/** `record` itself if this node's line of states owns it, else an owned copy. */
export function writablePeerRecord<V>(record: Record<string, V>): Record<string, V> {
  if ((record as { [OWNED]?: true })[OWNED] === true && Object.isExtensible(record)) return record;
  const copy = { ...record };
  hide(copy, OWNED, true);
  return copy;
}

/** The state's record with `peer` set to `value`. */
export function withPeer<V>(record: Record<string, V>, peer: string, value: V): Record<string, V> {
  const writable = writablePeerRecord(record);
  writable[peer] = value;
  return writable;
}
