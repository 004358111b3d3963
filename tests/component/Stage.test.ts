// @vitest-environment happy-dom
// The stage: accessible names for nodes and links, link toggling by click, key and stroke, the node menu.
import { fireEvent, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import Stage from '../../src/ui/stage/Stage.svelte';
import { stageLayout } from '../../src/ui/stage/layout';
import { makeFrame, makeMessage, makeNode } from './fixtures';

function setup(frameOverrides = {}, props: Record<string, unknown> = {}) {
  const frame = makeFrame(frameOverrides);
  const onInject = vi.fn();
  const onSelect = vi.fn();
  const result = render(Stage, {
    props: { frame, displayTimeMs: 110, selectedId: null, nextWriteValue: 3, onInject, onSelect, ...props },
  });
  return { ...result, frame, onInject, onSelect, user: userEvent.setup() };
}

describe('Stage accessible names', () => {
  it('names each node by id, role, term and state', () => {
    setup({
      nodes: [
        makeNode('n1', { role: 'leader', term: 4 }),
        makeNode('n2', { up: false, role: 'crashed' }),
        makeNode('n3', { term: 4, paused: true, pausedUntilMs: 2000 }),
      ],
    });
    expect(screen.getByRole('button', { name: 'n1, leader, term 4' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'n2, crashed' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'n3, follower, term 4, paused' })).toBeTruthy();
  });

  it('names each link with an en dash and shows a pair cut if either direction is', () => {
    const frame = makeFrame();
    const links = frame.links.map((link) => (link.from === 'n2' && link.to === 'n1' ? { ...link, up: false } : link));
    setup({ links });
    expect(screen.getByRole('button', { name: 'link n1–n2, cut' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'link n1–n3, up' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'link n2–n3, up' })).toBeTruthy();
    expect(screen.getAllByRole('button', { name: /^link / })).toHaveLength(3);
  });

  it('makes every node and link focusable', () => {
    setup();
    for (const element of screen.getAllByRole('button')) expect(element.getAttribute('tabindex')).toBe('0');
  });
});

describe('Stage links', () => {
  it('cuts an up link when clicked', async () => {
    const { user, onInject } = setup();
    await user.click(screen.getByRole('button', { name: 'link n1–n2, up' }));
    expect(onInject).toHaveBeenCalledWith({ do: 'cut', from: 'n1', to: 'n2' });
  });

  it('cuts with Enter and Space on a focused link', async () => {
    const { user, onInject } = setup();
    screen.getByRole('button', { name: 'link n2–n3, up' }).focus();
    await user.keyboard('{Enter}');
    await user.keyboard(' ');
    expect(onInject).toHaveBeenCalledTimes(2);
    expect(onInject).toHaveBeenCalledWith({ do: 'cut', from: 'n2', to: 'n3' });
  });

  it('heals a cut link when clicked', async () => {
    const links = makeFrame().links.map((link) => (link.from === 'n1' && link.to === 'n3' ? { ...link, up: false } : link));
    const { user, onInject } = setup({ links });
    await user.click(screen.getByRole('button', { name: 'link n1–n3, cut' }));
    expect(onInject).toHaveBeenCalledWith({ do: 'heal', from: 'n1', to: 'n3' });
  });

  it('cuts every link a stroke crosses and draws the stroke meanwhile', async () => {
    const { onInject } = setup();
    const layout = stageLayout(['n1', 'n2', 'n3'], []);
    const [n1, n2] = [layout.positions.get('n1')!, layout.positions.get('n2')!];
    const middle = { x: (n1.x + n2.x) / 2, y: (n1.y + n2.y) / 2 };
    // A stroke across the middle of n1–n2, perpendicular to it, well away from the other links.
    const dx = n2.x - n1.x;
    const dy = n2.y - n1.y;
    const length = Math.hypot(dx, dy);
    const normal = { x: -dy / length, y: dx / length };
    const from = { clientX: middle.x - normal.x * 30, clientY: middle.y - normal.y * 30 };
    const to = { clientX: middle.x + normal.x * 30, clientY: middle.y + normal.y * 30 };
    await fireEvent.pointerDown(screen.getByTestId('stage-background'), { ...from, button: 0, pointerId: 1 });
    const svg = screen.getByTestId('stage').querySelector('svg')!;
    await fireEvent.pointerMove(svg, { clientX: middle.x, clientY: middle.y, pointerId: 1 });
    expect(screen.getByTestId('cut-stroke')).toBeTruthy();
    await fireEvent.pointerUp(svg, { ...to, pointerId: 1 });
    expect(screen.queryByTestId('cut-stroke')).toBeNull();
    expect(onInject).toHaveBeenCalledTimes(1);
    expect(onInject).toHaveBeenCalledWith({ do: 'cut', from: 'n1', to: 'n2' });
  });

  it('treats a click on the empty stage as deselecting', async () => {
    const { onSelect, onInject } = setup();
    await fireEvent.pointerDown(screen.getByTestId('stage-background'), { clientX: 5, clientY: 5, button: 0 });
    const svg = screen.getByTestId('stage').querySelector('svg')!;
    await fireEvent.pointerUp(svg, { clientX: 6, clientY: 5 });
    expect(onSelect).toHaveBeenCalledWith(null);
    expect(onInject).not.toHaveBeenCalled();
  });
});

describe('Stage nodes', () => {
  it('selects a node when clicked or on Enter', async () => {
    const { user, onSelect } = setup();
    await user.click(screen.getByRole('button', { name: 'n2, follower, term 4' }));
    expect(onSelect).toHaveBeenLastCalledWith('n2');
    screen.getByRole('button', { name: 'n3, follower, term 4' }).focus();
    await user.keyboard('{Enter}');
    expect(onSelect).toHaveBeenLastCalledWith('n3');
  });

  it('opens the menu for the selected node and sends its actions', async () => {
    const { user, onInject, onSelect } = setup({}, { selectedId: 'n2' });
    const menu = screen.getByRole('group', { name: 'Actions for n2' });
    expect(menu).toBeTruthy();
    expect(screen.getByRole('button', { name: 'n2, follower, term 4' }).getAttribute('aria-expanded')).toBe('true');
    await user.click(screen.getByRole('button', { name: 'Crash' }));
    await user.click(screen.getByRole('button', { name: 'Pause 2 s' }));
    await user.click(screen.getByRole('button', { name: 'Time out now' }));
    await user.click(screen.getByRole('button', { name: 'Client write x=3' }));
    expect(onInject.mock.calls.map((call) => call[0])).toEqual([
      { do: 'crash', node: 'n2' },
      { do: 'pause', node: 'n2', durationMs: 2000 },
      { do: 'timeout', node: 'n2' },
      { do: 'request', node: 'n2', op: { f: 'write', key: 'x', value: 3 } },
    ]);
    await user.keyboard('{Escape}');
    expect(onSelect).toHaveBeenLastCalledWith(null);
  });

  it('offers Restart for a crashed node', () => {
    setup({ nodes: [makeNode('n1', { up: false }), makeNode('n2'), makeNode('n3')] }, { selectedId: 'n1' });
    expect(screen.getByRole('button', { name: 'Restart' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Crash' })).toBeNull();
  });

  it('draws the log as squares, committed ones marked', () => {
    setup();
    const cells = screen.getByTestId('node-n1').querySelectorAll('rect.log-cell');
    expect(cells).toHaveLength(2);
    expect(cells[0].getAttribute('data-committed')).toBe('true');
    expect(cells[1].getAttribute('data-committed')).toBe('false');
  });

  it('shows a replica’s badge beside the node when its view has one, and nothing otherwise', () => {
    const withBadge = (id: string, badge: string) => {
      const node = makeNode(id, { role: 'replica' });
      return { ...node, view: { ...node.view, badge } };
    };
    setup({ nodes: [withBadge('n1', 'x=3'), makeNode('n2', { role: 'replica' }), makeNode('n3', { role: 'replica' })] });
    const badges = screen.getAllByTestId('node-badge');
    expect(badges).toHaveLength(1);
    expect(badges[0].textContent).toBe('x=3');
    expect(screen.getByTestId('node-n1').contains(badges[0])).toBe(true);
    expect(screen.getByTestId('node-n2').querySelector('[data-testid="node-badge"]')).toBeNull();
  });
});

describe('Stage messages', () => {
  it('draws in-flight messages by kind, and lost ones as stopped', () => {
    setup({
      messages: [
        makeMessage({ id: 1, type: 'RequestVote', label: 'RequestVote' }),
        makeMessage({ id: 2, type: 'AppendEntries', label: 'AppendEntries (heartbeat)', from: 'n1', to: 'n3' }),
        makeMessage({ id: 3, type: 'RequestVoteReply', label: 'RequestVoteReply', from: 'n2', to: 'n1', fate: 'cut' }),
      ],
    });
    const drawn = screen.getAllByTestId('message');
    expect(drawn.map((m) => m.getAttribute('data-kind'))).toEqual(['vote-request', 'heartbeat', 'vote-reply']);
    expect(drawn[2].classList.contains('stopped')).toBe(true);
    expect(drawn[0].textContent).toContain('vote?');
  });

  it('places a message by display time along its link', async () => {
    const messages = [makeMessage({ id: 9, sentAtMs: 100, deliverAtMs: 200 })];
    const { rerender } = setup({ messages }, { displayTimeMs: 100 });
    const at = () => screen.getByTestId('message').getAttribute('transform');
    const start = at();
    await rerender({ displayTimeMs: 150 });
    const middle = at();
    await rerender({ displayTimeMs: 200 });
    expect(new Set([start, middle, at()]).size).toBe(3);
  });

  it('hides messages not yet sent at display time', () => {
    setup({ messages: [makeMessage({ sentAtMs: 500, deliverAtMs: 520 })] }, { displayTimeMs: 100 });
    expect(screen.queryByTestId('message')).toBeNull();
  });
});
