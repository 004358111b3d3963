// @vitest-environment happy-dom
// The clocks lab's panels on a real frame: picking two events in the diagram says how they relate
// (as the checker's path search does), the timestamp choice relabels the events, and the side
// panel's buttons inject the lab's actions.
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Action } from '../../../engine/actions';
import { compareEvents } from '../../../protocols/clocks/causality';
import { defaultScenario } from '../../../scenarios/catalog';
import { SimulationService } from '../../../worker/simulation-service';
import type { ClocksView } from '../verdict';
import ClocksDiagram from './ClocksDiagram.svelte';
import ClocksSidePanels from './ClocksSidePanels.svelte';

afterEach(() => cleanup());

/** Picks an option by its index (happy-dom's value setter picks the wrong one), then fires change. */
async function choose(element: HTMLElement, value: string): Promise<void> {
  const select = element as HTMLSelectElement;
  select.selectedIndex = [...select.options].findIndex((option) => option.value === value);
  await fireEvent.change(select);
}

function frameAt(timeMs: number) {
  const service = new SimulationService();
  if (!service.load(defaultScenario('clocks', 5)).ok) throw new Error('load failed');
  return service.advanceTo(timeMs);
}

describe('ClocksDiagram', () => {
  const frame = frameAt(1500);
  const view = frame.labView as ClocksView;

  it('picking two events shows their relation, as the checker finds it', async () => {
    render(ClocksDiagram, { props: { frame } });
    const receive = view.events.find((e) => e.kind === 'receive' && view.events.some((s) => s.id === e.sendId))!;
    await fireEvent.click(screen.getByTestId(`clock-event-${receive.sendId}`));
    expect(screen.getByTestId('clocks-compare').getAttribute('data-relation')).toBe('none');
    await fireEvent.click(screen.getByTestId(`clock-event-${receive.id}`));
    const compare = screen.getByTestId('clocks-compare');
    expect(compare.getAttribute('data-relation')).toBe('before');
    expect(compare.textContent).toContain(`e${receive.sendId} → e${receive.id}: happened before`);
    expect(compare.textContent).toContain(`message to ${receive.node} → e${receive.id}`);

    // A concurrent pair, wherever the run has one.
    const pair = view.events.flatMap((a) => view.events.map((b) => [a.id, b.id] as const)).find(([a, b]) => a < b && compareEvents(view.events, a, b)?.relation === 'concurrent')!;
    await fireEvent.click(screen.getByTestId(`clock-event-${pair[0]}`));
    await fireEvent.click(screen.getByTestId(`clock-event-${pair[1]}`));
    expect(compare.getAttribute('data-relation')).toBe('concurrent');
    expect(compare.textContent).toContain('No chain of process steps and messages');
    expect(compare.textContent).toContain('incomparable');
  });

  it('labels events with the chosen clock', async () => {
    render(ClocksDiagram, { props: { frame } });
    const event = view.events[0];
    const label = () => screen.getByTestId(`clock-event-${event.id}`).getAttribute('aria-label');
    expect(label()).toContain(`Lamport ${event.lamport}`);
    await fireEvent.click(screen.getByTestId('stamp-vector'));
    expect(label()).toContain(`Vector [${event.vector.join(',')}]`);
  });
});

describe('ClocksSidePanels', () => {
  it('sends, makes a local event and switches LWW through lab actions', async () => {
    const inject = vi.fn<(action: Action) => void>();
    render(ClocksSidePanels, { props: { frame: frameAt(1000), inject } });
    await choose(screen.getByTestId('send-to'), 'n3');
    await fireEvent.click(screen.getByTestId('send-message'));
    expect(inject).toHaveBeenLastCalledWith({ do: 'lab', name: 'send', from: 'n1', to: 'n3' });
    await fireEvent.click(screen.getByTestId('local-event'));
    expect(inject).toHaveBeenLastCalledWith({ do: 'lab', name: 'local', node: 'n1' });
    await fireEvent.click(screen.getByTestId('lww-hybrid'));
    expect(inject).toHaveBeenLastCalledWith({ do: 'lab', name: 'setLww', mode: 'hybrid' });
    expect(screen.getByTestId('clock-condition').textContent).toContain('Clock condition holds');
  });
});
