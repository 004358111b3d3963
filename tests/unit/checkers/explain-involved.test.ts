// An explanation names the operations it is about, so a history view can highlight exactly the
// read and the write its sentence cites.
import { describe, expect, it } from 'vitest';
import { checkHistoryLinearizability } from '../../../src/checkers/index';
import type { HistoryEvent } from '../../../src/engine/types';

const at = (time: number, client: string, process: number, type: HistoryEvent['type'], f: HistoryEvent['f'], value: unknown): HistoryEvent => ({ process, type, f, key: 'x', value, time, client });

describe('explanations name their operations', () => {
  it('a stale read: the read and the overwriting write', () => {
    const history = [
      at(100, 'c1', 0, 'invoke', 'write', 1), at(200, 'c1', 0, 'ok', 'write', 1),
      at(300, 'c1', 0, 'invoke', 'write', 2), at(400, 'c1', 0, 'ok', 'write', 2),
      at(500, 'c3', 2, 'invoke', 'write', 3), at(600, 'c3', 2, 'ok', 'write', 3),
      at(700, 'c2', 1, 'invoke', 'read', null), at(800, 'c2', 1, 'ok', 'read', 1),
    ];
    const checked = checkHistoryLinearizability(history);
    if (!checked.ok) throw new Error(checked.error.message);
    const explanation = checked.result.explanation!;
    expect(explanation.sentence).toContain("c3's write x=3 completed at 0.6 s");
    expect(explanation.involved.map((op) => `${op.client} ${op.f} ${JSON.stringify(op.input ?? op.output)}`).sort()).toEqual(['c2 read 1', 'c3 write 3']);
  });

  it('a value nobody wrote: just the read', () => {
    const history = [at(100, 'c1', 0, 'invoke', 'read', null), at(200, 'c1', 0, 'ok', 'read', 9)];
    const checked = checkHistoryLinearizability(history);
    if (!checked.ok) throw new Error(checked.error.message);
    expect(checked.result.explanation!.involved).toHaveLength(1);
    expect(checked.result.explanation!.involved[0].output).toBe(9);
  });
});
