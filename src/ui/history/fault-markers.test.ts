// Fault and mode-flip markers from notable trace events, and their label rows.
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../engine/frame';
import { faultMarkers, labelRows, modeFromText, rememberMarkers } from './fault-markers';

const events: TraceEvent[] = [
  { seq: 1, timeMs: 500, kind: 'note', tag: 'became-leader', text: 'n1 became leader' },
  { seq: 2, timeMs: 1000, kind: 'control', tag: 'setMode', text: 'mode switched to AP', data: { mode: 'ap' } },
  { seq: 3, timeMs: 1200, kind: 'partition', text: 'network partitioned into {n1, n2} | {n3, n4, n5}' },
  { seq: 4, timeMs: 2000, kind: 'crash', node: 'n3', text: 'n3 crashed' },
  { seq: 5, timeMs: 2500, kind: 'heal', from: 'n1', to: 'n2', text: 'link n1–n2 healed' },
  { seq: 6, timeMs: 3000, kind: 'heal', text: 'all links healed' },
  { seq: 7, timeMs: 3100, kind: 'control', text: 'request not sent: no leader' },
  { seq: 8, timeMs: 3200, kind: 'skew', node: 'n1', text: "n1's clock skewed by -500 ms" },
];

describe('faultMarkers', () => {
  it('keeps partitions, full heals, crashes, skews and mode flips', () => {
    expect(faultMarkers(events).map((marker) => [marker.kind, marker.label, marker.timeMs])).toEqual([
      ['mode', '→ AP', 1000],
      ['partition', 'partition', 1200],
      ['crash', 'crash n3', 2000],
      ['heal', 'heal', 3000],
      ['skew', 'skew n1', 3200],
    ]);
  });

  it('keeps only those in the window', () => {
    expect(faultMarkers(events, 1100, 2500).map((marker) => marker.seq)).toEqual([3, 4]);
  });

  it('reads the mode from the sentence', () => {
    expect(modeFromText('mode switched to CP')).toBe('CP');
    expect(modeFromText('something else')).toBeNull();
  });
});

describe('labelRows', () => {
  it('moves a label down a row when it would overlap the one before', () => {
    const { rows, count } = labelRows([
      { x: 0, label: 'partition' },
      { x: 20, label: '→ CP' },
      { x: 200, label: 'heal' },
      { x: 210, label: 'crash n1' },
      { x: 215, label: 'skew' },
    ]);
    expect(rows).toEqual([0, 1, 0, 1, 2]);
    expect(count).toBe(3);
    expect(labelRows([]).count).toBe(1);
  });
});

describe('rememberMarkers', () => {
  it('keeps markers that fell out of the frame’s recent events', () => {
    let memory = rememberMarkers(null, events.slice(0, 3), 10);
    expect(memory.markers.map((marker) => marker.seq)).toEqual([2, 3]);
    memory = rememberMarkers(memory, events.slice(3), 20);
    expect(memory.markers.map((marker) => marker.seq)).toEqual([2, 3, 4, 6, 8]);
    expect(rememberMarkers(memory, events.slice(5), 30).markers).toBe(memory.markers);
  });

  it('starts over when the run goes back, and keeps at most the limit', () => {
    const memory = rememberMarkers(null, events, 50);
    expect(rememberMarkers(memory, events.slice(0, 2), 5).markers.map((marker) => marker.seq)).toEqual([2]);
    expect(rememberMarkers(null, events, 50, 2).markers.map((marker) => marker.seq)).toEqual([6, 8]);
  });
});
