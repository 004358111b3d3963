// Stale reads and t-visibility on hand-built histories: a read is stale only when its value is
// certainly older than the latest write completed before it began; reads are bucketed by the
// time since that write.
import { describe, expect, it } from 'vitest';
import { pairOperations } from '../../checkers/index';
import type { HistoryEvent } from '../../engine/types';
import { measureStaleness } from './staleness';

/** An operation as two events: [process, f, value, invokedMs, completedMs, outcome]. */
type Op = [number, 'read' | 'write', unknown, number, number, ('ok' | 'info')?];

function history(ops: Op[]): HistoryEvent[] {
  const events: (HistoryEvent & { order: number })[] = [];
  ops.forEach(([process, f, value, from, to, outcome = 'ok'], i) => {
    events.push({ process, type: 'invoke', f, key: 'x', value: f === 'read' ? null : value, time: from, client: `c${process}`, order: i * 2 });
    if (outcome === 'ok') events.push({ process, type: 'ok', f, key: 'x', value, time: to, client: `c${process}`, order: i * 2 + 1 });
  });
  return events.sort((a, b) => a.time! - b.time! || a.order - b.order).map(({ order: _order, ...event }) => event);
}

function measure(ops: Op[]) {
  const paired = pairOperations(history(ops));
  if (!paired.ok) throw new Error(paired.error.message);
  return measureStaleness(paired.operations);
}

describe('measureStaleness', () => {
  it('counts a read of an older write, begun after a newer one completed, as stale', () => {
    const report = measure([[1, 'write', 1, 0, 10], [1, 'write', 2, 20, 30], [2, 'read', 1, 60, 70]]);
    expect(report).toMatchObject({ reads: 1, stale: 1 });
    expect(report.recent[0].sentence).toBe("c2 read x=1 30 ms after c1's write x=2 had completed");
    expect(report.buckets.find((b) => b.sinceMs === 25)).toMatchObject({ reads: 1, fresh: 0 });
  });

  it('counts nil after a completed write as stale, and the latest value as fresh', () => {
    expect(measure([[1, 'write', 1, 0, 10], [2, 'read', null, 15, 20]])).toMatchObject({ reads: 1, stale: 1 });
    expect(measure([[1, 'write', 1, 0, 10], [2, 'read', 1, 15, 20]])).toMatchObject({ reads: 1, stale: 0 });
  });

  it('does not count a value of a write concurrent with the latest one, nor of an unknown write', () => {
    // Write 1 overlaps write 2, so it may be ordered after it.
    expect(measure([[1, 'write', 1, 0, 40], [2, 'write', 2, 10, 20], [3, 'read', 1, 50, 60]])).toMatchObject({ reads: 1, stale: 0 });
    // Write 3 never completed: it may take effect at any time.
    expect(measure([[1, 'write', 3, 0, 0, 'info'], [2, 'write', 2, 10, 20], [3, 'read', 3, 50, 60]])).toMatchObject({ reads: 1, stale: 0 });
  });

  it('skips reads with no completed write before them, and a read overlapping the write', () => {
    expect(measure([[1, 'read', null, 0, 5], [2, 'write', 1, 10, 30], [1, 'read', null, 20, 40]])).toMatchObject({ reads: 0, stale: 0 });
  });

  it('buckets fresh reads by the time since the write, with shares', () => {
    const report = measure([[1, 'write', 1, 0, 10], [2, 'read', 1, 15, 20], [3, 'read', 1, 300, 320], [2, 'read', 1, 900, 910]]);
    expect(report.buckets.filter((b) => b.reads > 0).map((b) => [b.sinceMs, b.reads, b.fresh])).toEqual([[0, 1, 1], [200, 1, 1], [800, 1, 1]]);
    expect(report.buckets[report.buckets.length - 1].untilMs).toBeNull();
  });
});
