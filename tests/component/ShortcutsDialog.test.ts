// @vitest-environment happy-dom
// The shortcuts dialog and the window key listener that toggles it.
import { fireEvent, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import KeyboardShortcuts from '../../src/ui/KeyboardShortcuts.svelte';
import ShortcutsDialog from '../../src/ui/ShortcutsDialog.svelte';

describe('ShortcutsDialog', () => {
  it('is absent when closed', () => {
    render(ShortcutsDialog, { props: { open: false, onClose: vi.fn() } });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('lists every shortcut and focuses its close button', () => {
    render(ShortcutsDialog, { props: { open: true, onClose: vi.fn() } });
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    for (const text of ['Play or pause', 'Step to the next event', 'Kill the current leader', 'Heal every link']) {
      expect(dialog.textContent).toContain(text);
    }
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Close' }));
  });

  it('closes on Escape and on the close button', async () => {
    const onClose = vi.fn();
    render(ShortcutsDialog, { props: { open: true, onClose } });
    const user = userEvent.setup();
    await user.keyboard('{Escape}');
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledTimes(2);
  });
});

describe('KeyboardShortcuts', () => {
  it('turns keys on the page into commands', async () => {
    const onCommand = vi.fn();
    render(KeyboardShortcuts, { props: { onCommand } });
    const user = userEvent.setup();
    await user.keyboard('? {PageDown}.kh{Escape}');
    expect(onCommand.mock.calls.map((call) => call[0])).toEqual([
      'toggle-help',
      'toggle-play',
      'step',
      'blank',
      'kill-leader',
      'heal-all',
      'close',
    ]);
  });

  it('ignores keys typed into a field', async () => {
    const onCommand = vi.fn();
    render(KeyboardShortcuts, { props: { onCommand } });
    const input = document.createElement('input');
    document.body.append(input);
    await fireEvent.keyDown(input, { key: 'k' });
    expect(onCommand).not.toHaveBeenCalled();
    input.remove();
  });
});
