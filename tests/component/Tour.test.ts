// @vitest-environment happy-dom
// The guided-tour panel driven by hand-built frames: "Do it for me" injects the step's actions, a
// frame that meets the step's condition shows it done (and announces it), a seek back undoes it,
// Skip ends in the sandbox and Restart returns to step 1.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { Frame } from '../../src/engine/frame';
import { raftTour } from '../../src/labs/raft/tour';
import Tour from '../../src/ui/tour/Tour.svelte';
import { server, tourFrame } from '../../src/ui/tour/test-frames';
import type { TourAction } from '../../src/ui/tour/types';

/** Five servers in `term`; `leader` (if any) leads, `down` are crashed. */
function raftFrame(timeMs: number, term: number, leader: string | null, down: string[] = []): Frame {
  const nodes = ['n1', 'n2', 'n3', 'n4', 'n5'].map((id) => server(id, { term, role: id === leader ? 'leader' : 'follower', up: !down.includes(id) }));
  return tourFrame({ lab: 'raft', timeMs, nodes, leader });
}

function setup(frame = raftFrame(0, 1, null)) {
  const onInject = vi.fn<(action: TourAction) => void>();
  const view = render(Tour, { props: { tour: raftTour, frame, onInject } });
  const panel = () => screen.getByTestId('tour');
  const show = (next: Frame) => view.rerender({ tour: raftTour, frame: next, onInject });
  return { onInject, panel, show, view };
}

describe('Tour panel', () => {
  it('is a named region showing step 1 of 5, not yet done, with Back disabled', () => {
    const { panel } = setup();
    expect(screen.getByRole('region', { name: raftTour.title })).toBe(panel());
    expect(panel().getAttribute('data-state')).toBe('touring');
    expect(panel().getAttribute('data-step')).toBe('1');
    expect(panel().getAttribute('data-step-done')).toBe('false');
    expect(screen.getByTestId('tour-progress').textContent).toBe('Step 1 of 5');
    expect(screen.getByRole('heading', { name: 'A leader is elected' })).toBeTruthy();
    expect((screen.getByTestId('tour-back') as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId('tour-next') as HTMLButtonElement).disabled).toBe(false);
  });

  it('shows the completed state, announced politely, when a frame meets the step’s condition', async () => {
    const { panel, show } = setup();
    const next = screen.getByTestId('tour-next');
    expect(next.classList.contains('primary')).toBe(false);
    await show(raftFrame(300, 2, 'n3'));
    expect(panel().getAttribute('data-step-done')).toBe('true');
    const status = screen.getByRole('status');
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(status.textContent).toBe('✓ Step done: n3 became leader in term 2');
    expect(next.classList.contains('primary')).toBe(true);
  });

  it('a seek back before the completion undoes it; playing forward again redoes it', async () => {
    const { panel, show } = setup();
    await show(raftFrame(300, 2, 'n3'));
    await show(raftFrame(100, 1, null));
    expect(panel().getAttribute('data-step-done')).toBe('false');
    await show(raftFrame(300, 2, 'n3'));
    expect(panel().getAttribute('data-step-done')).toBe('true');
  });

  it('"Do it for me" injects the step’s actions, computed from the frame on screen', async () => {
    const { onInject, show } = setup(raftFrame(300, 2, 'n3'));
    expect(screen.queryByTestId('tour-do')).toBeNull(); // the election needs no help
    await fireEvent.click(screen.getByTestId('tour-next'));
    await fireEvent.click(screen.getByTestId('tour-next'));
    expect(screen.getByTestId('tour').getAttribute('data-step')).toBe('3');
    const doIt = screen.getByRole('button', { name: 'Do it for me: crash the leader' });
    await fireEvent.click(doIt);
    expect(onInject.mock.calls.map(([action]) => action)).toEqual([{ do: 'crash', node: 'leader' }]);
    // The step judges against the frame it began on: a new leader in a higher term completes it.
    await show(raftFrame(600, 2, null, ['n3']));
    expect(screen.getByTestId('tour').getAttribute('data-step-done')).toBe('false');
    await show(raftFrame(900, 3, 'n1', ['n3']));
    expect(screen.getByTestId('tour').getAttribute('data-step-done')).toBe('true');
    expect(screen.getByTestId('tour-status').textContent).toContain('n1 took over from n3 in term 3');
  });

  it('disables "Do it for me" once its step is done, and marks done steps as done', async () => {
    const { show } = setup(raftFrame(300, 2, 'n3'));
    const dots = () => [...screen.getByTestId('tour-steps').querySelectorAll('li')].map((li) => li.getAttribute('data-done'));
    expect(dots()).toEqual(['true', 'false', 'false', 'false', 'false']);
    await fireEvent.click(screen.getByTestId('tour-next'));
    await fireEvent.click(screen.getByTestId('tour-next'));
    const doIt = screen.getByRole('button', { name: 'Do it for me: crash the leader' }) as HTMLButtonElement;
    expect(doIt.disabled).toBe(false);
    await show(raftFrame(900, 3, 'n1', ['n3']));
    expect(screen.getByTestId('tour').getAttribute('data-step-done')).toBe('true');
    expect((screen.getByTestId('tour-do') as HTMLButtonElement).disabled).toBe(true);
    expect(dots()).toEqual(['true', 'false', 'true', 'false', 'false']);
  });

  it('disables "Do it for me" while disabled', async () => {
    const onInject = vi.fn<(action: TourAction) => void>();
    render(Tour, { props: { tour: raftTour, frame: raftFrame(300, 2, 'n3'), onInject, disabled: true } });
    await fireEvent.click(screen.getByTestId('tour-next'));
    expect((screen.getByTestId('tour-do') as HTMLButtonElement).disabled).toBe(true);
  });

  it('Back returns to the previous step, which stays done', async () => {
    const { panel } = setup(raftFrame(300, 2, 'n3'));
    await fireEvent.click(screen.getByTestId('tour-next'));
    expect(panel().getAttribute('data-step')).toBe('2');
    expect(panel().getAttribute('data-step-done')).toBe('false');
    await fireEvent.click(screen.getByTestId('tour-back'));
    expect(panel().getAttribute('data-step')).toBe('1');
    expect(panel().getAttribute('data-step-done')).toBe('true');
  });

  it('Skip shows the sandbox; Restart returns to step 1', async () => {
    const { panel } = setup(raftFrame(300, 2, 'n3'));
    await fireEvent.click(screen.getByTestId('tour-next'));
    await fireEvent.click(screen.getByRole('button', { name: 'Skip to sandbox' }));
    expect(panel().getAttribute('data-state')).toBe('sandbox');
    expect(screen.queryByTestId('tour-next')).toBeNull();
    expect(panel().textContent).toContain('1 of 5 tour steps done');
    await fireEvent.click(screen.getByRole('button', { name: 'Restart tour' }));
    expect(panel().getAttribute('data-state')).toBe('touring');
    expect(panel().getAttribute('data-step')).toBe('1');
    expect(screen.getByTestId('tour-progress').textContent).toBe('Step 1 of 5');
  });

  it('Finish on the last step ends in the sandbox', async () => {
    const { panel } = setup();
    for (let i = 0; i < 4; i++) await fireEvent.click(screen.getByTestId('tour-next'));
    expect(panel().getAttribute('data-step')).toBe('5');
    const finish = screen.getByTestId('tour-next');
    expect(finish.textContent).toBe('Finish');
    await fireEvent.click(finish);
    expect(panel().getAttribute('data-state')).toBe('sandbox');
    expect(screen.getByTestId('tour-restart')).toBeTruthy();
  });
});
