// @vitest-environment happy-dom
// The replication side panels on real frames: the switches show the lab's settings and send lab
// actions, the failover buttons cut off the primary and promote the most up-to-date follower, the
// lag rows and the checker counts come from the frame's lab view.
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Action } from '../../../engine/actions';
import type { Frame } from '../../../engine/frame';
import { defaultScenario } from '../../../scenarios/catalog';
import { SimulationService } from '../../../worker/simulation-service';
import ReplicationSidePanels from './ReplicationSidePanels.svelte';
import { replicationView } from './replication-view';

afterEach(() => cleanup());

function frameAt(timeMs: number, actions: Record<string, unknown>[] = []): Frame {
  const service = new SimulationService();
  const loaded = service.load({ ...defaultScenario('replication', 1), actions });
  if (!loaded.ok) throw new Error('scenario refused');
  return service.advanceTo(timeMs);
}

function setup(frame: Frame) {
  const inject = vi.fn<(action: Action) => void>();
  const view = render(ReplicationSidePanels, { props: { frame, inject } });
  return { inject, view };
}

describe('ReplicationSidePanels: switches', () => {
  it('shows the lab’s mode and sends setMode, keeping the shown mode until a frame changes it', async () => {
    const { inject } = setup(frameAt(500));
    const async = screen.getByTestId('mode-async') as HTMLInputElement;
    const sync = screen.getByTestId('mode-sync') as HTMLInputElement;
    expect(async.checked).toBe(true);
    await fireEvent.click(sync);
    expect(inject).toHaveBeenCalledWith({ do: 'lab', name: 'setMode', mode: 'sync' });
    expect(async.checked).toBe(true);
  });

  it('sends setReads and setFencing from the read switch and the fencing checkbox', async () => {
    const { inject } = setup(frameAt(500));
    await fireEvent.click(screen.getByTestId('reads-followers'));
    expect(inject).toHaveBeenCalledWith({ do: 'lab', name: 'setReads', reads: 'followers' });
    const fencing = screen.getByTestId('fencing-switch') as HTMLInputElement;
    expect(fencing.checked).toBe(true);
    await fireEvent.click(fencing);
    expect(inject).toHaveBeenCalledWith({ do: 'lab', name: 'setFencing', on: false });
  });

  it('reflects a mode switched in the run', () => {
    setup(frameAt(600, [{ at: 100, do: 'lab', name: 'setMode', mode: 'semi-sync' }]));
    expect((screen.getByTestId('mode-semi-sync') as HTMLInputElement).checked).toBe(true);
  });
});

describe('ReplicationSidePanels: failover', () => {
  it('cuts the primary off from the followers and promotes the most up-to-date follower', async () => {
    const frame = frameAt(500);
    const { inject } = setup(frame);
    await fireEvent.click(screen.getByTestId('isolate-primary'));
    expect(inject).toHaveBeenCalledWith({ do: 'partition', groups: [['n1'], ['n2', 'n3']] });
    const best = replicationView(frame)!.candidates[0];
    expect(screen.getByTestId('promote').textContent).toContain(`Promote ${best}`);
    await fireEvent.click(screen.getByTestId('promote'));
    expect(inject).toHaveBeenCalledWith({ do: 'lab', name: 'promote', node: best });
  });
});

describe('ReplicationSidePanels: lag and checks', () => {
  it('draws each follower’s lag from the view; a cut follower falls behind in entries and ms', () => {
    setup(frameAt(3000, [{ at: 1000, do: 'cut', from: 'n1', to: 'n3' }]));
    const rows = screen.getAllByTestId('lag-row');
    expect(rows.map((row) => row.getAttribute('data-node'))).toEqual(['n2', 'n3']);
    const n3 = rows[1];
    expect(Number(n3.getAttribute('data-missing'))).toBeGreaterThan(3);
    expect(Number(n3.getAttribute('data-ms'))).toBeGreaterThan(1500);
    expect(n3.textContent).toMatch(/entries behind \(\d+ not yet received\) · \d+ ms/);
  });

  it('counts an acknowledged write lost at failover and names it', () => {
    const frame = frameAt(3000, [
      { at: 1000, do: 'partition', groups: [['n1'], ['n2', 'n3']] },
      { at: 1000, do: 'request', node: 'n1', op: { f: 'write', key: 'x' } },
    ]);
    setup(frame);
    const lost = screen.getByTestId('lost-writes');
    expect(Number(lost.getAttribute('data-count'))).toBe(replicationView(frame)!.lost.count);
    expect(Number(lost.getAttribute('data-count'))).toBeGreaterThan(0);
    expect(lost.textContent).toContain('acknowledged, then lost');
    expect(screen.getByTestId('primaries').textContent).toMatch(/n1 \(epoch 1\), n\d \(epoch \d\)/);
  });

  it('shows no split brain with fencing, and the writes of an older primary without it', () => {
    setup(frameAt(5000, [{ at: 200, do: 'lab', name: 'setFencing', on: false }, { at: 1000, do: 'partition', groups: [['n1'], ['n2', 'n3']] }]));
    const split = screen.getByTestId('split-brain');
    expect(Number(split.getAttribute('data-count'))).toBeGreaterThan(0);
    expect(split.textContent).toContain('two primaries accept writes');
  });
});
