// Stale reads on the client history, and how stale. A read is stale when it returns a value
// certainly older than the latest write of its key that completed before the read began: nil
// after that write, or the value of a write that had completed before that write even began (a
// write concurrent with it may legitimately be ordered after it). How stale: the time from that
// write's completion to the read's start — at least that long, a client saw the cache lag the
// database.
import type { HistoryOperation } from '../../checkers/index';
import { valueKey } from '../../checkers/values';

export interface StaleRead {
  read: HistoryOperation;
  missed: HistoryOperation;
  staleForMs: number;
  sentence: string;
}

export interface StalenessReport {
  /** Ok reads that began after some write of their key had completed. */
  reads: number;
  stale: number;
  maxStaleMs: number;
  /** The latest stale reads, newest last. */
  recent: StaleRead[];
}

const callTime = (op: HistoryOperation) => op.callTime ?? 0;
const returnTime = (op: HistoryOperation) => op.returnTime ?? Infinity;
const show = (value: unknown) => (value === null || value === undefined ? 'nil' : JSON.stringify(value));

export function measureStaleness(operations: readonly HistoryOperation[], keep = 3): StalenessReport {
  const report: StalenessReport = { reads: 0, stale: 0, maxStaleMs: 0, recent: [] };
  const byKey = new Map<string, HistoryOperation[]>();
  for (const op of operations) byKey.set(op.key ?? '', [...(byKey.get(op.key ?? '') ?? []), op]);
  for (const ops of byKey.values()) {
    const writes = ops.filter((op) => op.f === 'write' && op.outcome !== 'fail');
    const completed = writes.filter((op) => op.outcome === 'ok').sort((a, b) => returnTime(a) - returnTime(b));
    const writerOf = new Map(writes.map((op) => [valueKey(op.input), op]));
    for (const read of ops) {
      if (read.f !== 'read' || read.outcome !== 'ok') continue;
      const missed = latestBefore(completed, callTime(read));
      if (!missed) continue;
      report.reads++;
      const returned = writerOf.get(valueKey(read.output)) ?? null;
      if (!isOlder(returned, read.output, missed)) continue;
      const staleForMs = callTime(read) - returnTime(missed);
      report.stale++;
      report.maxStaleMs = Math.max(report.maxStaleMs, staleForMs);
      const who = read.client ?? `process ${read.process}`;
      report.recent.push({ read, missed, staleForMs, sentence: `${who} read ${read.key}=${show(read.output)} ${staleForMs} ms after the write ${read.key}=${show(missed.input)} had completed` });
    }
  }
  report.recent.sort((a, b) => a.read.callIndex - b.read.callIndex);
  report.recent = report.recent.slice(-keep);
  return report;
}

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
