// @vitest-environment happy-dom
// The space-time diagram: an arrow per message in the window, picked by click or keyboard, one tab stop.
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Frame, NodeFrame, TraceEvent } from '../../src/engine/frame';
import type { MessageKindSpec } from '../../src/labs/define-lab';
import SpaceTime from '../../src/ui/spacetime/SpaceTime.svelte';

const KINDS: MessageKindSpec[] = [{ kind: 'append', label: 'AppendEntries', glyph: 'square' }];

const actor = (id: string): NodeFrame => ({
  id, role: 'server', home: null, up: true, paused: false, pausedUntilMs: null, clockSkewMs: 0, view: { role: 'follower', summary: '', details: {} }, timers: [],
});

let seq = 0;
const trace = (kind: TraceEvent['kind'], timeMs: number, messageId: number, from: string, to: string, extra: Partial<TraceEvent> = {}): TraceEvent => ({
  seq: seq++, timeMs, kind, from, to, messageId, messageType: 'AppendEntries', ...extra,
});

function frame(overrides: Partial<Frame> = {}): Frame {
  return {
    lab: 'test', seed: 1, timeMs: 2000, eventCount: 0, traceHash: '', nodes: ['n1', 'n2', 'n3'].map(actor), links: [],
    messages: [
      { id: 4, from: 'n3', to: 'n1', type: 'AppendEntries', label: 'AE', kind: 'append', sentAtMs: 1990, deliverAtMs: 2010, fate: 'in-flight' },
    ],
    traffic: [
      trace('send', 100, 9, 'n1', 'n2'), // before the window: left out
      trace('deliver', 120, 9, 'n1', 'n2'),
      trace('send', 1204, 1, 'n1', 'n3'),
      trace('deliver', 1219, 1, 'n1', 'n3'),
      trace('send', 1300, 2, 'n1', 'n2'),
      trace('drop', 1310, 2, 'n1', 'n2', { tag: 'cut' }),
      trace('send', 1500, 3, 'n2', 'n1'),
      trace('deliver', 1520, 3, 'n2', 'n1'),
      trace('send', 1990, 4, 'n3', 'n1'),
    ],
    notable: [],
    faults: [{ seq: 99, timeMs: 1300, kind: 'cut', from: 'n1', to: 'n2' }],
    violations: [], leader: null, nextEventAtMs: null, history: [], limited: null, historyOffset: 0, labView: null, metrics: {},
    ...overrides,
  };
}

function setup(props: Record<string, unknown> = {}) {
  const onSelectMessage = vi.fn();
  const result = render(SpaceTime, {
    props: { frame: frame(), windowMs: 1000, selectedMessageId: null, onSelectMessage, messageKinds: KINDS, ...props },
  });
  return { ...result, onSelectMessage, user: userEvent.setup() };
}

const arrows = () => screen.getAllByTestId('spacetime-arrow');

describe('SpaceTime', () => {
  it('draws one arrow per message in the window: delivered, lost and in flight', () => {
    setup();
    expect(arrows().map((a) => [a.getAttribute('data-message-id'), a.getAttribute('data-end')])).toEqual([
      ['1', 'delivered'],
      ['2', 'dropped'],
      ['3', 'delivered'],
      ['4', 'in-flight'],
    ]);
    expect(screen.getByRole('button', { name: 'AppendEntries n1→n3, sent 1.204 s, delivered 1.219 s' })).toBeTruthy();
    expect(arrows()[1].querySelector('.lost')).toBeTruthy();
  });

  it('widens to the window it is given', () => {
    setup({ windowMs: 2000 });
    expect(arrows()).toHaveLength(5);
  });

  it('marks a fault on the lanes it hit', () => {
    setup();
    const faults = screen.getAllByTestId('spacetime-fault');
    expect(faults.map((f) => f.getAttribute('data-kind'))).toEqual(['cut']);
    expect(faults[0].querySelectorAll('line')).toHaveLength(2);
  });

  it('selects a message when its arrow is clicked, and clears when clicked again', async () => {
    const { user, onSelectMessage, rerender } = setup();
    await user.click(screen.getByRole('button', { name: /^AppendEntries n2→n1/ }));
    expect(onSelectMessage).toHaveBeenLastCalledWith(3);
    await rerender({ selectedMessageId: 3 });
    const selected = screen.getByRole('button', { name: /^AppendEntries n2→n1/ });
    expect(selected.getAttribute('aria-pressed')).toBe('true');
    expect(selected.classList.contains('selected')).toBe(true);
    await user.click(selected);
    expect(onSelectMessage).toHaveBeenLastCalledWith(null);
  });

  it('is one tab stop; arrow keys move between messages and Enter picks one', async () => {
    const { user, onSelectMessage } = setup();
    expect(arrows().filter((a) => a.getAttribute('tabindex') === '0')).toHaveLength(1);
    arrows()[0].focus();
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement?.getAttribute('data-message-id')).toBe('2');
    await user.keyboard('{End}');
    expect(document.activeElement?.getAttribute('data-message-id')).toBe('4');
    await user.keyboard('{Enter}');
    expect(onSelectMessage).toHaveBeenLastCalledWith(4);
    await user.keyboard('{Escape}');
    expect(onSelectMessage).toHaveBeenLastCalledWith(null);
  });

  it('draws no more than 1,500 arrows however busy the run', () => {
    const traffic = Array.from({ length: 2000 }, (_, i) => [trace('send', 1000 + i * 0.4, 100 + i, 'n1', 'n2'), trace('deliver', 1001 + i * 0.4, 100 + i, 'n1', 'n2')]).flat();
    setup({ frame: frame({ traffic, messages: [], faults: [] }) });
    expect(arrows()).toHaveLength(1500);
  });
});
