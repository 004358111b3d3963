// @vitest-environment happy-dom
// The status line and the violation alert.
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import StatusLine from '../../src/ui/StatusLine.svelte';
import ViolationAlert from '../../src/ui/ViolationAlert.svelte';
import { makeFrame } from './fixtures';

describe('StatusLine', () => {
  it('shows time, events, leader, seed and trace hash', () => {
    render(StatusLine, { props: { frame: makeFrame(), playing: false, speed: 0.1 } });
    expect(screen.getByTestId('virtual-time').textContent).toBe('1.234 s');
    expect(screen.getByTestId('event-count').textContent).toBe('42');
    expect(screen.getByTestId('leader').textContent).toBe('n1');
    expect(screen.getByTestId('seed').textContent).toBe('7');
    expect(screen.getByTestId('trace-hash').textContent).toBe('abc123');
    expect(screen.getByTestId('playback-state').textContent).toBe('paused at 1/10×');
    expect(screen.queryByTestId('limited')).toBeNull();
  });

  it('says when a limit was hit', () => {
    render(StatusLine, { props: { frame: makeFrame({ limited: 'events per advance' }), playing: true, speed: 1 } });
    expect(screen.getByTestId('limited').textContent).toBe('events per advance');
  });
});

describe('ViolationAlert', () => {
  it('renders nothing without violations', () => {
    render(ViolationAlert, { props: { violations: [] } });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows invariant, message, time and seed', () => {
    render(ViolationAlert, {
      props: { violations: [{ invariant: 'log-matching', message: 'n2 and n3 differ at 4', timeMs: 2500, seed: 9 }] },
    });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('log-matching');
    expect(alert.textContent).toContain('n2 and n3 differ at 4');
    expect(alert.textContent).toContain('2.500 s');
    expect(alert.textContent).toContain('seed 9');
  });
});
