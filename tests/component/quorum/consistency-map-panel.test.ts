// @vitest-environment happy-dom
// The quorum lab shows the live map of consistency models: the worker's checks put it in the
// lab's view (over the same window as the linearizability verdict), and the side column draws it.
import { cleanup, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkHistoryConsistency } from '../../../src/checkers/index';
import type { Frame } from '../../../src/engine/frame';
import { DEFAULT_QUORUM } from '../../../src/protocols/dynamo/index';
import { createSimulation, planScenario } from '../../../src/scenarios/headless';
import { QuorumChecks, type QuorumView } from '../../../src/labs/quorum/checks';
import QuorumSidePanels from '../../../src/labs/quorum/ui/QuorumSidePanels.svelte';
import { client, fiveServers, tourFrame } from '../../../src/ui/tour/test-frames';

afterEach(() => cleanup());

function view(overrides: Partial<QuorumView> = {}): QuorumView {
  return {
    config: { ...DEFAULT_QUORUM },
    overlap: true,
    placement: [{ key: 'x', replicas: ['n1', 'n2', 'n3'], fallbacks: ['n4', 'n5'] }],
    windowStartMs: 0,
    reads: 0,
    staleReads: 0,
    staleness: [],
    stale: [],
    linearizable: true,
    explanation: null,
    sessions: [],
    lostWrites: 0,
    lost: [],
    checkedOps: 4,
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

describe('the quorum lab’s consistency map', () => {
  it('is computed live with the other checks, bounded, memoized and in agreement with the linearizability verdict', () => {
    const sim = createSimulation(planScenario({ lab: 'quorum', seed: 3, untilMs: 10_000, faults: 'random', params: { n: 3, w: 1, r: 1 } }));
    sim.runUntil(10_000, Infinity, false);
    const checks = new QuorumChecks();
    const summary = checks.summarize(sim);
    const map = summary.consistency!;
    expect(map).toBeTruthy();
    expect(map.models.linearizable.holds).toBe(summary.linearizable);
    expect(map.steps).toBeLessThanOrEqual(200_000);
    expect(structuredClone(map)).toEqual(map);
    expect(checks.summarize(sim).consistency).toBe(map);
  });

  it('is drawn in the side column, lit by the verdicts in the frame', () => {
    const history = [
      { process: 0, type: 'invoke' as const, f: 'write' as const, key: 'x', value: 1, client: 'c1', time: 0 },
      { process: 0, type: 'ok' as const, f: 'write' as const, key: 'x', value: 1, client: 'c1', time: 10 },
      { process: 1, type: 'invoke' as const, f: 'read' as const, key: 'x', value: null, client: 'c2', time: 20 },
      { process: 1, type: 'ok' as const, f: 'read' as const, key: 'x', value: null, client: 'c2', time: 30 },
    ];
    const checked = checkHistoryConsistency(history);
    if (!checked.ok) throw new Error('bad history');
    render(QuorumSidePanels, { props: { frame: frame(view({ linearizable: false, consistency: checked.map })), inject: vi.fn() } });
    const panel = within(screen.getByTestId('quorum-consistency-map'));
    expect(panel.getByTestId('model-linearizable').getAttribute('data-state')).toBe('violated');
    expect(panel.getByTestId('model-sequential').getAttribute('data-state')).toBe('holds');
    expect(panel.getByTestId('consistency-violations').textContent).toMatch(/Linearizable: c2 read x=nil/);
  });

  it('is grey before the first check', () => {
    render(QuorumSidePanels, { props: { frame: frame(view()), inject: vi.fn() } });
    const panel = within(screen.getByTestId('quorum-consistency-map'));
    expect(panel.getByTestId('model-causal').getAttribute('data-state')).toBe('unknown');
  });
});
