// @vitest-environment happy-dom
// The whole page against a fake worker and a simulated clock: URL, loading, playback, faults, alerts.
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeShareState, encodeShareState } from '../../src/share';
import App from '../../src/ui/App.svelte';
import { FakeSimulation, makeFrame, simulatedClock } from './fixtures';
import { choose } from './listbox';

const scenarioFor = (lab: string, seed: number, nodes?: number) => ({ lab, seed, nodes: nodes ?? 5, actions: [] });

function setup(search = '', fake = new FakeSimulation()) {
  window.history.replaceState(null, '', `/${search}`);
  const clock = simulatedClock();
  const terminate = vi.fn();
  const scenarios = vi.fn(scenarioFor);
  const result = render(App, {
    props: { connect: () => ({ client: fake, terminate }), scenarioFor: scenarios, clock: clock.logic },
  });
  return { ...result, fake, clock, terminate, scenarios, user: userEvent.setup() };
}

/** The run the address bar links to now. */
function linked() {
  const decoded = decodeShareState(window.location.search);
  if (decoded.kind !== 'ok') throw new Error(`the address holds no share link: ${window.location.search}`);
  return decoded.state;
}

beforeEach(() => {
  window.history.replaceState(null, '', '/');
  window.localStorage.clear();
  document.documentElement.className = '';
});
afterEach(() => vi.restoreAllMocks());

describe('App', () => {
  it('shows a loading state, then the cluster, and writes the share link to the address bar', async () => {
    const { scenarios } = setup();
    expect(screen.getByTestId('loading')).toBeTruthy();
    await screen.findByRole('button', { name: 'n1, follower, term 1' });
    expect(screen.queryByTestId('loading')).toBeNull();
    expect(scenarios).toHaveBeenCalledWith('raft', 1, 5);
    await waitFor(() => expect(window.location.search).toMatch(/^\?v=1&lab=raft&s=/));
    expect(linked()).toMatchObject({ scenario: { lab: 'raft', seed: 1, nodes: 5 }, cursorMs: 0 });
    expect(screen.getByTestId('seed').textContent).toBe('1');
    expect(screen.getByTestId('leader').textContent).toBe('none');
    expect(document.querySelectorAll('[data-testid^="node-n"]')).toHaveLength(5);
  });

  it('reads ?seed and ?nodes from the address', async () => {
    const { scenarios } = setup('?seed=42&nodes=3');
    await screen.findByRole('button', { name: 'n3, follower, term 1' });
    expect(scenarios).toHaveBeenCalledWith('raft', 42, 3);
    expect(screen.getAllByRole('button', { name: /^link / })).toHaveLength(3);
    await waitFor(() => expect(linked().scenario).toMatchObject({ seed: 42, nodes: 3 }));
  });

  it('plays on load and advances the worker as the clock ticks', async () => {
    const { clock, fake } = setup();
    await screen.findByRole('button', { name: 'n1, follower, term 1' });
    await waitFor(() => expect(clock.running).toBe(true));
    clock.tick(16);
    await waitFor(() => expect(fake.count('advanceTo')).toBe(1));
    expect(screen.getByTestId('playback-state').textContent).toContain('playing');
  });

  it('stays paused with ?autoplay=0 and steps on PageDown', async () => {
    const { clock, fake, user } = setup('?autoplay=0');
    await screen.findByRole('button', { name: 'n1, follower, term 1' });
    expect(clock.running).toBe(false);
    await user.keyboard('{PageDown}');
    await waitFor(() => expect(fake.count('step')).toBe(1));
    await waitFor(() => expect(screen.getByTestId('virtual-time').textContent).toBe('0.010 s'));
  });

  it('reloads with a new seed and keeps the address in sync', async () => {
    const { user, fake } = setup('?autoplay=0');
    await screen.findByRole('button', { name: 'n1, follower, term 1' });
    const input = screen.getByLabelText('Seed');
    await user.clear(input);
    await user.type(input, '99{Enter}');
    await waitFor(() => expect(screen.getByTestId('seed').textContent).toBe('99'));
    expect(fake.count('load')).toBe(2);
    await waitFor(() => expect(linked().scenario.seed).toBe(99));
    expect(new URLSearchParams(window.location.search).get('autoplay')).toBe('0');
  });

  it('reloads with another cluster size', async () => {
    const { user } = setup('?autoplay=0');
    await screen.findByRole('button', { name: 'n1, follower, term 1' });
    await choose(user, 'node-count', '7');
    await screen.findByRole('button', { name: 'n7, follower, term 1' });
    await waitFor(() => expect(linked().scenario.nodes).toBe(7));
  });

  it('kills the leader with k, heals with h and opens the shortcuts with ?', async () => {
    const { user, fake } = setup('?autoplay=0');
    await screen.findByRole('button', { name: 'n1, follower, term 1' });
    await user.keyboard('kh?');
    await waitFor(() => expect(fake.injected).toEqual([{ do: 'crash', node: 'leader' }, { do: 'heal' }]));
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('opens a node’s menu and the inspector when the node is clicked', async () => {
    const { user, fake } = setup('?autoplay=0');
    await user.click(await screen.findByRole('button', { name: 'n2, follower, term 1' }));
    expect(screen.getByTestId('inspector-id').textContent).toBe('n2');
    await user.click(screen.getByRole('button', { name: 'Client write x=1' }));
    await user.click(screen.getByRole('button', { name: 'Client write x=2' }));
    await waitFor(() => expect(fake.injected).toHaveLength(2));
    expect(fake.injected[1]).toEqual({ do: 'request', node: 'n2', op: { f: 'write', key: 'x', value: 2 } });
  });

  it('pauses and alerts on a violation', async () => {
    const fake = new FakeSimulation();
    const { clock } = setup('', fake);
    await screen.findByRole('button', { name: 'n1, follower, term 1' });
    await waitFor(() => expect(clock.running).toBe(true));
    const violation = { invariant: 'election-safety', message: 'two leaders in term 3', timeMs: 812, seed: 1 };
    fake.advanceTo = async (timeMs) => (fake.current = { ...fake.current, timeMs, violations: [violation] });
    clock.tick(16);
    const alert = await screen.findByTestId('violation');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toContain('election-safety');
    expect(alert.textContent).toContain('two leaders in term 3');
    expect(alert.textContent).toContain('0.812 s');
    expect(alert.textContent).toContain('seed 1');
    await waitFor(() => expect(clock.running).toBe(false));
  });

  it('shows an error instead of a blank page when the worker fails', async () => {
    const fake = new FakeSimulation();
    fake.load = async () => {
      throw new Error('Worker script failed to load');
    };
    setup('', fake);
    const error = await screen.findByTestId('error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toContain('Worker script failed to load');
  });

  it('shows the trace hash and event count', async () => {
    const fake = new FakeSimulation();
    fake.load = async () => ({ ok: true, frame: (fake.current = makeFrame({ timeMs: 0, traceHash: 'f00d', eventCount: 3 })) });
    setup('?autoplay=0', fake);
    expect((await screen.findByTestId('trace-hash')).textContent).toBe('f00d');
    expect(screen.getByTestId('event-count').textContent).toBe('3');
  });

  it('terminates the worker when unmounted', async () => {
    const { unmount, terminate } = setup('?autoplay=0');
    await screen.findByRole('button', { name: 'n1, follower, term 1' });
    unmount();
    expect(terminate).toHaveBeenCalledOnce();
  });
});
