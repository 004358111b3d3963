// The replicated log: indexes from 1, each entry stamped with the epoch of the primary that
// appended it. Two logs that agree on an (index, epoch) agree on everything before it, because a
// follower only appends after checking the entry before (the log-matching check of Raft §5.3).
import type { LogEntry } from './types';

export function lastIndex(log: readonly LogEntry[]): number {
  return log.length;
}

/** The epoch of the entry at `index` (0 for index 0, the empty prefix). */
export function epochAt(log: readonly LogEntry[], index: number): number {
  return index <= 0 ? 0 : (log[index - 1]?.epoch ?? -1);
}

export function lastEpoch(log: readonly LogEntry[]): number {
  return epochAt(log, log.length);
}

/** A log ending in (epoch, index) is at least as up to date as ours: later epoch, or same and longer. */
export function atLeastAsUpToDate(theirEpoch: number, theirIndex: number, log: readonly LogEntry[]): boolean {
  const ours = lastEpoch(log);
  return theirEpoch > ours || (theirEpoch === ours && theirIndex >= log.length);
}

/** The value of `key` after applying the first `upTo` entries (null: never written). */
export function valueAt(log: readonly LogEntry[], key: string, upTo: number): unknown {
  for (let i = Math.min(upTo, log.length) - 1; i >= 0; i--) if (log[i].key === key) return log[i].value;
  return null;
}

/** Every key's value after the first `upTo` entries. */
export function valuesAt(log: readonly LogEntry[], upTo: number): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (let i = 0; i < Math.min(upTo, log.length); i++) values[log[i].key] = log[i].value;
  return values;
}

/**
 * A follower's log after an append that passed the check at `prevIndex`: entries that agree are
 * kept, the first conflicting entry and everything after it are dropped (they were never
 * acknowledged by this primary's quorum), and the new entries follow. Returns the same array
 * when nothing changes, and how many entries were dropped.
 */
export function mergeEntries(log: readonly LogEntry[], prevIndex: number, entries: readonly LogEntry[]): { log: LogEntry[]; dropped: number } {
  let i = 0;
  while (i < entries.length && prevIndex + i < log.length && log[prevIndex + i].epoch === entries[i].epoch) i++;
  if (i === entries.length) return { log: log as LogEntry[], dropped: 0 };
  const keep = prevIndex + i;
  return { log: [...log.slice(0, keep), ...entries.slice(i)], dropped: Math.max(0, log.length - keep) };
}
