// @vitest-environment happy-dom
// The Raft lab's teaching switch: breaking the vote-once rule on purpose reloads the run with
// params.bug, the link records it, and a link that carries it opens with the box checked.
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeShareState, encodeShareState } from '../../src/share';
import type { Scenario } from '../../src/scenarios/scenario';
import App from '../../src/ui/App.svelte';
import { FakeSimulation, simulatedClock } from './fixtures';
import { choose } from './listbox';

/** Like the real worker: the frame reports the loaded lab, and the recording is the loaded scenario. */
class ScenarioFake extends FakeSimulation {
  loaded: Scenario[] = [];

  override async load(scenario: unknown) {
    const result = await super.load(scenario);
    this.loaded.push(scenario as Scenario);
    if (result.ok) this.current = result.frame = { ...result.frame, lab: (scenario as Scenario).lab };
    return result;
  }

  override async recorded(): Promise<Scenario> {
    return { ...this.loaded[this.loaded.length - 1], actions: [] };
  }

  get last(): Scenario {
    return this.loaded[this.loaded.length - 1];
  }
}

const scenarioFor = (lab: string, seed: number, nodes?: number): Scenario => ({
  lab,
  seed,
  nodes: nodes ?? 5,
  params: { heartbeatMs: 50 },
  actions: [],
});

function setup(search: string) {
  window.history.replaceState(null, '', `/${search}`);
  const fake = new ScenarioFake();
  render(App, {
    props: { connect: () => ({ client: fake, terminate: vi.fn() }), scenarioFor: vi.fn(scenarioFor), clock: simulatedClock().logic },
  });
  return { fake, user: userEvent.setup() };
}

function linked() {
  const decoded = decodeShareState(window.location.search);
  if (decoded.kind !== 'ok') throw new Error(`the address holds no share link: ${window.location.search}`);
  return decoded.state;
}

const box = () => screen.getByTestId('bug-vote-twice') as HTMLInputElement;

beforeEach(() => {
  window.history.replaceState(null, '', '/');
  window.localStorage.clear();
});

describe('breaking the vote-once rule', () => {
  it('checking the box reloads the same seed with params.bug, unchecking reloads without it', async () => {
    const { fake, user } = setup('?seed=2&autoplay=0');
    await screen.findByRole('button', { name: /^n1, / });
    expect(box().checked).toBe(false);
    expect(screen.queryByTestId('bug-warning')).toBeNull();

    await user.click(box());
    await waitFor(() => expect(fake.count('load')).toBe(2));
    expect(fake.last).toMatchObject({ lab: 'raft', seed: 2, nodes: 5, params: { heartbeatMs: 50, bug: 'vote-twice' } });
    await waitFor(() => expect(box().checked).toBe(true));
    expect(screen.getByTestId('bug-warning').textContent).toContain('Vote-once rule off');
    await waitFor(() => expect(linked().scenario.params).toMatchObject({ bug: 'vote-twice' }));

    await user.click(box());
    await waitFor(() => expect(fake.count('load')).toBe(3));
    expect(fake.last.seed).toBe(2);
    expect(fake.last.params).toEqual({ heartbeatMs: 50 });
    await waitFor(() => expect(box().checked).toBe(false));
    expect(screen.queryByTestId('bug-warning')).toBeNull();
    await waitFor(() => expect(linked().scenario.params?.bug).toBeUndefined());
  });

  it('keeps the broken rule across a change of seed', async () => {
    const { fake, user } = setup('?seed=2&autoplay=0');
    await screen.findByRole('button', { name: /^n1, / });
    await user.click(box());
    await waitFor(() => expect(box().checked).toBe(true));
    await user.click(screen.getByTestId('new-seed'));
    await waitFor(() => expect(fake.count('load')).toBe(3));
    expect(fake.last.seed).not.toBe(2);
    expect(fake.last.params?.bug).toBe('vote-twice');
  });

  it('a share link that carries the bug opens with the box checked', async () => {
    const scenario: Scenario = { ...scenarioFor('raft', 2), params: { heartbeatMs: 50, bug: 'vote-twice' } };
    const { fake } = setup(`?${encodeShareState({ scenario, cursorMs: 0 })}`);
    await screen.findByRole('button', { name: /^n1, / });
    expect(fake.last.params?.bug).toBe('vote-twice');
    await waitFor(() => expect(box().checked).toBe(true));
    expect(screen.getByTestId('bug-warning')).toBeTruthy();
  });

  it('is offered in the Raft lab only', async () => {
    const { user } = setup('?autoplay=0');
    await screen.findByRole('button', { name: /^n1, / });
    expect(box().checked).toBe(false);
    await choose(user, 'lab-select', 'cap');
    await waitFor(() => expect(screen.queryByTestId('bug-vote-twice')).toBeNull());
  });
});
