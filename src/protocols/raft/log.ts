// Log helpers with Raft's 1-based indices: index 0 is the empty prefix, whose term is 0.
import type { LogEntry } from './types';

export function lastIndex(log: LogEntry[]): number {
  return log.length;
}

/** The term of the entry at `index`, 0 for index 0, undefined past the end. */
export function termAt(log: LogEntry[], index: number): number | undefined {
  if (index === 0) return 0;
  const entry = log[index - 1];
  return entry === undefined ? undefined : entry.term;
}

export function lastTerm(log: LogEntry[]): number {
  return log.length === 0 ? 0 : log[log.length - 1].term;
}

/** Raft §5.4.1: a log is more up-to-date if its last term is higher, or equal and longer. */
export function isUpToDate(log: LogEntry[], otherLastIndex: number, otherLastTerm: number): boolean {
  const myTerm = lastTerm(log);
  return otherLastTerm > myTerm || (otherLastTerm === myTerm && otherLastIndex >= log.length);
}

/** The first index holding `term`, scanning back from `fromIndex` (for the back-off hint). */
export function firstIndexOfTerm(log: LogEntry[], fromIndex: number, term: number): number {
  let index = fromIndex;
  while (index > 1 && log[index - 2].term === term) index--;
  return index;
}

/** The last index at or below `fromIndex` holding `term`, or 0 if none. */
export function lastIndexOfTerm(log: LogEntry[], fromIndex: number, term: number): number {
  for (let index = Math.min(fromIndex, log.length); index >= 1; index--) {
    const entryTerm = log[index - 1].term;
    if (entryTerm === term) return index;
    if (entryTerm < term) return 0;
  }
  return 0;
}
