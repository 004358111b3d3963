// @vitest-environment happy-dom
// The CAP lab panels with fake frames: the side column (the switch, the fault helpers, the verdict,
// availability, the tour) and the wide history panel (lanes and a violation's highlighted operations).
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { Action } from '../../../src/engine/actions';
import type { Frame } from '../../../src/engine/frame';
import CapHistoryPanel from '../../../src/labs/cap/ui/CapHistoryPanel.svelte';
import CapSidePanels from '../../../src/labs/cap/ui/CapSidePanels.svelte';
import { capFrame, checks, partitionLinks } from './cap-fixtures';

/** Renders both panels as the page does; rerender gives them the next frame together. */
function setup(frame = capFrame()) {
  const inject = vi.fn<(action: Action) => void>();
  const side = render(CapSidePanels, { props: { frame, inject } });
  const history = render(CapHistoryPanel, { props: { frame } });
  const rerender = async (next: { frame: Frame; inject?: (action: Action) => void }) => {
    await side.rerender({ frame: next.frame, inject: next.inject ?? inject });
    await history.rerender({ frame: next.frame });
  };
  return { inject, side, history, rerender };
}

describe('CapPanels: layout', () => {
  it('keeps the history in its own panel, apart from the side column', () => {
    const { side, history } = setup();
    const sideColumn = within(side.container);
    const historyPanel = within(history.container);
    expect(sideColumn.getByTestId('cap-panels')).toBeTruthy();
    expect(sideColumn.getByTestId('verdict')).toBeTruthy();
    expect(sideColumn.queryByTestId('history-view')).toBeNull();
    expect(historyPanel.getByRole('region', { name: 'Client history' })).toBeTruthy();
    expect(historyPanel.getByTestId('history-view')).toBeTruthy();
    expect(historyPanel.getByTestId('history-window')).toBeTruthy();
    expect(historyPanel.queryByTestId('verdict')).toBeNull();
  });
});

describe('CapPanels: mode switch', () => {
  it('reflects the mode and sends setMode when the other one is chosen', async () => {
    const { inject, rerender } = setup();
    const cp = screen.getByTestId('mode-cp') as HTMLInputElement;
    const ap = screen.getByTestId('mode-ap') as HTMLInputElement;
    expect(screen.getByRole('group', { name: 'Consistency mode' })).toBeTruthy();
    expect(ap.checked).toBe(true);
    expect(cp.checked).toBe(false);
    await fireEvent.click(cp);
    expect(inject).toHaveBeenCalledWith({ do: 'lab', name: 'setMode', mode: 'cp' });
    // Until a frame reports the switch, the switch shows the lab's mode.
    expect(ap.checked).toBe(true);
    await rerender({ frame: capFrame({ mode: 'cp' }), inject });
    expect(cp.checked).toBe(true);
    expect(ap.checked).toBe(false);
  });
});

describe('CapPanels: fault helpers', () => {
  it('partitions the clients’ home nodes off as a minority, heals and skews n1', async () => {
    const { inject } = setup();
    await fireEvent.click(screen.getByTestId('partition-minority'));
    await fireEvent.click(screen.getByTestId('heal-partition'));
    await fireEvent.click(screen.getByTestId('skew-clock'));
    expect(inject.mock.calls.map(([action]) => action)).toEqual([
      { do: 'partition', groups: [['n1', 'n2'], ['n3', 'n4', 'n5']] },
      { do: 'heal' },
      { do: 'skew', node: 'n1', offsetMs: -500 },
    ]);
    expect(screen.getByTestId('skew-clock').textContent).toContain("Skew n1's clock −500 ms");
  });

  it('says which nodes a partition cut off and shades their clients’ lanes', () => {
    const ids = ['n1', 'n2', 'n3', 'n4', 'n5'];
    setup(capFrame({ links: partitionLinks(ids, [['n1', 'n2'], ['n3', 'n4', 'n5']]) }));
    expect(screen.getByTestId('partition-status').textContent).toContain('n1, n2 cannot reach a majority');
    const lanes = screen.getAllByTestId('history-lane');
    expect(lanes.map((lane) => lane.getAttribute('data-cut-off'))).toEqual(['true', 'true']);
  });
});

describe('CapPanels: verdict badge', () => {
  it('shows each state with its window', async () => {
    const { rerender } = setup(capFrame({ checks: null }));
    const badge = () => screen.getByTestId('verdict');
    expect(badge().getAttribute('data-verdict')).toBe('pending');

    const flip = { seq: 9, timeMs: 3200, kind: 'control' as const, tag: 'setMode', text: 'mode switched to CP', data: { mode: 'cp' } };
    await rerender({ frame: capFrame({ mode: 'cp', faults: [flip], checks: checks({ linearizable: true, windowStartMs: 3200, mode: 'cp' }) }), inject: vi.fn() });
    expect(badge().getAttribute('data-verdict')).toBe('linearizable');
    expect(badge().textContent).toContain('Linearizable');
    expect(screen.getByTestId('verdict-window').textContent).toBe('since the switch to CP at 3.2 s');

    await rerender({ frame: capFrame({ checks: checks({ linearizable: 'unknown' }) }), inject: vi.fn() });
    expect(badge().getAttribute('data-verdict')).toBe('unknown');
    expect(badge().textContent).toContain('Unknown (search budget)');

    await rerender({ frame: capFrame({ checks: checks({ linearizable: false, explanation: { sentence: 'c2 read x=1…', operations: [2, 4] } }) }), inject: vi.fn() });
    expect(badge().getAttribute('data-verdict')).toBe('violated');
    expect(badge().textContent).toContain('Not linearizable');
  });

  it('lists session-guarantee violations and convergence', () => {
    setup(
      capFrame({
        checks: checks({
          sessions: [{ guarantee: 'monotonic reads', client: 'c2', sentence: 'c2 read 2 then 1', operations: [4] }],
          converged: false,
          divergent: ['x'],
        }),
      }),
    );
    expect(screen.getByTestId('session-violation').textContent).toContain('monotonic reads');
    expect(screen.getByTestId('session-violation').textContent).toContain('c2 read 2 then 1');
    expect(screen.getByTestId('convergence').textContent).toContain('Replicas disagree: x.');
    const sessionOp = screen.getAllByTestId('history-op').find((op) => op.getAttribute('data-index') === '4');
    expect(sessionOp?.getAttribute('data-session')).toBe('true');
  });
});

describe('CapPanels: availability meter', () => {
  it('shows a dash with no operations, then a percentage and the counts', async () => {
    const { rerender } = setup(capFrame({ checks: checks({ availability: { ok: 0, total: 0, windowMs: 5000 } }) }));
    const meter = screen.getByTestId('availability');
    expect(within(meter).getByTestId('availability-value').textContent).toBe('—');
    expect(meter.textContent).toContain('No operations completed in the last 5 s yet');

    await rerender({ frame: capFrame({ checks: checks({ availability: { ok: 3, total: 4, windowMs: 5000 } }) }), inject: vi.fn() });
    expect(within(meter).getByTestId('availability-value').textContent).toBe('75%');
    const bar = within(meter).getByRole('meter');
    expect(bar.getAttribute('aria-valuenow')).toBe('75');
    expect(bar.getAttribute('aria-valuetext')).toBe('75%: 3 of 4 operations succeeded in the last 5 s');
  });
});

describe('CapPanels: history view', () => {
  it('draws one lane per client and one bar per operation, marked by outcome', () => {
    setup();
    const svg = screen.getByTestId('history-view');
    expect(svg.tagName.toLowerCase()).toBe('svg');
    expect(screen.getAllByTestId('history-lane').map((lane) => lane.getAttribute('data-client'))).toEqual(['c1', 'c2']);
    const ops = screen.getAllByTestId('history-op');
    expect(ops.map((op) => [op.getAttribute('data-client'), op.getAttribute('data-outcome'), op.getAttribute('data-label')])).toEqual([
      ['c1', 'ok', 'w 1'],
      ['c1', 'ok', 'w 2'],
      ['c1', 'info', 'cas 2→4'],
      ['c2', 'ok', 'r→1'],
      ['c2', 'fail', 'w 5'],
      ['c2', 'pending', 'r→?'],
    ]);
    // Outcome is not told by colour alone: fail and info bars carry a pattern, info an open tail.
    const info = ops[2];
    expect(info.querySelector('rect.pattern')?.getAttribute('fill')).toMatch(/^url\(#hatch-info-/);
    expect(info.querySelector('line.tail')).toBeTruthy();
    expect(ops[4].querySelector('rect.pattern')?.getAttribute('fill')).toMatch(/^url\(#hatch-fail-/);
    expect(ops[0].querySelector('title')?.textContent).toContain('c1 write x=1: ok');
  });

  it('draws fault markers and the axis in seconds', () => {
    setup();
    const markers = screen.getAllByTestId('fault-marker');
    expect(markers.map((marker) => [marker.getAttribute('data-kind'), marker.querySelector('text')?.textContent])).toEqual([
      ['mode', '→ AP'],
      ['partition', 'partition'],
    ]);
    const ticks = [...screen.getByTestId('history-view').querySelectorAll('.tick text')].map((text) => text.textContent);
    expect(ticks).toContain('1 s');
    expect(ticks.every((tick) => tick?.endsWith(' s'))).toBe(true);
  });

  it('keeps fault markers when protocol notes crowd the recent events', async () => {
    const { rerender } = setup(capFrame({ eventCount: 100 }));
    const chatter = Array.from({ length: 5 }, (_, i) => ({ seq: 10 + i, timeMs: 4000 + i * 100, kind: 'note' as const, tag: 'became-candidate', text: 'n1 became candidate' }));
    await rerender({ frame: capFrame({ eventCount: 300, notable: chatter }), inject: vi.fn() });
    expect(screen.getAllByTestId('fault-marker').map((marker) => marker.getAttribute('data-kind'))).toEqual(['mode', 'partition']);
  });

  it('adds a lane for a user client that only appears in the history', () => {
    const frame = capFrame();
    setup({ ...frame, history: [...frame.history, { process: 9, type: 'invoke', f: 'write', key: 'x', value: 9, time: 5800, client: 'u3' }] });
    expect(screen.getAllByTestId('history-lane').map((lane) => lane.getAttribute('data-client'))).toEqual(['c1', 'c2', 'u3']);
  });

  it('numbers operations from the history offset and windows to recent time', () => {
    const frame = capFrame();
    setup({ ...frame, historyOffset: 100, timeMs: 20_000 });
    const ops = screen.getAllByTestId('history-op');
    // Only what overlaps the last 15 s (5 s–20 s): the info cas (ended 5.3 s), the failed write and the pending read.
    expect(ops.map((op) => op.getAttribute('data-index'))).toEqual(['106', '108', '110']);
  });
});

describe('CapPanels: a violation', () => {
  it('highlights the involved operations and shows the sentence', () => {
    const sentence = "c2 read x=1 at 3.2 s, but c1's write x=2 completed at 2.9 s and nothing wrote 1 after it";
    setup(capFrame({ checks: checks({ linearizable: false, explanation: { sentence, operations: [2, 4] } }) }));
    expect(screen.getByTestId('violation-explanation').textContent).toBe(sentence);
    const involved = screen.getAllByTestId('history-op').filter((op) => op.getAttribute('data-involved') === 'true');
    expect(involved.map((op) => op.getAttribute('data-label'))).toEqual(['w 2', 'r→1']);
    expect(involved.every((op) => op.classList.contains('involved'))).toBe(true);
  });

  it('shows no sentence while linearizable', () => {
    setup();
    expect(screen.queryByTestId('violation-explanation')).toBeNull();
    expect(screen.getAllByTestId('history-op').some((op) => op.getAttribute('data-involved') === 'true')).toBe(false);
  });
});
