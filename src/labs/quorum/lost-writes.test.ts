// LWW's lost writes: a write begun after another completed, with an older stamp, is reported; a
// concurrent pair is not, nor a write versioned by vectors.
import { describe, expect, it } from 'vitest';
import { pairOperations } from '../../checkers/index';
import type { HistoryEvent } from '../../engine/types';
import type { CoordinatedWrite } from '../../protocols/dynamo/index';
import { findLostWrites } from './lost-writes';

function writes(list: [string, number, number, number][]): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  list.forEach(([client, value, from, to], i) => {
    events.push({ process: i, type: 'invoke', f: 'write', key: 'x', value, time: from, client });
    events.push({ process: i, type: 'ok', f: 'write', key: 'x', value, time: to, client });
  });
  return events.sort((a, b) => a.time! - b.time!);
}

const stamp = (value: number, ms: number, node: string, versioning: 'lww' | 'vv' = 'lww'): CoordinatedWrite => ({ key: 'x', value, stamp: { ms, node, seq: value }, versioning });

function lost(history: HistoryEvent[], stamps: CoordinatedWrite[]) {
  const paired = pairOperations(history);
  if (!paired.ok) throw new Error(paired.error.message);
  return findLostWrites(paired.operations, stamps);
}

describe('findLostWrites', () => {
  const history = writes([['c2', 1, 100, 130], ['c1', 2, 400, 430]]);

  it('reports the later write whose coordinator stamped it older', () => {
    const found = lost(history, [stamp(1, 100, 'n2'), stamp(2, -600, 'n1')]);
    expect(found.map((l) => [l.write.input, l.winner.input])).toEqual([[2, 1]]);
    expect(found[0].sentence).toContain('silently drops 2');
  });

  it('reports nothing when the stamps follow real time, or under version vectors', () => {
    expect(lost(history, [stamp(1, 100, 'n2'), stamp(2, 400, 'n1')])).toEqual([]);
    expect(lost(history, [stamp(1, 100, 'n2', 'vv'), stamp(2, -600, 'n1', 'vv')])).toEqual([]);
  });

  it('does not judge concurrent writes', () => {
    const overlapping = writes([['c2', 1, 100, 500], ['c1', 2, 400, 430]]);
    expect(lost(overlapping, [stamp(1, 100, 'n2'), stamp(2, -600, 'n1')])).toEqual([]);
  });
});
