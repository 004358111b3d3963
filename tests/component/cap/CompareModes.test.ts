// @vitest-environment happy-dom
// CP and AP side by side with fake workers: two columns labelled CP and AP, each drawn from its own
// world's frame with that world's verdict; both forks get the mode switch; close ends both workers.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { Frame } from '../../../src/engine/frame';
import CapSidePanels from '../../../src/labs/cap/ui/CapSidePanels.svelte';
import CompareModes from '../../../src/labs/cap/ui/CompareModes.svelte';
import type { SimulationClient } from '../../../src/worker/client';
import type { Scenario } from '../../../src/scenarios/scenario';
import { capFrame, checks } from './cap-fixtures';

const scenario: Scenario = { lab: 'cap', seed: 3, nodes: 5, actions: [{ at: 1000, do: 'partition', groups: [['n1', 'n2'], ['n3', 'n4', 'n5']] }] };

function fakeWorlds() {
  const loaded: Scenario[] = [];
  const terminated: number[] = [];
  const connect = vi.fn(() => {
    const index = connect.mock.calls.length - 1;
    let frame: Frame | null = null;
    const client = {
      load: (input: unknown) => {
        const forked = input as Scenario;
        loaded.push(forked);
        const mode = String((forked.actions.find((action) => action.do === 'lab') as { mode?: string }).mode);
        const summary = checks({ mode, linearizable: mode === 'cp', availability: mode === 'cp' ? { ok: 2, total: 4, windowMs: 5000 } : { ok: 4, total: 4, windowMs: 5000 } });
        frame = capFrame({ mode, checks: summary, timeMs: 6000 });
        return Promise.resolve({ ok: true as const, frame });
      },
      seek: () => Promise.resolve(frame!),
      advanceTo: () => Promise.resolve(frame!),
    } as unknown as SimulationClient;
    return {
      client,
      terminate: () => {
        terminated.push(index);
      },
    };
  });
  return { connect, loaded, terminated };
}

describe('CompareModes', () => {
  it('draws two columns labelled CP and AP, each with its own verdict, stage and availability', async () => {
    const { connect, loaded } = fakeWorlds();
    render(CompareModes, { props: { scenario, atMs: 6000, connect, onClose: () => {} } });
    const dialog = screen.getByTestId('compare');
    await waitFor(() => expect(dialog.querySelectorAll('[data-verdict]').length).toBe(2));

    const cp = dialog.querySelector('[data-mode="cp"]') as HTMLElement;
    const ap = dialog.querySelector('[data-mode="ap"]') as HTMLElement;
    expect(within(cp).getByRole('heading').textContent).toBe('CP');
    expect(within(ap).getByRole('heading').textContent).toBe('AP');
    expect(cp.querySelector('[data-verdict]')!.getAttribute('data-verdict')).toBe('linearizable');
    expect(ap.querySelector('[data-verdict]')!.getAttribute('data-verdict')).toBe('violated');
    expect(ap.querySelector('[data-verdict]')!.textContent).toContain('Not linearizable');
    expect(within(cp).getByTestId('stage')).toBeTruthy();
    expect(within(ap).getByTestId('stage')).toBeTruthy();
    expect(within(cp).getByTestId('availability-value').textContent).toBe('50%');
    expect(within(ap).getByTestId('availability-value').textContent).toBe('100%');
    expect(within(cp).getByTestId('cap-history')).toBeTruthy();

    expect(connect).toHaveBeenCalledTimes(2);
    const switches = loaded.map((fork) => fork.actions.find((action) => action.do === 'lab'));
    expect(switches).toEqual([
      { at: 6000, do: 'lab', name: 'setMode', mode: 'cp' },
      { at: 6000, do: 'lab', name: 'setMode', mode: 'ap' },
    ]);
    for (const fork of loaded) expect(fork.actions[0]).toEqual(scenario.actions[0]);
  });

  it('opens from the side panel at the frame’s time and closing ends both workers', async () => {
    const { connect, loaded, terminated } = fakeWorlds();
    render(CapSidePanels, { props: { frame: capFrame({ timeMs: 4200 }), inject: () => {}, recorded: () => scenario, connect } });
    expect(screen.queryByTestId('compare')).toBeNull();
    await fireEvent.click(screen.getByTestId('compare-button'));
    await waitFor(() => expect(screen.getByTestId('compare').querySelectorAll('[data-verdict]').length).toBe(2));
    expect(loaded.map((fork) => fork.actions.find((action) => action.do === 'lab')?.at)).toEqual([4200, 4200]);
    await fireEvent.click(screen.getByTestId('compare-close'));
    expect(screen.queryByTestId('compare')).toBeNull();
    expect(terminated.sort()).toEqual([0, 1]);
  });
});
