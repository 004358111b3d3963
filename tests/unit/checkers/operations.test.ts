import { describe, expect, it } from 'vitest';
import { pairOperations } from '../../../src/checkers/index';
import type { HistoryEvent } from '../../../src/engine/types';

const e = (process: number, type: HistoryEvent['type'], f: HistoryEvent['f'], value?: unknown, extra: Partial<HistoryEvent> = {}): HistoryEvent => ({ process, type, f, value, ...extra });

describe('pairOperations', () => {
  it('pairs invocations and completions per process, ordered by invocation', () => {
    const paired = pairOperations([
      e(0, 'invoke', 'write', 1, { time: 100, client: 'c1' }),
      e(1, 'invoke', 'read', null),
      e(1, 'ok', 'read', 1),
      e(0, 'ok', 'write', 1, { time: 250, node: 'n2' }),
      e(2, 'invoke', 'cas', [1, 2]),
      e(2, 'ok', 'cas', false),
    ]);
    expect(paired.ok).toBe(true);
    if (!paired.ok) return;
    const [write, read, cas] = paired.operations;
    expect(write).toMatchObject({ id: 0, process: 0, f: 'write', input: 1, outcome: 'ok', callIndex: 0, returnIndex: 3, callTime: 100, returnTime: 250, client: 'c1', node: 'n2' });
    expect(read).toMatchObject({ f: 'read', output: 1, callIndex: 1, returnIndex: 2 });
    expect(cas).toMatchObject({ f: 'cas', input: [1, 2], output: false, outcome: 'ok' });
  });

  it('gives info operations an infinite return and lets the process invoke again', () => {
    const paired = pairOperations([e(0, 'invoke', 'write', 1), e(0, 'info', 'write', 1), e(0, 'invoke', 'read'), e(0, 'fail', 'read')]);
    expect(paired.ok).toBe(true);
    if (!paired.ok) return;
    expect(paired.operations[0]).toMatchObject({ outcome: 'info', returnIndex: Infinity, returnTime: Infinity });
    expect(paired.operations[1]).toMatchObject({ outcome: 'fail', returnIndex: 3 });
  });

  it('treats an invocation never completed as info', () => {
    const paired = pairOperations([e(0, 'invoke', 'write', 1)]);
    expect(paired.ok && paired.operations[0]).toMatchObject({ outcome: 'info', pending: true, returnIndex: Infinity });
  });

  it.each([
    [[e(0, 'ok', 'read', 1)], 'completion-without-invoke', 0],
    [[e(0, 'invoke', 'read'), e(0, 'invoke', 'read')], 'invoke-while-pending', 1],
    [[e(0, 'invoke', 'read'), e(0, 'ok', 'write', 1)], 'mismatched-completion', 1],
    [[e(0, 'invoke', 'read', null, { key: 'x' }), e(0, 'ok', 'read', 1, { key: 'y' })], 'mismatched-completion', 1],
    [[e(0, 'invoke', 'cas', 3)], 'bad-cas-value', 0],
    [[{ process: 0, type: 'done', f: 'read' } as unknown as HistoryEvent], 'bad-event', 0],
  ] as const)('reports malformed histories with a code (%#)', (history, code, eventIndex) => {
    const paired = pairOperations(history as unknown as HistoryEvent[]);
    expect(paired.ok).toBe(false);
    if (paired.ok) return;
    expect(paired.error.code).toBe(code);
    expect(paired.error.eventIndex).toBe(eventIndex);
    expect(paired.error.message).toMatch(new RegExp(`^event ${eventIndex + 1}: `));
  });
});
