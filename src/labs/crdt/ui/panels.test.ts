// @vitest-environment happy-dom
// The CRDT lab's side panel on a real frame: a replica's buttons inject operations on it, the type
// picker switches types, and the overdraft and losses show what the lab's view says.
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Action } from '../../../engine/actions';
import { defaultScenario } from '../../../scenarios/catalog';
import { SimulationService } from '../../../worker/simulation-service';
import type { CrdtView } from '../verdict';
import CrdtSidePanels from './CrdtSidePanels.svelte';

afterEach(() => cleanup());

/** Picks an option by its index (happy-dom's value setter picks the wrong one), then fires change. */
async function choose(element: HTMLElement, value: string): Promise<void> {
  const select = element as HTMLSelectElement;
  select.selectedIndex = [...select.options].findIndex((option) => option.value === value);
  await fireEvent.change(select);
}

function frameOf(type: string, timeMs: number) {
  const service = new SimulationService();
  const scenario = defaultScenario('crdt', 3);
  scenario.params = { ...scenario.params, type };
  if (!service.load(scenario).ok) throw new Error('load failed');
  return service.advanceTo(timeMs);
}

describe('CrdtSidePanels', () => {
  it('a replica\'s +1 injects an increment on it; the picker switches type', async () => {
    const inject = vi.fn<(action: Action) => void>();
    const frame = frameOf('g-counter', 1000);
    render(CrdtSidePanels, { props: { frame, inject } });
    expect(screen.getByTestId('replica-value-n2').textContent).toBe((frame.labView as CrdtView).replicas[1].value);
    expect(screen.queryByTestId('op-n2-dec')).toBeNull();
    await fireEvent.click(screen.getByTestId('op-n2-inc'));
    expect(inject).toHaveBeenLastCalledWith({ do: 'lab', name: 'op', node: 'n2', op: 'inc', element: 'a' });
    await choose(screen.getByTestId('crdt-type'), 'or-set');
    expect(inject).toHaveBeenLastCalledWith({ do: 'lab', name: 'setType', type: 'or-set' });
  });

  it('sets offer add and remove of the chosen element', async () => {
    const inject = vi.fn<(action: Action) => void>();
    render(CrdtSidePanels, { props: { frame: frameOf('or-set', 500), inject } });
    await choose(screen.getByTestId('crdt-element'), 'c');
    await fireEvent.click(screen.getByTestId('op-n1-remove'));
    expect(inject).toHaveBeenLastCalledWith({ do: 'lab', name: 'op', node: 'n1', op: 'remove', element: 'c' });
  });

  it('shows the overdraft and the naive counter\'s losses from the view', () => {
    const pn = frameOf('pn-counter', 8000);
    render(CrdtSidePanels, { props: { frame: pn, inject: vi.fn() } });
    const overdraft = (pn.labView as CrdtView).overdraft;
    expect(screen.getByTestId('crdt-overdraft').getAttribute('data-overdraft')).toBe(String(overdraft ?? 0));
    cleanup();
    const naive = frameOf('naive-counter', 8000);
    render(CrdtSidePanels, { props: { frame: naive, inject: vi.fn() } });
    const lossy = (naive.labView as CrdtView).replicas.find((r) => r.lostUpdates > 0)!;
    expect(screen.getByTestId(`replica-loss-${lossy.id}`).textContent).toContain(`lost ${lossy.lostUpdates}`);
  });
});
