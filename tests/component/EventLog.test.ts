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

  it('announces only new events in a polite live region, and nothing on going back', async () => {
    const view = render(EventLog, { props: { events } });
    const announcer = screen.getByTestId('event-announcer');
    expect(announcer.getAttribute('aria-live')).toBe('polite');
    expect(screen.getByTestId('event-log').getAttribute('aria-live')).toBeNull();
    expect(announcer.textContent).toBe('');
    const later = [...events, { seq: 9, timeMs: 1500, kind: 'crash' as const, text: 'n3 crashed' }];
    await view.rerender({ events: later });
    expect(announcer.textContent).toBe('n3 crashed');
    const burst = [...later, ...[10, 11, 12, 13].map((seq) => ({ seq, timeMs: seq * 200, kind: 'note' as const, text: `e${seq}` }))];
    await view.rerender({ events: burst });
    expect(announcer.textContent).toBe('e11. e12. e13');
    await view.rerender({ events });
    expect(announcer.textContent).toBe('e11. e12. e13');
    await view.rerender({ events: [...events, { seq: 6, timeMs: 1300, kind: 'note' as const, text: 'n4 voted' }] });
    expect(announcer.textContent).toBe('n4 voted');
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
