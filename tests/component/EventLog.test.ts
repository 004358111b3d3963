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

describe('EventLog folds repeated elections', () => {
  const election = (seq: number, node: string, term: number) => ({
    seq,
    timeMs: seq * 100,
    kind: 'note' as const,
    node,
    tag: 'became-candidate',
    text: `${node} became candidate for term ${term}`,
    data: { node, term },
  });
  const stepDown = (seq: number, node: string, term: number) => ({
    seq,
    timeMs: seq * 100,
    kind: 'note' as const,
    node,
    tag: 'stepped-down',
    text: `${node} stepped down from candidate to follower in term ${term}: higher term`,
    data: { node, term, from: 'candidate' },
  });
  const lines = () => within(screen.getByTestId('event-log')).getAllByRole('listitem').map((item) => item.textContent);

  it('shows a minority node’s 27 elections as one line with their terms, keeping other events', () => {
    const storm = [
      { seq: 1, timeMs: 50, kind: 'note' as const, node: 'n1', tag: 'became-leader', text: 'n1 became leader for term 3', data: { node: 'n1', term: 3 } },
      ...Array.from({ length: 27 }, (_, i) => (i % 5 === 4 ? [election(2 + 2 * i, 'n4', 4 + i), stepDown(3 + 2 * i, 'n4', 5 + i)] : [election(2 + 2 * i, 'n4', 4 + i)])).flat(),
      { seq: 100, timeMs: 10000, kind: 'cut' as const, from: 'n1', to: 'n2', text: 'link n1–n2 cut' },
    ].sort((a, b) => a.seq - b.seq);
    render(EventLog, { props: { events: storm } });
    const shown = lines();
    expect(shown.filter((line) => line?.includes('n4: 27 elections, terms 4–30'))).toHaveLength(1);
    expect(shown.some((line) => line?.includes('became candidate'))).toBe(false);
    expect(shown.some((line) => line?.includes('n1 became leader for term 3'))).toBe(true);
    expect(shown.some((line) => line?.includes('link n1–n2 cut'))).toBe(true);
  });

  it('keeps two elections as they are, and starts a new run after the node wins', () => {
    const events = [election(1, 'n2', 1), election(2, 'n2', 2), { seq: 3, timeMs: 300, kind: 'note' as const, node: 'n2', tag: 'became-leader', text: 'n2 became leader for term 2', data: { node: 'n2', term: 2 } }, election(4, 'n2', 3), election(5, 'n2', 4), election(6, 'n2', 5)];
    render(EventLog, { props: { events } });
    expect(lines()).toEqual([
      '0.600 s — n2: 3 elections, terms 3–5',
      '0.300 s — n2 became leader for term 2',
      '0.200 s — n2 became candidate for term 2',
      '0.100 s — n2 became candidate for term 1',
    ]);
  });
});

