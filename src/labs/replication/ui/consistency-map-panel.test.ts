// @vitest-environment happy-dom
// The replication lab shows the live map of consistency models: its projection puts it in the
// lab's view (over the latest operations of the client history), and the side column draws it.
import { cleanup, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkHistoryConsistency, type ConsistencyMapResult } from '../../../checkers/index';
import type { Frame } from '../../../engine/frame';
import { createSimulation, planScenario } from '../../../scenarios/headless';
import { tourFrame } from '../../../ui/tour/test-frames';
import { replicationProjection, type ReplicationView } from '../checks';
import ReplicationSidePanels from './ReplicationSidePanels.svelte';

afterEach(() => cleanup());

function view(consistency: ConsistencyMapResult | null): ReplicationView {
  return {
    mode: 'async',
    reads: 'followers',
    fencing: true,
    failover: 'manual',
    primary: 'n1',
    epoch: 1,
    primaries: [{ node: 'n1', epoch: 1 }],
    candidates: ['n2', 'n3'],
    lag: [],
    lost: { count: 0, acknowledged: 0, authority: 'n1', authorityIsPrimary: true, recent: [] },
    sessions: { count: 0, recent: [] },
    consistency,
    availability: { ok: 0, total: 0, windowMs: 3000 },
    splitBrain: { writes: 0, sentence: null, lastAtMs: null },
  };
}

function frame(labView: ReplicationView): Frame {
  return tourFrame({ lab: 'replication', labView });
}

describe('the replication lab’s consistency map', () => {
  it('is computed live by the projection, bounded, plain data, and not recomputed for an unchanged history', () => {
    const sim = createSimulation(planScenario({ lab: 'replication', seed: 3, untilMs: 6000, faults: 'random', params: { reads: 'followers' } }));
    sim.runUntil(6000, Infinity, false);
    const project = replicationProjection();
    const map = project(sim).consistency!;
    expect(map).toBeTruthy();
    expect(map.steps).toBeLessThanOrEqual(200_000);
    expect(structuredClone(map)).toEqual(map);
    expect(project(sim).consistency).toBe(map);
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
    render(ReplicationSidePanels, { props: { frame: frame(view(checked.map)), inject: vi.fn() } });
    const panel = within(screen.getByTestId('replication-consistency-map'));
    expect(panel.getByTestId('model-linearizable').getAttribute('data-state')).toBe('violated');
    expect(panel.getByTestId('model-sequential').getAttribute('data-state')).toBe('holds');
    expect(panel.getByTestId('consistency-violations').textContent).toMatch(/Linearizable: c2 read x=nil/);
  });

  it('is grey before the first check', () => {
    render(ReplicationSidePanels, { props: { frame: frame(view(null)), inject: vi.fn() } });
    const panel = within(screen.getByTestId('replication-consistency-map'));
    expect(panel.getByTestId('model-causal').getAttribute('data-state')).toBe('unknown');
  });
});
