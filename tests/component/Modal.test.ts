// @vitest-environment happy-dom
// The modal dialog both dialogs share: its name, where focus goes in and comes back, and the three
// ways to close it (Escape, the backdrop, the owner's own button).
import { fireEvent, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { createRawSnippet } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import Modal from '../../src/ui/Modal.svelte';

const body = (html: string) => createRawSnippet(() => ({ render: () => html }));

function setup(props: { open?: boolean; html?: string } = {}) {
  const onClose = vi.fn();
  const opener = document.createElement('button');
  opener.textContent = 'Open';
  document.body.append(opener);
  opener.focus();
  const children = body(props.html ?? '<div><input aria-label="Name" /><button data-autofocus>OK</button></div>');
  const result = render(Modal, { props: { open: props.open ?? true, onClose, title: 'Settings', testId: 'settings', children } });
  return { ...result, onClose, opener, children };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('Modal', () => {
  it('is a modal dialog named by its title', () => {
    setup();
    const dialog = screen.getByRole('dialog', { name: 'Settings' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(dialog.getAttribute('data-testid')).toBe('settings');
  });

  it('renders nothing while closed', () => {
    setup({ open: false });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('moves focus to the marked element, or to the panel, and back to the opener on close', async () => {
    const { rerender, onClose, opener, children } = setup();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'OK' }));
    await rerender({ open: false, onClose, title: 'Settings', children });
    expect(document.activeElement).toBe(opener);

    await rerender({ open: true, onClose, title: 'Settings', children: body('<p>Nothing to focus</p>') });
    expect(document.activeElement).toBe(screen.getByRole('dialog'));
  });

  it('closes on Escape without the key reaching the page, and on a click on the backdrop only', async () => {
    const { onClose } = setup();
    const onWindowKey = vi.fn();
    window.addEventListener('keydown', onWindowKey);
    await userEvent.setup().keyboard('{Escape}');
    window.removeEventListener('keydown', onWindowKey);
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(onWindowKey).not.toHaveBeenCalled();

    await fireEvent.click(screen.getByRole('dialog'));
    expect(onClose).toHaveBeenCalledTimes(1);
    await fireEvent.click(screen.getByRole('dialog').parentElement as HTMLElement);
    expect(onClose).toHaveBeenCalledTimes(2);
  });
});
