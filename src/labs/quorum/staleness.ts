// Stale reads and Bailis et al.'s t-visibility (Probabilistically Bounded Staleness, VLDB 2012),
// measured on the client history. A read is stale when it returns a value certainly older than
// the latest write that completed before the read began: nil after that write, or the value of a
// write that had completed before that write even began. (A write concurrent with the latest one
// may legitimately be ordered after it, so returning its value is not counted stale.) Fresh reads
// are then bucketed by the time since that latest write completed.
import type { HistoryOperation } from '../../checkers/index';
import { valueKey } from '../../checkers/values';

/** Lower bounds of the time-since-write buckets, in ms (the last bucket is open-ended). */
export const STALENESS_BUCKETS_MS = [0, 25, 50, 100, 200, 400, 800] as const;

export interface StalenessBucket {
  /** Reads begun at least this long after the latest completed write… */
  sinceMs: number;
  /** …and less than this long (null: no upper bound). */
  untilMs: number | null;
  reads: number;
  /** Share of those reads that returned that write or a newer one; null with no reads. */
  fresh: number | null;
}

export interface StaleRead {
  read: HistoryOperation;
  /** The latest write completed before the read began. */
  missed: HistoryOperation;
  /** The write whose value the read returned (null: the initial nil). */
  returned: HistoryOperation | null;
  sinceMs: number;
  sentence: string;
}

export interface StalenessReport {
  /** Ok reads that began after some write had completed (the ones that can be stale). */
  reads: number;
  stale: number;
  buckets: StalenessBucket[];
  /** The latest stale reads, newest last (at most `keep`). */
  recent: StaleRead[];
}

const who = (op: HistoryOperation) => op.client ?? `process ${op.process}`;
const show = (value: unknown) => (value === null || value === undefined ? 'nil' : JSON.stringify(value));

function sentenceOf(read: HistoryOperation, missed: HistoryOperation, sinceMs: number): string {
  return `${who(read)} read ${read.key ?? 'x'}=${show(read.output)} ${sinceMs} ms after ${who(missed)}'s write ${read.key ?? 'x'}=${show(missed.input)} had completed`;
}

/** Stale reads and t-visibility over paired operations (keys are judged separately). */
export function measureStaleness(operations: readonly HistoryOperation[], keep = 5): StalenessReport {
  const counts = STALENESS_BUCKETS_MS.map(() => ({ reads: 0, fresh: 0 }));
  const recent: StaleRead[] = [];
  let reads = 0;
  let stale = 0;
  for (const [, ops] of byKey(operations)) {
    const writes = ops.filter((op) => op.f === 'write' && op.outcome !== 'fail');
    const completed = writes.filter((op) => op.outcome === 'ok').sort((a, b) => returnTime(a) - returnTime(b));
    const writerOf = new Map(writes.map((op) => [valueKey(op.input), op]));
    for (const read of ops) {
      if (read.f !== 'read' || read.outcome !== 'ok') continue;
      const missed = latestBefore(completed, callTime(read));
      if (!missed) continue;
      reads++;
      const sinceMs = callTime(read) - returnTime(missed);
      const bucket = counts[bucketOf(sinceMs)];
      bucket.reads++;
      const returned = writerOf.get(valueKey(read.output)) ?? null;
      if (isOlder(returned, read.output, missed)) {
        stale++;
        recent.push({ read, missed, returned, sinceMs, sentence: sentenceOf(read, missed, sinceMs) });
        if (recent.length > keep) recent.shift();
      } else bucket.fresh++;
    }
  }
  const buckets = STALENESS_BUCKETS_MS.map((sinceMs, i) => ({
    sinceMs,
    untilMs: i + 1 < STALENESS_BUCKETS_MS.length ? STALENESS_BUCKETS_MS[i + 1] : null,
    reads: counts[i].reads,
    fresh: counts[i].reads === 0 ? null : counts[i].fresh / counts[i].reads,
  }));
  recent.sort((a, b) => a.read.callIndex - b.read.callIndex);
  return { reads, stale, buckets, recent };
}

/** True if the value read is certainly older than `missed`: nil, or a write over before it began. */
function isOlder(returned: HistoryOperation | null, value: unknown, missed: HistoryOperation): boolean {
  if (value === null || value === undefined) return true;
  if (returned === null || returned === missed) return false;
  return returned.outcome === 'ok' && returnTime(returned) < callTime(missed);
}

function latestBefore(completed: readonly HistoryOperation[], timeMs: number): HistoryOperation | null {
  let latest: HistoryOperation | null = null;
  for (const write of completed) {
    if (returnTime(write) >= timeMs) break;
    latest = write;
  }
  return latest;
}

function bucketOf(sinceMs: number): number {
  let index = 0;
  while (index + 1 < STALENESS_BUCKETS_MS.length && sinceMs >= STALENESS_BUCKETS_MS[index + 1]) index++;
  return index;
}

function byKey(operations: readonly HistoryOperation[]): Map<string, HistoryOperation[]> {
  const groups = new Map<string, HistoryOperation[]>();
  for (const op of operations) {
    const key = op.key ?? '';
    const list = groups.get(key) ?? [];
    list.push(op);
    groups.set(key, list);
  }
  return groups;
}

const callTime = (op: HistoryOperation) => op.callTime ?? 0;
const returnTime = (op: HistoryOperation) => op.returnTime ?? Infinity;
