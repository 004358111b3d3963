// The live check stays bounded in a long session: only the latest operations are checked, from an
// unknown start, and the summary says how many were left out.
import { describe, expect, it } from 'vitest';
import { pairOperations, type HistoryOperation } from '../../checkers/index';
import type { HistoryEvent } from '../../engine/types';
import { LIVE_MAX_OPS, recentOperations } from './checks';

function history(writes: number, extra: HistoryEvent[] = []): HistoryOperation[] {
  const events: HistoryEvent[] = [];
  for (let i = 1; i <= writes; i++) {
    events.push({ process: 0, type: 'invoke', f: 'write', key: 'x', value: i, time: i * 10 });
    events.push({ process: 0, type: 'ok', f: 'write', key: 'x', value: i, time: i * 10 + 5 });
  }
  const paired = pairOperations([...extra, ...events]);
  if (!paired.ok) throw new Error(paired.error.message);
  return paired.operations;
}

describe('recentOperations', () => {
  it('keeps a short window whole', () => {
    const ops = history(10);
    expect(recentOperations(ops)).toEqual({ kept: ops, dropped: 0 });
  });

  it('keeps the last LIVE_MAX_OPS settled operations of a long window and counts the rest', () => {
    const ops = history(LIVE_MAX_OPS + 250);
    const { kept, dropped } = recentOperations(ops);
    expect(dropped).toBe(250);
    expect(kept).toHaveLength(LIVE_MAX_OPS);
    expect(kept[0].input).toBe(251);
  });

  it('never drops an operation of unknown outcome, however old: it may take effect later', () => {
    const ops = history(LIVE_MAX_OPS + 10, [
      { process: 7, type: 'invoke', f: 'write', key: 'x', value: 'lost?', time: 0 },
      { process: 7, type: 'info', f: 'write', key: 'x', value: 'lost?', time: 1 },
    ]);
    const { kept, dropped } = recentOperations(ops);
    expect(kept.some((op) => op.input === 'lost?')).toBe(true);
    expect(dropped).toBe(10);
  });
});
