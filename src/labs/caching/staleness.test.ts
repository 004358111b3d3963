// Stale reads on hand-made histories: a read after a completed write that returns an older value
// is stale by the time since that write; a read concurrent with the write is not.
import { describe, expect, it } from 'vitest';
import { pairOperations } from '../../checkers/index';
import type { HistoryEvent } from '../../engine/types';
import { measureStaleness } from './staleness';

const ev = (process: number, type: HistoryEvent['type'], f: string, value: unknown, time: number): HistoryEvent => ({ process, type, f, key: 'hot', value, time, client: `c${process + 1}` });

function report(history: HistoryEvent[]) {
  const paired = pairOperations(history);
  if (!paired.ok) throw new Error(paired.error.message);
  return measureStaleness(paired.operations);
}

describe('measureStaleness', () => {
  it('counts a read of the old value after the write completed, and how long after', () => {
    const r = report([
      ev(0, 'invoke', 'write', 1, 0), ev(0, 'ok', 'write', 1, 10),
      ev(0, 'invoke', 'write', 2, 20), ev(0, 'ok', 'write', 2, 30),
      ev(1, 'invoke', 'read', null, 130), ev(1, 'ok', 'read', 1, 140),
    ]);
    expect(r.stale).toBe(1);
    expect(r.maxStaleMs).toBe(100);
    expect(r.recent[0].sentence).toBe('c2 read hot=1 100 ms after the write hot=2 had completed');
  });

  it('a read overlapping the write may return either value', () => {
    const r = report([
      ev(0, 'invoke', 'write', 1, 0), ev(0, 'ok', 'write', 1, 10),
      ev(0, 'invoke', 'write', 2, 20), ev(1, 'invoke', 'read', null, 25), ev(1, 'ok', 'read', 1, 28), ev(0, 'ok', 'write', 2, 30),
    ]);
    expect(r.stale).toBe(0);
    expect(r.reads).toBe(1);
  });

  it('nil after a completed write is stale', () => {
    const r = report([ev(0, 'invoke', 'write', 5, 0), ev(0, 'ok', 'write', 5, 10), ev(1, 'invoke', 'read', null, 50), ev(1, 'ok', 'read', null, 60)]);
    expect(r.stale).toBe(1);
  });
});
