// Words for verdicts, their window, convergence and availability.
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../engine/frame';
import { checks } from '../../../../tests/component/cap/cap-fixtures';
import { availabilityReading, convergenceText, verdictMeaning, verdictState, windowPhrase } from './verdict';
import { seconds, showValue } from '../../../ui/history/format';

describe('verdictState', () => {
  it('maps the checker’s answer, pending before any operation is checked', () => {
    expect(verdictState(null)).toBe('pending');
    expect(verdictState(checks({ checkedOps: 0 }))).toBe('pending');
    expect(verdictState(checks())).toBe('linearizable');
    expect(verdictState(checks({ linearizable: false }))).toBe('violated');
    expect(verdictState(checks({ linearizable: 'unknown' }))).toBe('unknown');
    expect(verdictMeaning('violated', checks({ checkedOps: 1 }))).toContain('these 1 operation ');
    expect(verdictMeaning('linearizable', checks({ checkedOps: 1500, droppedOps: 40 }))).toContain('40 older operations were left out');
  });
});

describe('windowPhrase', () => {
  const flip = (timeMs: number, mode: string, withData = true): TraceEvent => ({
    seq: timeMs,
    timeMs,
    kind: 'control',
    tag: 'setMode',
    text: `mode switched to ${mode.toUpperCase()}`,
    ...(withData ? { data: { mode } } : {}),
  });

  it('names the mode flip the window starts at', () => {
    expect(windowPhrase(checks({ windowStartMs: 3200, mode: 'cp' }), [flip(1000, 'ap'), flip(3200, 'cp')])).toBe('since the switch to CP at 3.2 s');
    // The current mode may differ from the flip the window starts at.
    expect(windowPhrase(checks({ windowStartMs: 3200, mode: 'ap' }), [flip(3200, 'cp', false), flip(5000, 'ap')])).toBe('since the switch to CP at 3.2 s');
  });

  it('falls back to the time, or the start of the run', () => {
    expect(windowPhrase(checks({ windowStartMs: 1500, mode: 'cp' }))).toBe('since 1.5 s');
    expect(windowPhrase(checks({ windowStartMs: 0, mode: 'ap' }), [flip(0, 'ap')])).toBe('since the start of the run');
    expect(windowPhrase(null)).toBe('');
  });
});

describe('convergenceText', () => {
  it('waits for quiet, then agrees or names what differs', () => {
    expect(convergenceText(checks())).toMatch(/healed and quiet/);
    expect(convergenceText(checks({ converged: true }))).toBe('All replicas hold the same values.');
    expect(convergenceText(checks({ converged: false, divergent: ['x'] }))).toBe('Replicas disagree: x.');
  });
});

describe('availabilityReading', () => {
  it('shows a dash with no operations and a rounded percentage otherwise', () => {
    expect(availabilityReading(null)).toEqual({ percent: null, display: '—', text: 'No operations completed yet' });
    expect(availabilityReading({ ok: 0, total: 0, windowMs: 5000 }).text).toBe('No operations completed in the last 5 s yet');
    expect(availabilityReading({ ok: 2, total: 3, windowMs: 5000 })).toEqual({ percent: 67, display: '67%', text: '2 of 3 operations succeeded in the last 5 s' });
  });
});

describe('format', () => {
  it('writes seconds and values briefly', () => {
    expect(seconds(3200)).toBe('3.2 s');
    expect(seconds(3000)).toBe('3 s');
    expect(seconds(1250, 3)).toBe('1.25 s');
    expect(showValue(null)).toBe('nil');
    expect(showValue([1, 2])).toBe('[1,2]');
  });
});
