// @vitest-environment happy-dom
// The toolbar: each control calls the right callback or sends the right action.
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import Controls from '../../src/ui/controls/Controls.svelte';

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
    onShowHelp: vi.fn(),
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
    await user.selectOptions(screen.getByLabelText('Speed'), '100');
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

  it('asks for a new seed, a node count and the shortcuts', async () => {
    const { props, user } = setup();
    await user.click(screen.getByRole('button', { name: 'New seed' }));
    await user.selectOptions(screen.getByLabelText('Nodes'), '7');
    await user.click(screen.getByRole('button', { name: 'Keyboard shortcuts' }));
    expect(props.onNewSeed).toHaveBeenCalledOnce();
    expect(props.onNodesChange).toHaveBeenCalledWith(7);
    expect(props.onShowHelp).toHaveBeenCalledOnce();
  });

  it('offers 3 to 9 nodes', () => {
    setup();
    const options = [...(screen.getByLabelText('Nodes') as HTMLSelectElement).options].map((o) => o.value);
    expect(options).toEqual(['3', '4', '5', '6', '7', '8', '9']);
  });

  it('disables actions while the worker is not ready', () => {
    setup({ disabled: true });
    for (const id of ['play-pause', 'step', 'kill-leader', 'heal-all', 'new-seed']) {
      expect((screen.getByTestId(id) as HTMLButtonElement).disabled).toBe(true);
    }
  });
});
