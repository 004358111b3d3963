// Log helpers with Raft's 1-based indices over a log that may start after a snapshot (Raft §7):
// `log[0]` is index snapshot.index + 1, and the snapshot stands for every index up to its own,
// whose term it remembers. Index 0 is the empty prefix, whose term is 0.
import type { LogEntry, RaftSnapshot } from './types';

/** A log and the snapshot it starts after (a RaftState, a RaftPersisted). */
export interface Compacted {
  log: LogEntry[];
  snapshot?: Pick<RaftSnapshot, 'index' | 'term'> | null;
}

/** The last index the snapshot covers (0 without one): the log's offset. */
export function snapshotIndex(state: Compacted): number {
  return state.snapshot == null ? 0 : state.snapshot.index;
}

export function snapshotTerm(state: Compacted): number {
  return state.snapshot == null ? 0 : state.snapshot.term;
}

export function lastIndex(state: Compacted): number {
  return snapshotIndex(state) + state.log.length;
}

/** The entry at `index`, or undefined if it is compacted or past the end. */
export function entryAt(state: Compacted, index: number): LogEntry | undefined {
  const offset = index - snapshotIndex(state);
  return offset >= 1 ? state.log[offset - 1] : undefined;
}

/** The term of the entry at `index`: 0 for index 0, the snapshot's term at its index, undefined
 * below it (compacted) or past the end. */
export function termAt(state: Compacted, index: number): number | undefined {
  if (index === 0) return 0;
  const base = snapshotIndex(state);
  if (index === base) return snapshotTerm(state);
  if (index < base) return undefined;
  const entry = state.log[index - base - 1];
  return entry === undefined ? undefined : entry.term;
}

export function lastTerm(state: Compacted): number {
  return state.log.length === 0 ? snapshotTerm(state) : state.log[state.log.length - 1].term;
}

/** Entries from index `from` on (at most `count`); `from` must not be compacted. */
export function entriesFrom(state: Compacted, from: number, count: number): LogEntry[] {
  const start = from - snapshotIndex(state) - 1;
  return state.log.slice(start, start + count);
}

/** Raft §5.4.1: a log is more up-to-date if its last term is higher, or equal and longer. */
export function isUpToDate(state: Compacted, otherLastIndex: number, otherLastTerm: number): boolean {
  const myTerm = lastTerm(state);
  return otherLastTerm > myTerm || (otherLastTerm === myTerm && otherLastIndex >= lastIndex(state));
}

/** The first index holding `term`, scanning back from `fromIndex` (for the back-off hint); it
 * stops at the first index after the snapshot. */
export function firstIndexOfTerm(state: Compacted, fromIndex: number, term: number): number {
  const floor = snapshotIndex(state) + 1;
  let index = fromIndex;
  while (index > floor && termAt(state, index - 1) === term) index--;
  return index;
}

/** The last index at or below `fromIndex` holding `term`, or 0 if none (the snapshot's index if
 * its term is `term` and nothing later is). */
export function lastIndexOfTerm(state: Compacted, fromIndex: number, term: number): number {
  const base = snapshotIndex(state);
  for (let index = Math.min(fromIndex, lastIndex(state)); index > base; index--) {
    const entryTerm = state.log[index - base - 1].term;
    if (entryTerm === term) return index;
    if (entryTerm < term) return 0;
  }
  return base > 0 && snapshotTerm(state) === term && fromIndex >= base ? base : 0;
}
