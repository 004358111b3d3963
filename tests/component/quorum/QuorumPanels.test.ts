// @vitest-environment happy-dom
// The quorum lab's panels on fake frames: the N/W/R steppers and switches send `configure` and
// show the lab's settings (not the click), the findings show the checkers' counts and sentences,
// and the staleness plot draws one bar per bucket with reads, as tall as its fresh share.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { Action } from '../../../src/engine/actions';
import type { Frame } from '../../../src/engine/frame';
import { DEFAULT_QUORUM } from '../../../src/protocols/dynamo/index';
import type { QuorumView } from '../../../src/labs/quorum/checks';
import QuorumSidePanels from '../../../src/labs/quorum/ui/QuorumSidePanels.svelte';
import QuorumHistoryPanel from '../../../src/labs/quorum/ui/QuorumHistoryPanel.svelte';
import { client, fiveServers, tourFrame } from '../../../src/ui/tour/test-frames';

function view(overrides: Partial<QuorumView> = {}): QuorumView {
  return {
    config: { ...DEFAULT_QUORUM },
    overlap: true,
    placement: [{ key: 'x', replicas: ['n1', 'n2', 'n3'], fallbacks: ['n4', 'n5'] }],
    windowStartMs: 0,
    reads: 0,
    staleReads: 0,
    staleness: [
      { sinceMs: 0, untilMs: 25, reads: 4, fresh: 0.5 },
      { sinceMs: 25, untilMs: 50, reads: 0, fresh: null },
      { sinceMs: 50, untilMs: null, reads: 2, fresh: 1 },
    ],
    stale: [],
    linearizable: true,
    explanation: null,
    sessions: [],
    lostWrites: 0,
    lost: [],
    checkedOps: 10,
    droppedOps: 0,
    siblingReads: 0,
    sloppyWrites: 0,
    handoffs: 0,
    hintsHeld: 0,
    ...overrides,
  };
}

function frame(labView: QuorumView): Frame {
  return tourFrame({ lab: 'quorum', nodes: [...fiveServers({ role: 'replica' }), client('c1', 'n1')], labView });
}

function setup(labView = view()) {
  const inject = vi.fn<(action: Action) => void>();
  const rendered = render(QuorumSidePanels, { props: { frame: frame(labView), inject } });
  return { inject, rerender: (next: QuorumView) => rendered.rerender({ frame: frame(next), inject }) };
}

describe('QuorumControls', () => {
  it('steps W down with a configure action and shows the lab’s value until a frame changes it', async () => {
    const { inject, rerender } = setup();
    expect(screen.getByTestId('count-w').getAttribute('data-value')).toBe('2');
    expect(screen.getByTestId('overlap').getAttribute('data-overlap')).toBe('true');
    await fireEvent.click(screen.getByTestId('w-down'));
    expect(inject).toHaveBeenCalledWith({ do: 'lab', name: 'configure', w: 1 });
    expect(screen.getByTestId('count-w').getAttribute('data-value')).toBe('2');
    await rerender(view({ config: { ...DEFAULT_QUORUM, w: 1 }, overlap: false }));
    expect(screen.getByTestId('count-w').getAttribute('data-value')).toBe('1');
    expect(screen.getByTestId('overlap').textContent).toContain('W + R = 3 ≤ N = 3');
  });

  it('does not step past the bounds: W up to N, N up to the servers, nothing below 1', async () => {
    const { inject } = setup(view({ config: { ...DEFAULT_QUORUM, n: 5, w: 5, r: 1 } }));
    expect((screen.getByTestId('w-up') as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId('n-up') as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId('r-down') as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(screen.getByTestId('n-down'));
    expect(inject).toHaveBeenCalledWith({ do: 'lab', name: 'configure', n: 4 });
  });

  it('sends a switch and the conflict mode as configure actions', async () => {
    const { inject } = setup();
    expect((screen.getByTestId('switch-sloppyQuorum') as HTMLInputElement).checked).toBe(true);
    await fireEvent.click(screen.getByTestId('switch-sloppyQuorum'));
    expect(inject).toHaveBeenCalledWith({ do: 'lab', name: 'configure', sloppyQuorum: false });
    await fireEvent.change(screen.getByTestId('versioning'), { target: { value: 'vv' } });
    expect(inject).toHaveBeenCalledWith({ do: 'lab', name: 'configure', versioning: 'vv' });
  });
});

describe('QuorumFindings', () => {
  it('shows the stale-read rate and the latest stale read in the checker’s words', () => {
    setup(view({ reads: 40, staleReads: 4, stale: [{ sentence: 'c2 read x=1 30 ms after c1’s write x=2 had completed', operations: [1, 3], timeMs: 100 }] }));
    expect(screen.getByTestId('stale-rate').textContent).toContain('4 of 40 (10.0%)');
    expect(screen.getByTestId('stale-sentence').textContent).toContain('c2 read x=1');
  });

  it('shows the linearizability verdict with its sentence only when violated, and lost writes', () => {
    setup(view({ linearizable: false, explanation: { sentence: 'No order of the 3 operations on y matches', operations: [1, 2], timeMs: 0 }, lostWrites: 1, lost: [{ sentence: 'c1’s write x=9 … silently drops 9', operations: [5, 2], timeMs: 0 }] }));
    expect(screen.getByTestId('quorum-verdict').getAttribute('data-verdict')).toBe('violated');
    expect(screen.getByTestId('quorum-explanation').textContent).toContain('No order');
    expect(screen.getByTestId('lost-writes').getAttribute('data-lost')).toBe('1');
    expect(screen.getByTestId('lost-sentence').textContent).toContain('silently drops 9');
  });

  it('shows no explanation while the history is linearizable', () => {
    setup(view({ explanation: { sentence: 'stale text', operations: [], timeMs: 0 } }));
    expect(screen.getByTestId('quorum-verdict').getAttribute('data-verdict')).toBe('holds');
    expect(screen.queryByTestId('quorum-explanation')).toBeNull();
  });
});

describe('StalenessPlot', () => {
  it('draws a bar for each bucket with reads, taller for a larger fresh share', () => {
    setup();
    const bars = screen.getAllByTestId('staleness-bar');
    expect(bars.map((bar) => bar.getAttribute('data-fresh'))).toEqual(['0.5', '1']);
    const heights = bars.map((bar) => Number(bar.getAttribute('height')));
    expect(heights[1]).toBeCloseTo(heights[0] * 2);
    expect(screen.getByRole('img').getAttribute('aria-label')).toContain('0 ms+: 50% of 4');
  });
});

describe('QuorumHistoryPanel', () => {
  it('renders the client history', () => {
    render(QuorumHistoryPanel, { props: { frame: frame(view()) } });
    expect(screen.getByTestId('quorum-history')).toBeTruthy();
    expect(screen.getByTestId('history-view')).toBeTruthy();
  });
});
