// Which log entries are drawn under a node and how terms map to palette slots.
import { describe, expect, it } from 'vitest';
import { logEntryName, termSlot, visibleLog } from './log-cells';

const entry = (index: number, term = 1, committed = true) => ({ index, term, committed, label: `x←${index}` });

describe('visibleLog', () => {
  it('shows short logs whole', () => {
    expect(visibleLog([entry(1), entry(2)], 10)).toEqual({ cells: [entry(1), entry(2)], hidden: 0 });
  });

  it('shows the newest entries of long logs and counts the rest', () => {
    const log = Array.from({ length: 14 }, (_, i) => entry(i + 1));
    const shown = visibleLog(log, 10);
    expect(shown.hidden).toBe(4);
    expect(shown.cells.map((c) => c.index)).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
  });

  it('treats a missing log as empty', () => {
    expect(visibleLog(undefined)).toEqual({ cells: [], hidden: 0 });
  });
});

describe('termSlot', () => {
  it('cycles through eight slots and neighbouring terms differ', () => {
    expect(termSlot(1)).toBe(1);
    expect(termSlot(8)).toBe(0);
    expect(termSlot(9)).toBe(1);
    for (let t = 0; t < 30; t++) expect(termSlot(t)).not.toBe(termSlot(t + 1));
  });
});

it('names an entry for a tooltip', () => {
  expect(logEntryName(entry(3, 2, false))).toBe('#3 term 2 x←3, not committed');
});
