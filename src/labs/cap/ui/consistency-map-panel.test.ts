// @vitest-environment happy-dom
// The CAP lab shows the live map of consistency models: the worker's checks put it in the lab's
// view (over the same window as the linearizability verdict), and the side column draws it.
import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { checkHistoryConsistency } from '../../../checkers/index';
import { createSimulation, planScenario } from '../../../scenarios/headless';
import { capFrame, checks } from '../../../../tests/component/cap/cap-fixtures';
import { CapChecks } from '../checks';
import CapSidePanels from './CapSidePanels.svelte';

describe('the CAP lab’s consistency map', () => {
  it('is computed live with the other checks, bounded and in agreement with the linearizability verdict', () => {
    const sim = createSimulation(planScenario({ lab: 'cap', seed: 3, untilMs: 20_000, faults: 'random', params: { mode: 'ap' } }));
    sim.runUntil(20_000, Infinity, false);
    const summary = new CapChecks().summarize(sim);
    const map = summary.consistency!;
    expect(map).toBeTruthy();
    expect(map.models.linearizable.holds).toBe(summary.linearizable);
    expect(map.steps).toBeLessThanOrEqual(400_000);
    expect(structuredClone(map)).toEqual(map);
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
    render(CapSidePanels, { props: { frame: capFrame({ checks: checks({ linearizable: false, consistency: checked.map }) }), inject: vi.fn() } });
    const panel = within(screen.getByTestId('cap-consistency-map'));
    expect(panel.getByTestId('model-linearizable').getAttribute('data-state')).toBe('violated');
    expect(panel.getByTestId('model-sequential').getAttribute('data-state')).toBe('holds');
    expect(panel.getByTestId('consistency-violations').textContent).toMatch(/Linearizable: c2 read x=nil/);
  });

  it('is grey before the first check', () => {
    render(CapSidePanels, { props: { frame: capFrame({ checks: checks() }), inject: vi.fn() } });
    const panel = within(screen.getByTestId('cap-consistency-map'));
    expect(panel.getByTestId('model-causal').getAttribute('data-state')).toBe('unknown');
  });
});
