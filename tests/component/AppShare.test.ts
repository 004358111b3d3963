// @vitest-environment happy-dom
// The page's new powers against a fake worker: share links and time travel, themes, presentation,
// the lab switch, imports, and the embedded mode with its postMessage bridge.
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeShareState, encodeShareState } from '../../src/share';
import App from '../../src/ui/App.svelte';
import type { Scenario } from '../../src/scenarios/scenario';
import { FakeSimulation, makeFrame, makeNode, simulatedClock } from './fixtures';
import { choose } from './listbox';

/** A fake that reports the lab it was given, like the real worker. */
class LabAwareFake extends FakeSimulation {
  override async load(scenario: unknown) {
    const result = await super.load(scenario);
    const lab = (scenario as Scenario).lab;
    if (result.ok) this.current = result.frame = { ...result.frame, lab };
    return result;
  }

  override async recorded() {
    return { ...(await super.recorded()), lab: this.current.lab };
  }
}

const scenarioFor = (lab: string, seed: number, nodes?: number): Scenario => ({ lab, seed, nodes: nodes ?? 5, actions: [] });

function setup(search = '', fake: FakeSimulation = new LabAwareFake(), extra: Record<string, unknown> = {}) {
  window.history.replaceState(null, '', `/${search}`);
  const clock = simulatedClock();
  const scenarios = vi.fn(scenarioFor);
  const result = render(App, {
    props: { connect: () => ({ client: fake, terminate: vi.fn() }), scenarioFor: scenarios, clock: clock.logic, ...extra },
  });
  return { ...result, fake, clock, scenarios, user: userEvent.setup() };
}

const ready = () => screen.findByRole('button', { name: /^n1, / });

function linked() {
  const decoded = decodeShareState(window.location.search);
  if (decoded.kind !== 'ok') throw new Error(`no share link in ${window.location.search}`);
  return decoded.state;
}

beforeEach(() => {
  window.localStorage.clear();
  document.documentElement.className = '';
  delete document.documentElement.dataset.theme;
});
afterEach(() => vi.restoreAllMocks());

describe('share links', () => {
  it('opens a shared run paused at its cursor, with its actions', async () => {
    const scenario: Scenario = { lab: 'raft', seed: 12, nodes: 5, actions: [{ at: 300, do: 'crash', node: 'n2' }] };
    const { fake, clock } = setup(`?${encodeShareState({ scenario, cursorMs: 1800 })}`);
    await ready();
    await waitFor(() => expect(screen.getByTestId('virtual-time').textContent).toBe('1.800 s'));
    expect((fake.calls[0].args[0] as Scenario).actions).toEqual(scenario.actions);
    expect(fake.calls.filter((call) => call.method === 'seek').map((call) => call.args[0])).toEqual([1800]);
    expect(clock.running).toBe(false);
    expect(screen.getByTestId('playback-state').textContent).toMatch(/^paused/);
    await waitFor(() => expect(linked().cursorMs).toBe(1800));
  });

  it('shows why a tampered link cannot open, loads the default lab, and can be dismissed', async () => {
    const query = encodeShareState({ scenario: { lab: 'raft', seed: 3, nodes: 5, actions: [] }, cursorMs: 10 });
    const tampered = query.replace(/s=(.)/, (_, first: string) => `s=${first === 'A' ? 'B' : 'A'}`);
    const { scenarios, user } = setup(`?${tampered}`);
    const alert = await screen.findByTestId('link-error');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toMatch(/truncated or was altered|not valid|does not decompress/);
    await ready();
    expect(scenarios).toHaveBeenCalledWith('raft', 1, 5);
    await user.click(screen.getByRole('button', { name: 'Dismiss this message' }));
    expect(screen.queryByTestId('link-error')).toBeNull();
  });

  it('scrubs with the timeline and nudges with ] and PageUp', async () => {
    const { fake, user } = setup('?autoplay=0');
    await ready();
    await user.keyboard(']]');
    await waitFor(() => expect(screen.getByTestId('virtual-time').textContent).toBe('0.200 s'));
    expect(fake.calls.filter((call) => call.method === 'advanceTo').map((call) => call.args[0])).toEqual([100, 200]);
    const timeline = screen.getByRole('slider', { name: 'Timeline' }) as HTMLInputElement;
    expect(timeline.max).toBe('200');
    timeline.value = '50';
    await fireEvent.input(timeline);
    await waitFor(() => expect(screen.getByTestId('virtual-time').textContent).toBe('0.050 s'));
    expect(timeline.max).toBe('200');
    await user.keyboard('{PageUp}');
    await waitFor(() => expect(screen.getByTestId('virtual-time').textContent).toBe('0.000 s'));
    await waitFor(() => expect(linked().cursorMs).toBe(0));
  });
});

describe('classroom', () => {
  it('switches theme, remembers it and puts it in the link', async () => {
    const { user } = setup('?autoplay=0');
    await ready();
    expect(document.documentElement.dataset.theme).toBe('light');
    await user.click(screen.getByTestId('more-menu'));
    await user.click(screen.getByLabelText('Dark'));
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(window.localStorage.getItem('splitbrain:theme')).toBe('dark');
    await waitFor(() => expect(linked().view?.theme).toBe('dark'));
  });

  it('enters and leaves presentation mode with p, asking for full screen', async () => {
    const requestFullscreen = vi.fn(async () => {});
    document.documentElement.requestFullscreen = requestFullscreen;
    const { user } = setup('?autoplay=0');
    await ready();
    await user.keyboard('p');
    expect(document.documentElement.classList.contains('present')).toBe(true);
    expect(screen.getByTestId('present-button').getAttribute('aria-pressed')).toBe('true');
    expect(requestFullscreen).toHaveBeenCalledOnce();
    await user.keyboard('p');
    expect(document.documentElement.classList.contains('present')).toBe(false);
  });

  it('starts presenting with ?present', async () => {
    setup('?autoplay=0&present');
    await ready();
    expect(document.documentElement.classList.contains('present')).toBe(true);
  });
});

describe('lab switch', () => {
  it('loads the CAP lab and shows its panels instead of the inspector', async () => {
    const { scenarios, user } = setup('?autoplay=0');
    await ready();
    expect(screen.getByTestId('inspector')).toBeTruthy();
    await choose(user, 'lab-select', 'cap');
    await screen.findByTestId('cap-panels');
    expect(scenarios).toHaveBeenLastCalledWith('cap', 1, 5);
    expect(screen.queryByTestId('inspector')).toBeNull();
    await waitFor(() => expect(linked().scenario.lab).toBe('cap'));
  });

  it('says so when a lab cannot load, and keeps the running one', async () => {
    const fake = new LabAwareFake();
    const { user } = setup('?autoplay=0', fake);
    await ready();
    fake.load = async () => ({ ok: false, issues: [{ code: 'lab.unknown', path: 'lab', message: 'unknown lab "cap"' }] });
    await choose(user, 'lab-select', 'cap');
    const error = await screen.findByTestId('lab-error');
    expect(error.textContent).toContain('unknown lab "cap"');
    expect(screen.getByTestId('inspector')).toBeTruthy();
    expect(screen.getByTestId('lab-select').getAttribute('data-value')).toBe('raft');
  });
});

describe('import', () => {
  const file = (name: string, value: unknown) => new File([JSON.stringify(value)], name, { type: 'application/json' });

  it('loads an imported scenario', async () => {
    const { fake, user } = setup('?autoplay=0');
    await ready();
    await user.upload(screen.getByTestId('import-file'), file('run.json', { lab: 'raft', seed: 55, nodes: 3, actions: [] }));
    await waitFor(() => expect(screen.getByTestId('seed').textContent).toBe('55'));
    expect(fake.count('load')).toBe(2);
    expect(screen.getByTestId('import-notice').textContent).toContain('run.json');
  });

  it('lists the worker’s issues with a bad scenario and keeps running', async () => {
    const fake = new LabAwareFake();
    const { user } = setup('?autoplay=0', fake);
    await ready();
    fake.load = async () => ({
      ok: false,
      issues: [
        { code: 'nodes.range', path: 'nodes', message: 'must be 3 to 9' },
        { code: 'actions.0.do', path: 'actions.0.do', message: 'unknown action "explode"' },
      ],
    });
    await user.upload(screen.getByTestId('import-file'), file('bad.json', { lab: 'raft', seed: 1, nodes: 99, actions: [] }));
    const error = await screen.findByTestId('import-error');
    expect([...error.querySelectorAll('li')].map((item) => item.textContent)).toEqual([
      'nodes: must be 3 to 9',
      'actions.0.do: unknown action "explode"',
    ]);
    expect(screen.queryByTestId('error')).toBeNull();
  });

  it('hands an imported history to the hook and counts its events', async () => {
    const onHistoryImported = vi.fn();
    const { user } = setup('?autoplay=0', new LabAwareFake(), { onHistoryImported });
    await ready();
    const history = [
      { process: 0, type: 'invoke', f: 'read', key: 'x' },
      { process: 0, type: 'ok', f: 'read', key: 'x', value: 1 },
      { process: 1, type: 'invoke', f: 'write', key: 'x', value: 2 },
    ];
    await user.upload(screen.getByTestId('import-file'), file('history.json', history));
    expect((await screen.findByTestId('import-notice')).textContent).toContain('3 events');
    expect(onHistoryImported).toHaveBeenCalledOnce();
    expect(onHistoryImported.mock.calls[0][0]).toHaveLength(3);
  });
});

describe('embedded', () => {
  it('shows only the stage and a compact bar, per controls=', async () => {
    setup('?embed&controls=minimal&seed=4');
    await ready();
    expect(screen.getByTestId('timeline')).toBeTruthy();
    expect(screen.getByTestId('play-pause')).toBeTruthy();
    expect(screen.queryByTestId('step')).toBeNull();
    expect(screen.queryByTestId('inspector')).toBeNull();
    expect(screen.queryByTestId('controls')).toBeNull();
    expect(document.documentElement.classList.contains('embedded')).toBe(true);
  });

  it('does not autoplay unless asked, and seeks to start=', async () => {
    const { fake, clock } = setup('?embed&start=700&seed=4');
    await ready();
    await waitFor(() => expect(fake.calls.some((call) => call.method === 'seek' && call.args[0] === 700)).toBe(true));
    expect(clock.running).toBe(false);
  });

  it('obeys postMessage commands and warns about bad ones', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    // The lab sits in a frame: commands count only when they come from that parent window.
    const host = { postMessage: vi.fn() };
    const parent = vi.spyOn(window, 'parent', 'get').mockReturnValue(host as unknown as Window);
    const fake = new LabAwareFake();
    const { clock } = setup('?embed&autoplay=0', fake);
    await ready();
    fake.current = makeFrame({ timeMs: 0, nodes: ['n1', 'n2', 'n3', 'n4', 'n5'].map((id) => makeNode(id)) });
    const post = (data: unknown, source: unknown = host) => window.dispatchEvent(new MessageEvent('message', { data, source: source as Window }));
    post({ type: 'splitbrain:play' }, null);
    expect(clock.running).toBe(false);
    post({ type: 'splitbrain:play' });
    await waitFor(() => expect(clock.running).toBe(true));
    post({ type: 'splitbrain:pause' });
    await waitFor(() => expect(clock.running).toBe(false));
    post({ type: 'splitbrain:seek', timeMs: 900 });
    await waitFor(() => expect(fake.calls.some((call) => call.method === 'seek' && call.args[0] === 900)).toBe(true));
    post({ type: 'splitbrain:inject', action: { do: 'crash', node: 'n3' } });
    await waitFor(() => expect(fake.injected).toEqual([{ do: 'crash', node: 'n3' }]));
    post({ type: 'splitbrain:inject', action: { do: 'crash', node: 'n99' } });
    post({ type: 'splitbrain:load', scenario: { lab: 'raft', seed: 1, nodes: 42, actions: [] } });
    expect(warn).toHaveBeenCalledTimes(2);
    expect(fake.count('load')).toBe(1);
    parent.mockRestore();
  });
});
