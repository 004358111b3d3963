// Pairing trace records into space-time arrows: send + deliver → an arrow, a drop → a ×, a message
// in flight → an arrow to now; the window, the limit, and faults on their lanes.
import { describe, expect, it } from 'vitest';
import type { Frame, InFlightMessage, NodeFrame, TraceEvent } from '../../engine/frame';
import { arrowName, buildSpaceTime } from './space-time';

const actor = (id: string): NodeFrame => ({
  id, role: 'server', home: null, up: true, paused: false, pausedUntilMs: null, clockSkewMs: 0, timers: [], view: { role: 'follower', summary: '', details: {} },
});

let seq = 0;
const trace = (kind: TraceEvent['kind'], timeMs: number, messageId: number, from = 'n1', to = 'n2', extra: Partial<TraceEvent> = {}): TraceEvent => ({
  seq: seq++, timeMs, kind, from, to, messageId, messageType: 'Ping', ...extra,
});

const inFlight = (overrides: Partial<InFlightMessage>): InFlightMessage => ({
  id: 50, from: 'n2', to: 'n3', type: 'Pong', label: 'pong', kind: 'pong', sentAtMs: 4900, deliverAtMs: 5100, fate: 'in-flight', ...overrides,
});

function input(overrides: Partial<Frame> = {}) {
  return { nodes: ['n1', 'n2', 'n3'].map(actor), traffic: [], messages: [], faults: [], timeMs: 5000, ...overrides };
}

describe('buildSpaceTime', () => {
  it('pairs a send with its delivery into one arrow', () => {
    const st = buildSpaceTime(input({ traffic: [trace('send', 4000, 1), trace('deliver', 4015, 1)] }));
    expect(st.arrows).toHaveLength(1);
    expect(st.arrows[0]).toMatchObject({ messageId: 1, from: 'n1', to: 'n2', sentAtMs: 4000, endAtMs: 4015, end: 'delivered', reach: 1 });
  });

  it('ends a lost message in a × between the lanes, at its loss', () => {
    const st = buildSpaceTime(input({ traffic: [trace('send', 4000, 1), trace('drop', 4010, 1, 'n1', 'n2', { tag: 'cut' })] }));
    expect(st.arrows[0]).toMatchObject({ end: 'dropped', endAtMs: 4010, reach: 0.5, lostBecause: 'cut' });
    expect(arrowName(st.arrows[0])).toBe('Ping n1→n2, sent 4.000 s, lost 4.010 s (cut)');
  });

  it('draws a message refused at the sender as a loss where it started', () => {
    const st = buildSpaceTime(input({ traffic: [trace('drop', 4500, 3, 'n1', 'n3', { tag: 'cut' })] }));
    expect(st.arrows[0]).toMatchObject({ sentAtMs: 4500, endAtMs: 4500, end: 'dropped' });
  });

  it('draws a message still in flight to now, as far as it has got', () => {
    const st = buildSpaceTime(input({ traffic: [trace('send', 4900, 50, 'n2', 'n3')], messages: [inFlight({})] }));
    expect(st.arrows).toHaveLength(1);
    expect(st.arrows[0]).toMatchObject({ messageId: 50, end: 'in-flight', endAtMs: 5000, reach: 0.5, kind: 'pong' });
    expect(arrowName(st.arrows[0])).toBe('Pong n2→n3, sent 4.900 s, in flight');
  });

  it('does not draw a delivered message twice when the frame still lists it', () => {
    const st = buildSpaceTime(
      input({ traffic: [trace('send', 4900, 50, 'n2', 'n3'), trace('deliver', 4950, 50, 'n2', 'n3')], messages: [inFlight({ deliverAtMs: 4950 })] }),
    );
    expect(st.arrows.map((a) => a.end)).toEqual(['delivered']);
  });

  it('keeps only arrows that overlap the window', () => {
    const st = buildSpaceTime(
      input({ traffic: [trace('send', 2000, 1), trace('deliver', 2010, 1), trace('send', 2990, 2), trace('deliver', 3010, 2), trace('send', 4000, 3), trace('deliver', 4010, 3)] }),
      2000,
    );
    expect(st.arrows.map((a) => a.messageId)).toEqual([2, 3]);
    expect(st.startMs).toBe(3000);
  });

  it('names a delivered arrow with its type, ends and times', () => {
    const st = buildSpaceTime(input({ traffic: [trace('send', 1204, 7, 'n1', 'n3', { messageType: 'AppendEntries' }), trace('deliver', 1219, 7, 'n1', 'n3')], timeMs: 2000 }));
    expect(arrowName(st.arrows[0])).toBe('AppendEntries n1→n3, sent 1.204 s, delivered 1.219 s');
  });

  it('keeps at most the limit, dropping the oldest', () => {
    const traffic = Array.from({ length: 40 }, (_, i) => [trace('send', 4000 + i, i), trace('deliver', 4001 + i, i)]).flat();
    const st = buildSpaceTime(input({ traffic }), 2000, 25);
    expect(st.arrows).toHaveLength(25);
    expect(st.leftOff).toBe(15);
    expect(st.arrows[0].messageId).toBe(15);
  });

  it('marks crashes on their lane and partitions across all lanes', () => {
    const faults: TraceEvent[] = [
      { seq: 1, timeMs: 4200, kind: 'crash', node: 'n2' },
      { seq: 2, timeMs: 4300, kind: 'partition', tag: 'n1 | n2 n3' },
      { seq: 3, timeMs: 1000, kind: 'restart', node: 'n2' },
    ];
    const st = buildSpaceTime(input({ faults }));
    expect(st.faults.map((f) => [f.kind, f.lanes])).toEqual([
      ['crash', ['n2']],
      ['partition', 'all'],
    ]);
  });
});
