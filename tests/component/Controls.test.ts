// @vitest-environment happy-dom
// The toolbar: each control calls the right callback or sends the right action.
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import Controls from '../../src/ui/controls/Controls.svelte';
import { choose, optionValues } from './listbox';

function setup(overrides: Record<string, unknown> = {}) {
  const props = {
    playing: false,
    speed: 1,
    seed: 7,
    nodes: 5,
    onTogglePlay: vi.fn(),
    onStep: vi.fn(),
    onSpeedChange: vi.fn(),
    onSeedChange: vi.fn(),
    onNewSeed: vi.fn(),
    onNodesChange: vi.fn(),
    onInject: vi.fn(),
    ...overrides,
  };
  render(Controls, { props });
  return { props, user: userEvent.setup() };
}

describe('Controls', () => {
  it('plays, pauses and steps', async () => {
    const { props, user } = setup();
    expect(screen.getByTestId('play-pause')).toHaveProperty('textContent', expect.stringContaining('Play'));
    await user.click(screen.getByTestId('play-pause'));
    await user.click(screen.getByRole('button', { name: /step/i }));
    expect(props.onTogglePlay).toHaveBeenCalledOnce();
    expect(props.onStep).toHaveBeenCalledOnce();
  });

  it('labels the button Pause while playing', () => {
    setup({ playing: true });
    expect(screen.getByTestId('play-pause').textContent).toContain('Pause');
  });

  it('changes speed', async () => {
    const { props, user } = setup();
    expect(screen.getByRole('button', { name: /^Speed/ }).getAttribute('aria-haspopup')).toBe('listbox');
    await choose(user, 'speed', '100');
    expect(props.onSpeedChange).toHaveBeenCalledWith(100);
  });

  it('kills the leader and heals all links', async () => {
    const { props, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Kill leader' }));
    await user.click(screen.getByRole('button', { name: 'Heal all' }));
    expect(props.onInject).toHaveBeenNthCalledWith(1, { do: 'crash', node: 'leader' });
    expect(props.onInject).toHaveBeenNthCalledWith(2, { do: 'heal' });
  });

  it('shows the seed and applies an edited one on Enter', async () => {
    const { props, user } = setup();
    const input = screen.getByLabelText('Seed') as HTMLInputElement;
    expect(input.value).toBe('7');
    await user.clear(input);
    await user.type(input, '1234');
    expect(props.onSeedChange).not.toHaveBeenCalled();
    await user.keyboard('{Enter}');
    expect(props.onSeedChange).toHaveBeenCalledWith(1234);
  });

  it('refuses a seed that is not a whole number', async () => {
    const { props, user } = setup();
    const input = screen.getByLabelText('Seed');
    await user.clear(input);
    await user.keyboard('{Enter}');
    expect(props.onSeedChange).not.toHaveBeenCalled();
    expect(input.getAttribute('aria-invalid')).toBe('true');
  });

  it('asks for a new seed and a node count', async () => {
    const { props, user } = setup();
    await user.click(screen.getByRole('button', { name: 'New seed' }));
    await choose(user, 'node-count', '7');
    expect(props.onNewSeed).toHaveBeenCalledOnce();
    expect(props.onNodesChange).toHaveBeenCalledWith(7);
  });

  it('offers 3 to 9 nodes', async () => {
    const { user } = setup();
    expect(await optionValues(user, 'node-count')).toEqual(['3', '4', '5', '6', '7', '8', '9']);
  });

  it('picks from a listbox with the keyboard: ↓ opens it, ↓ moves, Enter picks, focus returns', async () => {
    const { props, user } = setup();
    screen.getByTestId('speed').focus();
    await user.keyboard('{ArrowDown}');
    const list = screen.getByRole('listbox', { name: 'Speed' });
    expect(document.activeElement).toBe(list);
    expect(list.getAttribute('aria-activedescendant')).toBeTruthy();
    await user.keyboard('{ArrowDown}{Enter}');
    expect(props.onSpeedChange).toHaveBeenCalledWith(4);
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('speed'));
  });

  it('leaves out what a presenter does not need', () => {
    setup({ presenter: true });
    expect(screen.queryByTestId('speed')).toBeNull();
    expect(screen.queryByTestId('seed-input')).toBeNull();
    expect(screen.queryByTestId('node-count')).toBeNull();
    for (const id of ['play-pause', 'step', 'kill-leader', 'heal-all']) expect(screen.getByTestId(id)).toBeTruthy();
  });

  it('disables actions while the worker is not ready', () => {
    setup({ disabled: true });
    for (const id of ['play-pause', 'step', 'kill-leader', 'heal-all', 'new-seed']) {
      expect((screen.getByTestId(id) as HTMLButtonElement).disabled).toBe(true);
    }
  });
});
