// The messaging checkers on hand-built ledgers (and random ones, with fast-check): what counts as
// delivered or applied more than once, lost, out of order, and where the FIFO model holds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../engine/types';
import { checkDeliveries, checkFifo, orderViolations } from './checks';
import { readLedger, type Holdings } from './ledger';

const none: Holdings = { pending: new Set(), inDlq: new Set() };
const pair = (process: number, f: string, value: unknown, time: number, extra: Partial<HistoryEvent> = {}): HistoryEvent[] => [
  // An enqueue names its value when invoked; a dequeue learns it when it completes.
  { process, type: 'invoke', f, time, ...(f === 'dequeue' ? {} : { value }), ...extra },
  { process, type: 'ok', f, value, time, ...extra },
];
const enqueue = (id: number, time: number, partition = 0) => pair(1, 'enqueue', id, time, { node: `p${partition}` });
const dequeue = (id: number, time: number, process = 100) => pair(process, 'dequeue', id, time, { node: 'group' });
const apply = (id: number, time: number, offset = id, partition = 0, target = 'group') => pair(0, 'apply', { id, offset }, time, { node: target, key: `p${partition}`, client: 'n1' });

describe('checkDeliveries', () => {
  it('counts a second application as a duplicated effect and an unapplied, unheld copy as lost', () => {
    const history = [...enqueue(1, 0), ...enqueue(2, 1), ...dequeue(1, 2), ...apply(1, 3), ...dequeue(1, 4, 101), ...apply(1, 5)];
    const report = checkDeliveries(readLedger(history, 0), ['group'], none);
    expect(report.duplicatedEffects).toBe(1);
    expect(report.redeliveries).toBe(1);
    expect(report.delivered).toEqual({ never: 1, once: 0, more: 1 });
    expect(report.lost).toBe(1);
    expect(report.losses[0].sentence).toMatch(/^m2 was never applied/);
  });

  it('does not call a message lost while something holds it or it sits in the DLQ', () => {
    const history = [...enqueue(1, 0), ...enqueue(2, 1)];
    expect(checkDeliveries(readLedger(history, 0), ['group'], { pending: new Set(['group:1']), inDlq: new Set(['group:2']) }).lost).toBe(0);
  });

  it('judges each subscriber copy in pub/sub', () => {
    const history = [...enqueue(1, 0), ...apply(1, 2, 0, 0, 'n1')];
    const report = checkDeliveries(readLedger(history, 0), ['n1', 'n2'], none);
    expect(report.copies).toBe(2);
    expect(report.lost).toBe(1);
    expect(report.losses[0].sentence).toContain('for n2');
  });

  it('counts a repeat in the window of an application made before it', () => {
    const history = [...enqueue(1, 0), ...apply(1, 5), ...apply(1, 20)];
    expect(checkDeliveries(readLedger(history, 0, 10), ['group'], none).duplicatedEffects).toBe(1);
    expect(checkDeliveries(readLedger(history, 0, 30), ['group'], none).duplicatedEffects).toBe(0);
  });

  it('sums repeats and tallies every copy, for any pattern of applications (property)', () => {
    fc.assert(fc.property(fc.array(fc.nat(3), { minLength: 1, maxLength: 30 }), (counts) => {
      const history: HistoryEvent[] = [];
      counts.forEach((n, i) => history.push(...enqueue(i + 1, i)));
      counts.forEach((n, i) => { for (let k = 0; k < n; k++) history.push(...apply(i + 1, 100 + i * 10 + k)); });
      const report = checkDeliveries(readLedger(history, 0), ['group'], none);
      expect(report.duplicatedEffects).toBe(counts.reduce((sum, n) => sum + Math.max(0, n - 1), 0));
      expect(report.effects.never + report.effects.once + report.effects.more).toBe(counts.length);
      expect(report.lost).toBe(counts.filter((n) => n === 0).length);
    }));
  });
});

describe('orderViolations', () => {
  it('finds none when first applications follow the offsets, whatever the repeats (property)', () => {
    fc.assert(fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 20 }), (repeat) => {
      const history: HistoryEvent[] = [];
      repeat.forEach((again, offset) => {
        history.push(...enqueue(offset + 1, offset), ...apply(offset + 1, 100 + offset * 2, offset));
        if (again && offset > 0) history.push(...apply(offset, 101 + offset * 2, offset - 1));
      });
      expect(orderViolations(readLedger(history, 0))).toEqual([]);
    }));
  });

  it('flags a first application behind a later offset of the same partition, not of another', () => {
    const history = [...enqueue(1, 0), ...enqueue(2, 1), ...enqueue(3, 2, 1), ...apply(2, 3, 1), ...apply(3, 4, 0, 1), ...apply(1, 5, 0)];
    const found = orderViolations(readLedger(history, 0));
    expect(found.map((f) => f.id)).toEqual([1]);
  });
});

describe('checkFifo', () => {
  it('holds for deliveries in enqueue order, and fails when a message is delivered again', () => {
    const inOrder = [...enqueue(1, 0), ...enqueue(2, 1), ...dequeue(1, 2), ...dequeue(2, 3)];
    expect(checkFifo(inOrder, 0, 100, 10_000).valid).toBe(true);
    const again = [...inOrder, ...dequeue(1, 4)];
    const verdict = checkFifo(again, 0, 100, 10_000);
    expect(verdict.valid).toBe(false);
    expect(verdict.sentence).toBeTruthy();
  });

  it('fails when a later message is delivered before an earlier one', () => {
    expect(checkFifo([...enqueue(1, 0), ...enqueue(2, 1), ...dequeue(2, 2), ...dequeue(1, 3)], 0, 100, 10_000).valid).toBe(false);
  });
});
