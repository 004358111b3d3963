// @vitest-environment happy-dom
// Copying links and snippets, the broken-link message and the Embed dialog.
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import CopyButton from '../../src/ui/share/CopyButton.svelte';
import EmbedDialog from '../../src/ui/share/EmbedDialog.svelte';
import LinkError from '../../src/ui/share/LinkError.svelte';

afterEach(() => vi.restoreAllMocks());

describe('CopyButton', () => {
  it('copies the newest text with the Clipboard API and says "Copied"', async () => {
    const writeText = vi.fn(async () => {});
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    let text = 'first';
    render(CopyButton, { props: { text: () => text } });
    text = 'https://example.org/?v=1&lab=raft&s=abc';
    await fireEvent.click(screen.getByRole('button', { name: 'Copy link' }));
    expect(writeText).toHaveBeenCalledWith('https://example.org/?v=1&lab=raft&s=abc');
    await waitFor(() => expect(screen.getByTestId('copy-link-status').textContent).toContain('Copied'));
    vi.unstubAllGlobals();
  });

  it('falls back to execCommand when the Clipboard API refuses', async () => {
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText: async () => Promise.reject(new Error('denied')) } });
    const exec = vi.fn(() => true);
    (document as unknown as { execCommand: typeof exec }).execCommand = exec;
    render(CopyButton, { props: { text: () => 'snippet', label: 'Copy snippet', testId: 'embed-copy' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Copy snippet' }));
    expect(exec).toHaveBeenCalledWith('copy');
    await waitFor(() => expect(screen.getByTestId('embed-copy-status').textContent).toContain('Copied'));
    vi.unstubAllGlobals();
  });
});

describe('LinkError', () => {
  it('is a dismissible alert with the decoder’s sentence', async () => {
    const onDismiss = vi.fn();
    render(LinkError, { props: { message: 'This link is truncated or was altered (checksum mismatch)', onDismiss } });
    const alert = screen.getByRole('alert');
    expect(alert.dataset.testid).toBe('link-error');
    expect(alert.textContent).toContain('checksum mismatch');
    expect(alert.textContent).toContain('default lab');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Dismiss this message' }));
    expect(onDismiss).toHaveBeenCalledOnce();
  });
});

describe('EmbedDialog', () => {
  const props = {
    open: true,
    onClose: vi.fn(),
    baseUrl: 'https://example.org/splitbrain/',
    shareQuery: 'v=1&lab=raft&s=abc',
    timeMs: 2500,
    theme: 'dark' as const,
    labName: 'Raft',
  };

  it('builds the snippet for the current lab and moment, with its options', async () => {
    render(EmbedDialog, { props });
    expect(screen.getByRole('dialog', { name: 'Embed this lab' })).toBeTruthy();
    const snippet = () => (screen.getByTestId('embed-snippet') as HTMLTextAreaElement).value.replaceAll('&#38;', '&');
    expect(snippet()).toContain('src="https://example.org/splitbrain/?embed&v=1&lab=raft&s=abc&autoplay=0&controls=all&start=2500&theme=dark"');
    expect(snippet()).toContain('title="Splitbrain Raft lab"');
    const user = userEvent.setup();
    await user.click(screen.getByLabelText('Autoplay'));
    await user.selectOptions(screen.getByLabelText('Controls'), 'none');
    await user.selectOptions(screen.getByLabelText('Theme'), 'light');
    const start = screen.getByLabelText('Start at (s)');
    await user.clear(start);
    await user.type(start, '1.5');
    expect(snippet()).toContain('autoplay=1&controls=none&start=1500&theme=light');
    expect(screen.getByRole('button', { name: 'Copy snippet' })).toBeTruthy();
  });

  it('closes on Escape and on Close', async () => {
    const onClose = vi.fn();
    render(EmbedDialog, { props: { ...props, onClose } });
    const user = userEvent.setup();
    await user.keyboard('{Escape}');
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it('is absent when closed', () => {
    render(EmbedDialog, { props: { ...props, open: false } });
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
