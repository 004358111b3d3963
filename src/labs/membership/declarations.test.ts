// The false-positive checker: a declaration is justified by a crash or a cut within the window
// before it, and a false positive when its target was alive — paused, or simply unlucky.
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../engine/frame';
import { faultIntervals, judge } from './declarations';

let seq = 0;
const event = (timeMs: number, kind: TraceEvent['kind'], extra: Partial<TraceEvent> = {}): TraceEvent => ({ seq: seq++, timeMs, kind, ...extra });

describe('judging declarations against the fault record', () => {
  const faults = [
    event(100, 'crash', { node: 'n2' }), event(900, 'restart', { node: 'n2' }),
    event(1000, 'pause', { node: 'n3' }), event(2000, 'resume', { node: 'n3' }),
    event(3000, 'partition', { data: { groups: [['n4'], ['n1', 'n5']] } }), event(3500, 'heal'),
    event(4000, 'cut', { from: 'n6', to: 'n1' }),
  ];
  const intervals = faultIntervals(faults);

  it('a crash within the window justifies it; one long before does not', () => {
    expect(judge({ timeMs: 1500, by: 'n1', target: 'n2' }, intervals, 1000).judgement).toBe('crashed');
    expect(judge({ timeMs: 2500, by: 'n5', target: 'n2' }, intervals, 1000).judgement).toBe('loss');
  });

  it('a pause of the target or the declarer is a false positive caused by the pause', () => {
    expect(judge({ timeMs: 2200, by: 'n1', target: 'n3' }, intervals, 1000).judgement).toBe('paused');
    expect(judge({ timeMs: 2200, by: 'n3', target: 'n5' }, intervals, 1000).judgement).toBe('paused');
  });

  it('a partition or a cut link justifies it; after the heal it does not', () => {
    expect(judge({ timeMs: 3400, by: 'n1', target: 'n4' }, intervals, 300).judgement).toBe('cut-off');
    expect(judge({ timeMs: 3900, by: 'n1', target: 'n4' }, intervals, 300).judgement).toBe('loss');
    expect(judge({ timeMs: 9000, by: 'n2', target: 'n6' }, intervals, 100).judgement).toBe('cut-off');
  });
});
