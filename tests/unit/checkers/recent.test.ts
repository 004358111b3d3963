// Live checks stay bounded in a long session: only the latest operations are checked (from an
// unknown start, the lab says how many were left out); availability over a recent window.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkLinearizability, pairOperations, type HistoryOperation } from '../../../src/checkers/index';
import { recentAvailability, recentOperations } from '../../../src/checkers/recent';
import type { HistoryEvent } from '../../../src/engine/types';
import { lateUnknownsHistory } from './late-unknowns';

const LIVE_MAX_OPS = 1500;

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
    expect(recentOperations(ops, LIVE_MAX_OPS)).toEqual({ kept: ops, dropped: 0 });
  });

  it('keeps the last LIVE_MAX_OPS settled operations of a long window and counts the rest', () => {
    const ops = history(LIVE_MAX_OPS + 250);
    const { kept, dropped } = recentOperations(ops, LIVE_MAX_OPS);
    expect(dropped).toBe(250);
    expect(kept).toHaveLength(LIVE_MAX_OPS);
    expect(kept[0].input).toBe(251);
  });

  it('never drops an operation of unknown outcome, however old: it may take effect later', () => {
    const ops = history(LIVE_MAX_OPS + 10, [
      { process: 7, type: 'invoke', f: 'write', key: 'x', value: 'lost?', time: 0 },
      { process: 7, type: 'info', f: 'write', key: 'x', value: 'lost?', time: 1 },
    ]);
    const { kept, dropped } = recentOperations(ops, LIVE_MAX_OPS);
    expect(kept.some((op) => op.input === 'lost?')).toBe(true);
    expect(dropped).toBe(10);
  });
});

describe('recentOperations, cut where nothing overlaps', () => {
  const paired = (events: HistoryEvent[]) => {
    const result = pairOperations(events);
    if (!result.ok) throw new Error(result.error.message);
    return result.operations;
  };

  it('keeps an older operation that overlaps the first one kept: it may have taken effect after it', () => {
    const ops = paired([
      { process: 0, type: 'invoke', f: 'write', key: 'x', value: 2 },
      { process: 1, type: 'invoke', f: 'write', key: 'x', value: 1 },
      { process: 0, type: 'ok', f: 'write', key: 'x', value: 2 },
      { process: 1, type: 'ok', f: 'write', key: 'x', value: 1 },
      { process: 0, type: 'invoke', f: 'read', key: 'x' },
      { process: 0, type: 'ok', f: 'read', key: 'x', value: 2 },
    ]);
    expect(checkLinearizability(ops).valid).toBe(true);
    const { kept, dropped } = recentOperations(ops, 2);
    expect(dropped).toBe(0);
    expect(checkLinearizability(kept, { initialState: 'unknown' }).valid).toBe(true);
  });

  it('is never stricter than the whole history, checked from an unknown value (property)', () => {
    let cut = 0;
    const options = fc.record({
      processes: fc.integer({ min: 1, max: 4 }),
      operations: fc.integer({ min: 1, max: 25 }),
      choices: fc.array(fc.nat(1000), { minLength: 5, maxLength: 100 }),
      unique: fc.boolean(),
      domain: fc.integer({ min: 2, max: 4 }),
      mutate: fc.constant(false),
      keys: fc.constant(1),
    });
    fc.assert(
      fc.property(options, fc.integer({ min: 1, max: 8 }), (generated, max) => {
        const ops = paired(lateUnknownsHistory(generated));
        const { kept, dropped } = recentOperations(ops, max);
        if (dropped > 0) cut++;
        if (checkLinearizability(ops).valid === true) expect(checkLinearizability(kept, { initialState: 'unknown' }).valid).toBe(true);
      }),
      { numRuns: 1500 },
    );
    expect(cut).toBeGreaterThan(300);
  });
});

describe('recentAvailability', () => {
  it('counts completions in the window only, ok among all', () => {
    const events: HistoryEvent[] = [
      { process: 0, type: 'invoke', f: 'read', key: 'x', time: 100 },
      { process: 0, type: 'ok', f: 'read', key: 'x', value: 1, time: 200 },
      { process: 1, type: 'invoke', f: 'write', key: 'x', value: 2, time: 5100 },
      { process: 1, type: 'fail', f: 'write', key: 'x', value: 2, time: 5200 },
      { process: 0, type: 'invoke', f: 'read', key: 'x', time: 5300 },
      { process: 0, type: 'ok', f: 'read', key: 'x', value: 1, time: 5400 },
    ];
    expect(recentAvailability(events, 5500, 1000)).toEqual({ ok: 1, total: 2, windowMs: 1000 });
    expect(recentAvailability(events, 5500, 10_000)).toEqual({ ok: 2, total: 3, windowMs: 10_000 });
  });
});
