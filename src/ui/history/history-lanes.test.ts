// Pairing invocations with completions, bar labels, lanes and the time window of the history view.
import { describe, expect, it } from 'vitest';
import { historyEvent as ev } from '../../../tests/component/cap/cap-fixtures';
import { autoWindowMs, compareClients, layoutLanes, operationDescription, operationLabel, pairOperations, timeWindow, type HistoryOperation } from './history-lanes';

describe('pairOperations', () => {
  it('pairs each invoke with the next completion of its process, in order', () => {
    const history = [
      ev(0, 'invoke', 'write', 1, 100),
      ev(1, 'invoke', 'read', null, 110),
      ev(0, 'ok', 'write', 1, 150, 'c1', { node: 'n1', mode: 'ap' }),
      ev(1, 'ok', 'read', 1, 160),
      ev(0, 'invoke', 'cas', [1, 4], 200),
      ev(0, 'fail', 'cas', [1, 4], 260),
      ev(1, 'invoke', 'read', null, 300),
    ];
    const ops = pairOperations(history);
    expect(ops.map((op) => [op.index, op.completionIndex, op.client, op.outcome, op.startMs, op.endMs])).toEqual([
      [0, 2, 'c1', 'ok', 100, 150],
      [1, 3, 'c2', 'ok', 110, 160],
      [4, 5, 'c1', 'fail', 200, 260],
      [6, null, 'c2', 'pending', 300, null],
    ]);
    expect(ops[0]).toMatchObject({ node: 'n1', mode: 'ap', input: 1 });
    expect(ops[1].output).toBe(1);
  });

  it('numbers operations by their index in the full history and skips completions of invokes it never saw', () => {
    const history = [ev(0, 'ok', 'write', 7, 90), ev(1, 'invoke', 'write', 8, 100), ev(1, 'info', 'write', 8, 2100)];
    const ops = pairOperations(history, 40);
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatchObject({ index: 41, completionIndex: 42, outcome: 'info', endMs: 2100 });
  });

  it('names a lane by process when the history has no client', () => {
    const ops = pairOperations([{ process: 3, type: 'invoke', f: 'read' }]);
    expect(ops[0].client).toBe('p3');
    expect(ops[0].startMs).toBe(0);
  });
});

describe('operationLabel', () => {
  const op = (overrides: Partial<HistoryOperation>): HistoryOperation => ({
    index: 0, completionIndex: 1, process: 0, client: 'c1', f: 'write', key: 'x', input: 3, output: undefined, outcome: 'ok', startMs: 0, endMs: 10, ...overrides,
  });

  it('labels writes, reads and cas like Porcupine', () => {
    expect(operationLabel(op({ f: 'write', input: 3 }))).toBe('w 3');
    expect(operationLabel(op({ f: 'read', input: null, output: 1 }))).toBe('r→1');
    expect(operationLabel(op({ f: 'read', input: null, output: null }))).toBe('r→nil');
    expect(operationLabel(op({ f: 'read', input: null, outcome: 'info' }))).toBe('r→?');
    expect(operationLabel(op({ f: 'cas', input: [1, 4] }))).toBe('cas 1→4');
    expect(operationLabel(op({ f: 'write', key: 'y', input: 3 }), true)).toBe('y: w 3');
  });

  it('describes an operation in a sentence', () => {
    expect(operationDescription(op({ f: 'read', input: null, output: 2, node: 'n2', mode: 'ap', startMs: 3100, endMs: 3150 }), 5000)).toBe(
      'c1 read x=2: ok, 3.100–3.150 s, answered by n2 in AP mode',
    );
    expect(operationDescription(op({ outcome: 'pending', endMs: null, startMs: 4000 }), 4500)).toBe('c1 write x=3: pending, 4.000–4.500 s');
  });
});

describe('layoutLanes', () => {
  it('gives every client a lane in order c1…cK then u*, even without operations', () => {
    const ops = pairOperations([ev(0, 'invoke', 'write', 1, 100, 'u3'), ev(0, 'ok', 'write', 1, 120, 'u3')]);
    const layout = layoutLanes(ops, ['c10', 'c2', 'c1'], 0, 1000);
    expect(layout.lanes.map((lane) => lane.client)).toEqual(['c1', 'c2', 'c10', 'u3']);
    expect(layout.placed).toHaveLength(1);
    expect(layout.placed[0].lane).toBe(3);
    expect(layout.rows).toBe(4);
  });

  it('drops operations that ended before the window and stacks overlapping ones of a lane', () => {
    const history = [
      ev(0, 'invoke', 'write', 1, 100, 'u1'),
      ev(0, 'ok', 'write', 1, 200, 'u1'),
      ev(1, 'invoke', 'write', 2, 1000, 'u1'),
      ev(2, 'invoke', 'write', 3, 1050, 'u1'),
      ev(1, 'ok', 'write', 2, 1100, 'u1'),
      ev(2, 'ok', 'write', 3, 1200, 'u1'),
      ev(3, 'invoke', 'read', null, 1300, 'u1'),
    ];
    const layout = layoutLanes(pairOperations(history), ['c1'], 500, 1400);
    expect(layout.placed.map((p) => [p.operation.index, p.row, p.barEndMs])).toEqual([
      [2, 1, 1100],
      [3, 2, 1200],
      [6, 1, 1400],
    ]);
    expect(layout.lanes).toEqual([
      { client: 'c1', firstRow: 0, rows: 1 },
      { client: 'u1', firstRow: 1, rows: 2 },
    ]);
  });

  it('gives info operations an open tail up to now', () => {
    const ops = pairOperations([ev(0, 'invoke', 'read', null, 100), ev(0, 'info', 'read', null, 2100)]);
    const [placed] = layoutLanes(ops, [], 0, 3000).placed;
    expect(placed.barEndMs).toBe(2100);
    expect(placed.tailEndMs).toBe(3000);
  });

  it('orders clients', () => {
    expect(['u2', 'c3', 'zed', 'c1', 'u1'].sort(compareClients)).toEqual(['c1', 'c3', 'u1', 'u2', 'zed']);
  });
});

describe('timeWindow', () => {
  it('shows the last window up to now, never before zero', () => {
    expect(timeWindow(20_000, 15_000)).toEqual([5_000, 20_000]);
    expect(timeWindow(3_000, 15_000)).toEqual([0, 3_000]);
    expect(timeWindow(0, 15_000)).toEqual([0, 1000]);
    expect(timeWindow(400, 15_000)).toEqual([0, 1000]);
  });

  it('widens to keep what must be shown in view, up to a limit', () => {
    expect(timeWindow(40_000, 15_000, [20_000])).toEqual([19_500, 40_000]);
    expect(timeWindow(100_000, 15_000, [1_000])).toEqual([40_000, 100_000]);
  });
});

describe('autoWindowMs', () => {
  it('shows less time on a narrow plot', () => {
    expect(autoWindowMs(900)).toBe(15_000);
    expect(autoWindowMs(400)).toBe(10_000);
    expect(autoWindowMs(250)).toBe(5_000);
  });
});
