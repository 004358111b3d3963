// @vitest-environment happy-dom
// The stage: accessible names for actors and links, which links are drawn, link toggling by click,
// key and stroke, the node menu, and messages drawn by the lab's kinds.
import { fireEvent, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Frame, InFlightMessage, NodeFrame } from '../../src/engine/frame';
import type { MessageKindSpec, StageSpec } from '../../src/labs/define-lab';
import Stage from '../../src/ui/stage/Stage.svelte';
import { layoutStage } from '../../src/ui/stage/layouts';
import { glyphPath, kindColour } from '../../src/ui/stage/message-kinds';

const KINDS: MessageKindSpec[] = [
  { kind: 'ask', label: 'Ask', short: 'ask?', glyph: 'diamond' },
  { kind: 'answer', label: 'Answer', glyph: 'triangle' },
];
const RING_MESH: StageSpec = { layout: 'ring', links: 'mesh' };

function node(id: string, overrides: Partial<NodeFrame> & { viewRole?: string; term?: number } = {}): NodeFrame {
  const { viewRole = 'follower', term = 4, ...rest } = overrides;
  return {
    id,
    role: 'server',
    home: null,
    up: true,
    paused: false,
    pausedUntilMs: null,
    clockSkewMs: 0,
    timers: [],
    view: {
      role: viewRole,
      term,
      summary: viewRole,
      log: [
        { term: 1, index: 1, label: 'x←1', committed: true },
        { term, index: 2, label: 'x←2', committed: false },
      ],
      details: {},
    },
    ...rest,
  };
}

function message(overrides: Partial<InFlightMessage> = {}): InFlightMessage {
  return { id: 1, from: 'n1', to: 'n2', type: 'Ask', label: 'ask?', kind: 'ask', sentAtMs: 100, deliverAtMs: 120, fate: 'in-flight', ...overrides };
}

function frame(overrides: Partial<Frame> = {}): Frame {
  return {
    lab: 'test',
    seed: 7,
    timeMs: 1234,
    eventCount: 42,
    traceHash: 'abc',
    nodes: [node('n1', { viewRole: 'leader' }), node('n2'), node('n3')],
    links: [],
    messages: [],
    traffic: [],
    notable: [],
    faults: [],
    violations: [],
    leader: 'n1',
    nextEventAtMs: null,
    history: [],
    limited: null,
    historyOffset: 0,
    labView: null,
    metrics: {},
    ...overrides,
  };
}

function setup(frameOverrides: Partial<Frame> = {}, props: Record<string, unknown> = {}) {
  const onInject = vi.fn();
  const onSelect = vi.fn();
  const result = render(Stage, {
    props: {
      frame: frame(frameOverrides),
      displayTimeMs: 110,
      selectedId: null,
      nextWriteValue: 3,
      onInject,
      onSelect,
      stage: RING_MESH,
      messageKinds: KINDS,
      ...props,
    },
  });
  return { ...result, onInject, onSelect, user: userEvent.setup() };
}

const linkNames = () => screen.queryAllByRole('button', { name: /^link / }).map((el) => el.getAttribute('aria-label'));

describe('Stage accessible names', () => {
  it('names each node by id, role, term and state', () => {
    setup({ nodes: [node('n1', { viewRole: 'leader' }), node('n2', { up: false }), node('n3', { paused: true, pausedUntilMs: 2000 })] });
    expect(screen.getByRole('button', { name: 'n1, leader, term 4' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'n2, crashed' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'n3, follower, term 4, paused' })).toBeTruthy();
  });

  it('names each link with an en dash and shows a pair cut if either direction is', () => {
    setup({ links: [{ from: 'n2', to: 'n1', up: false }] });
    expect(linkNames()).toEqual(['link n1–n2, cut', 'link n1–n3, up', 'link n2–n3, up']);
  });

  it('makes every node and link focusable', () => {
    setup();
    for (const element of screen.getAllByRole('button')) expect(element.getAttribute('tabindex')).toBe('0');
  });
});

describe('Stage link drawing', () => {
  it('draws only busy and cut pairs when the lab asks for active links', () => {
    const nodes = Array.from({ length: 64 }, (_, i) => node(`n${i + 1}`));
    setup(
      {
        nodes,
        messages: [message({ from: 'n3', to: 'n40' })],
        traffic: [{ seq: 1, timeMs: 1000, kind: 'deliver', from: 'n5', to: 'n6', messageId: 9 }],
        links: [{ from: 'n64', to: 'n1', up: false }],
      },
      { stage: { layout: 'grid', links: 'active' } },
    );
    expect(linkNames()).toEqual(['link n1–n64, cut', 'link n3–n40, up', 'link n5–n6, up']);
  });

  it('draws only cut pairs when the lab asks for none', () => {
    setup({ links: [{ from: 'n3', to: 'n2', up: false }] }, { stage: { layout: 'ring', links: 'none' } });
    expect(linkNames()).toEqual(['link n2–n3, cut']);
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
    const { user, onInject } = setup({ links: [{ from: 'n1', to: 'n3', up: false }] });
    await user.click(screen.getByRole('button', { name: 'link n1–n3, cut' }));
    expect(onInject).toHaveBeenCalledWith({ do: 'heal', from: 'n1', to: 'n3' });
  });

  it('cuts every link a stroke crosses and draws the stroke meanwhile', async () => {
    const { onInject } = setup();
    const layout = layoutStage(frame().nodes, RING_MESH);
    const [n1, n2] = [layout.byId.get('n1')!, layout.byId.get('n2')!];
    const middle = { x: (n1.x + n2.x) / 2, y: (n1.y + n2.y) / 2 };
    // A stroke across the middle of n1–n2, perpendicular to it, well away from the other links.
    const length = Math.hypot(n2.x - n1.x, n2.y - n1.y);
    const normal = { x: -(n2.y - n1.y) / length, y: (n2.x - n1.x) / length };
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
    expect(screen.getByRole('group', { name: 'Actions for n2' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'n2, follower, term 4' }).getAttribute('aria-expanded')).toBe('true');
    await user.click(screen.getByRole('button', { name: 'Crash' }));
    await user.click(screen.getByRole('button', { name: 'Pause 2 s' }));
    expect(onInject.mock.calls.map((call) => call[0])).toEqual([
      { do: 'crash', node: 'n2' },
      { do: 'pause', node: 'n2', durationMs: 2000 },
    ]);
    await user.keyboard('{Escape}');
    expect(onSelect).toHaveBeenLastCalledWith(null);
  });

  it('offers Restart for a crashed node', () => {
    setup({ nodes: [node('n1', { up: false }), node('n2'), node('n3')] }, { selectedId: 'n1' });
    expect(screen.getByRole('button', { name: 'Restart' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Crash' })).toBeNull();
  });

  it('draws the log as squares in a small cluster, and leaves it off at 64 members', async () => {
    const { rerender } = setup();
    const cells = screen.getByTestId('node-n1').querySelectorAll('rect.log-cell');
    expect(cells).toHaveLength(2);
    expect(cells[0].getAttribute('data-committed')).toBe('true');
    expect(cells[1].getAttribute('data-committed')).toBe('false');
    await rerender({ frame: frame({ nodes: Array.from({ length: 64 }, (_, i) => node(`n${i + 1}`)) }), stage: { layout: 'ring', links: 'none' } });
    expect(screen.getByTestId('node-n1').querySelectorAll('rect.log-cell')).toHaveLength(0);
    expect(screen.getByTestId('node-n1').getAttribute('data-detail')).toBe('compact');
    expect(screen.getByTestId('node-n64').textContent).toContain('n64');
  });

  it('shows a replica’s badge beside the node when its view has one, and nothing otherwise', () => {
    const withBadge = node('n1');
    setup({ nodes: [{ ...withBadge, view: { ...withBadge.view, badge: 'x=3' } }, node('n2'), node('n3')] });
    const badges = screen.getAllByTestId('node-badge');
    expect(badges).toHaveLength(1);
    expect(badges[0].textContent).toBe('x=3');
    expect(screen.getByTestId('node-n1').contains(badges[0])).toBe(true);
  });

  it('draws a client beside its home, selectable like any actor', async () => {
    const client = node('c1', { role: 'client', home: 'n1', viewRole: 'client', term: undefined });
    const { user, onSelect } = setup({ nodes: [...frame().nodes, client] });
    const layout = layoutStage([...frame().nodes, client], RING_MESH);
    const [c1, n1, n2] = ['c1', 'n1', 'n2'].map((id) => layout.byId.get(id)!);
    const drawnAt = screen.getByTestId('node-c1').getAttribute('transform');
    expect(drawnAt).toBe(`translate(${c1.x} ${c1.y})`);
    expect(Math.hypot(c1.x - n1.x, c1.y - n1.y)).toBeLessThan(Math.hypot(c1.x - n2.x, c1.y - n2.y));
    await user.click(screen.getByTestId('node-c1'));
    expect(onSelect).toHaveBeenLastCalledWith('c1');
    // A client shares its home's links: no line of its own.
    expect(linkNames()).toHaveLength(3);
  });
});

describe('Stage messages', () => {
  it('draws each message in its kind’s glyph and colour, and lost ones as stopped', () => {
    setup({
      messages: [
        message({ id: 1, kind: 'ask', label: 'ask?' }),
        message({ id: 2, kind: 'answer', label: 'yes', from: 'n2', to: 'n1' }),
        message({ id: 3, kind: 'answer', label: 'no', from: 'n3', to: 'n1', fate: 'cut' }),
        message({ id: 4, kind: 'gossip', label: 'g', from: 'n3', to: 'n2' }),
      ],
    });
    const drawn = screen.getAllByTestId('message');
    expect(drawn.map((m) => m.getAttribute('data-kind'))).toEqual(['ask', 'answer', 'answer', 'gossip']);
    expect(drawn[0].querySelector('path.glyph')?.getAttribute('d')).toBe(glyphPath('diamond'));
    expect(drawn[1].querySelector('path.glyph')?.getAttribute('d')).toBe(glyphPath('triangle'));
    expect(drawn[0].getAttribute('style')).toContain(kindColour(0));
    expect(drawn[1].getAttribute('style')).toContain(kindColour(1));
    // A kind the lab did not declare still shows, as a grey circle.
    expect(drawn[3].querySelector('path.glyph')?.getAttribute('d')).toBe(glyphPath('circle'));
    expect(drawn[2].classList.contains('stopped')).toBe(true);
    expect(drawn[0].textContent).toContain('ask?');
  });

  it('points each message the way it travels', () => {
    setup({ messages: [message({ id: 1 }), message({ id: 2, from: 'n2', to: 'n1' })] });
    const angle = (i: number) =>
      Number(/rotate\(([-\d.e]+)\)/.exec(screen.getAllByTestId('message')[i].querySelector('.direction')!.getAttribute('transform')!)![1]);
    expect(Math.abs(Math.abs(angle(0) - angle(1)) - 180)).toBeLessThan(0.001);
  });

  it('places a message by display time along its link', async () => {
    const { rerender } = setup({ messages: [message({ id: 9, sentAtMs: 100, deliverAtMs: 200 })] }, { displayTimeMs: 100 });
    const at = () => screen.getByTestId('message').getAttribute('transform');
    const start = at();
    await rerender({ displayTimeMs: 150 });
    const middle = at();
    await rerender({ displayTimeMs: 200 });
    expect(new Set([start, middle, at()]).size).toBe(3);
  });

  it('hides messages not yet sent at display time', () => {
    setup({ messages: [message({ sentAtMs: 500, deliverAtMs: 520 })] }, { displayTimeMs: 100 });
    expect(screen.queryByTestId('message')).toBeNull();
  });

  it('rings the message selected elsewhere', () => {
    setup({ messages: [message({ id: 1 }), message({ id: 2, from: 'n2', to: 'n3' })] }, { selectedMessageId: 2 });
    const selected = screen.getAllByTestId('message').filter((m) => m.getAttribute('data-selected') === 'true');
    expect(selected.map((m) => m.getAttribute('data-message-id'))).toEqual(['2']);
  });
});

describe('Stage drawing a reader can follow', () => {
  type Box = { x: number; y: number; width: number; height: number };
  const boxOf = (el: Element): Box => {
    const [x, y, width, height] = el.getAttribute('data-box')!.split(' ').map(Number);
    return { x, y, width, height };
  };
  const intersect = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

  it('labels 30 messages in flight without any two label boxes overlapping', () => {
    const nodes = ['n1', 'n2', 'n3', 'n4', 'n5'].map((id) => node(id));
    const pairs = nodes.flatMap((a) => nodes.filter((b) => b !== a).map((b) => [a.id, b.id] as const));
    const messages = Array.from({ length: 30 }, (_, i) => {
      const [from, to] = pairs[i % pairs.length];
      return message({ id: i + 1, from, to, label: i % 3 === 0 ? 'vote ✓' : i % 3 === 1 ? 'AE 12' : 'HB', sentAtMs: 0 + (i % 7) * 10, deliverAtMs: 200 + (i % 5) * 20 });
    });
    setup({ nodes, messages }, { displayTimeMs: 100 });
    expect(screen.getAllByTestId('message')).toHaveLength(30);
    const labels = screen.getAllByTestId('message-label');
    expect(labels.length).toBeGreaterThanOrEqual(8);
    const boxes = labels.map(boxOf);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) expect(intersect(boxes[i], boxes[j]), `${labels[i].textContent} / ${labels[j].textContent}`).toBe(false);
    }
  });

  it('always labels the selected message', () => {
    const messages = Array.from({ length: 12 }, (_, i) => message({ id: i + 1, label: `m${i + 1}`, sentAtMs: 0, deliverAtMs: 200 + i }));
    setup({ messages }, { displayTimeMs: 100, selectedMessageId: 12 });
    const selected = screen.getAllByTestId('message').find((m) => m.getAttribute('data-message-id') === '12')!;
    expect(selected.querySelector('[data-testid="message-label"]')?.textContent).toBe('m12');
  });

  it('drains a node’s election-timer ring from its set time to its due time, at display time', async () => {
    const timers = [{ name: 'election', setAtMs: 1000, dueAtMs: 1200 }];
    const nodes = [node('n1', { viewRole: 'leader' }), node('n2', { timers }), node('n3', { timers: [{ name: 'heartbeat', setAtMs: 0, dueAtMs: 50 }] })];
    const { rerender } = setup({ nodes }, { displayTimeMs: 1050, ringTimer: 'election' });
    const ring = () => screen.getByTestId('node-n2').querySelector('[data-testid="timer-ring"]')!;
    expect(ring().getAttribute('data-remaining')).toBe('0.750');
    const r = Number(ring().getAttribute('r'));
    const [drawn] = ring().getAttribute('stroke-dasharray')!.split(' ').map(Number);
    expect(drawn).toBeCloseTo(2 * Math.PI * r * 0.75, 1);
    await rerender({ displayTimeMs: 1150 });
    expect(ring().getAttribute('data-remaining')).toBe('0.250');
    await rerender({ displayTimeMs: 1300 });
    expect(ring().getAttribute('data-remaining')).toBe('0.000');
    // No ring for a node without that timer, nor for one whose timer has another name.
    expect(screen.getByTestId('node-n1').querySelector('[data-testid="timer-ring"]')).toBeNull();
    expect(screen.getByTestId('node-n3').querySelector('[data-testid="timer-ring"]')).toBeNull();
  });

  it('draws no ring when the lab names no timer', () => {
    setup({ nodes: [node('n1', { timers: [{ name: 'election', setAtMs: 0, dueAtMs: 500 }] }), node('n2'), node('n3')] });
    expect(screen.queryByTestId('timer-ring')).toBeNull();
  });

  it('gives an AP replica (no leader) neither a leader badge nor an election ring', () => {
    const timers = [{ name: 'election', setAtMs: 0, dueAtMs: 500 }];
    setup({ nodes: ['n1', 'n2', 'n3'].map((id) => node(id, { viewRole: 'replica', timers })) }, { ringTimer: 'election' });
    const stage = screen.getByTestId('stage');
    expect(stage.textContent).not.toMatch(/★|leader/);
    expect(screen.queryByTestId('timer-ring')).toBeNull();
    expect(screen.getByTestId('node-n1').getAttribute('data-role')).toBe('other');
  });

  it('drops a caption that only repeats the actor\'s role, but still says when it is paused', () => {
    const members = ['n1', 'n2', 'n3'].map((id) => node(id, { role: 'member', viewRole: 'member' }));
    members[2] = { ...members[2], paused: true, pausedUntilMs: 2000 };
    setup({ nodes: members, leader: null });
    const captions = [...screen.getByTestId('stage').querySelectorAll('.caption')].map((el) => el.textContent?.trim());
    expect(captions).toEqual(['paused']);
  });

  it('keeps a caption that says more than the role (a Raft server is a follower, a leader)', () => {
    setup();
    const captions = [...screen.getByTestId('stage').querySelectorAll('.caption')].map((el) => el.textContent?.trim());
    expect(captions).toEqual(['★ leader', 'follower', 'follower']);
  });

  it('marks the leader once, with a star', () => {
    setup();
    const captions = [...screen.getByTestId('stage').querySelectorAll('.caption')].map((el) => el.textContent?.trim());
    expect(captions.filter((text) => text?.includes('★'))).toEqual(['★ leader']);
  });

  it('puts a replica’s value under the node, not beside it on the links', () => {
    const withBadge = node('n1');
    setup({ nodes: [{ ...withBadge, view: { ...withBadge.view, badge: 'x=3' } }, node('n2'), node('n3')] });
    const badge = screen.getByTestId('node-badge');
    expect(badge.getAttribute('text-anchor')).toBe('middle');
    expect(badge.getAttribute('x')).toBeNull();
    expect(Number(badge.getAttribute('y'))).toBeGreaterThan(0);
  });

  it('ties each client to its home with a visible line', () => {
    const client = node('c1', { role: 'client', home: 'n2', viewRole: 'client', term: undefined });
    setup({ nodes: [...frame().nodes, client] });
    const tether = screen.getByTestId('tether-c1');
    expect(tether.getAttribute('data-home')).toBe('n2');
    const length = Math.hypot(Number(tether.getAttribute('x2')) - Number(tether.getAttribute('x1')), Number(tether.getAttribute('y2')) - Number(tether.getAttribute('y1')));
    expect(length).toBeGreaterThan(4);
  });
});

