// @vitest-environment happy-dom
// The event log: newest first, with virtual times, in a polite live region.
import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import EventLog from '../../src/ui/EventLog.svelte';

const events = [
  { seq: 1, timeMs: 10, kind: 'note' as const, text: 'n1 started an election for term 1' },
  { seq: 5, timeMs: 1234, kind: 'note' as const, text: 'n3 became leader for term 4' },
];

describe('EventLog', () => {
  it('lists events newest first with their times', () => {
    render(EventLog, { props: { events } });
    const items = within(screen.getByTestId('event-log')).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      '1.234 s — n3 became leader for term 4',
      '0.010 s — n1 started an election for term 1',
    ]);
  });

  it('is a polite live region', () => {
    render(EventLog, { props: { events } });
    expect(screen.getByTestId('event-log').getAttribute('aria-live')).toBe('polite');
  });

  it('says when nothing happened yet', () => {
    render(EventLog, { props: { events: [] } });
    expect(screen.getByText('Nothing notable yet.')).toBeTruthy();
  });

  it('shows at most `limit` lines, keeping the newest', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ seq: i, timeMs: i, kind: 'note' as const, text: `e${i}` }));
    render(EventLog, { props: { events: many, limit: 5 } });
    const items = within(screen.getByTestId('event-log')).getAllByRole('listitem');
    expect(items).toHaveLength(5);
    expect(items[0].textContent).toContain('e29');
  });
});
