// @vitest-environment happy-dom
// The legend lists the lab's own message kinds, in their stage glyphs and colours, and the generic keys.
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { MessageKindSpec } from '../../src/labs/define-lab';
import Legend from '../../src/ui/stage/Legend.svelte';
import { glyphPath, kindColour } from '../../src/ui/stage/message-kinds';
import { makeNode } from './fixtures';

const KINDS: MessageKindSpec[] = [
  { kind: 'gossip', label: 'Gossip digest', short: 'dig', glyph: 'star' },
  { kind: 'ack', label: 'Acknowledgement', glyph: 'wye' },
];

describe('Legend', () => {
  it('shows exactly the lab’s kinds with their short labels, glyphs and colours', () => {
    render(Legend, { props: { messageKinds: KINDS } });
    const items = screen.getAllByTestId('legend-kind');
    expect(items.map((item) => item.textContent?.trim())).toEqual(['Gossip digest“dig”', 'Acknowledgement']);
    expect(items[0].querySelector('path')?.getAttribute('d')).toBe(glyphPath('star', 0.7));
    expect(items[1].querySelector('path')?.getAttribute('style')).toContain(kindColour(1));
    expect(screen.getByTestId('legend').textContent).not.toMatch(/RequestVote|AppendEntries|Heartbeat/);
  });

  it('still explains lost messages, direction, log squares and cut links', () => {
    render(Legend, { props: { messageKinds: [] } });
    const text = screen.getByTestId('legend').textContent ?? '';
    expect(text).toContain('Lost or cut message');
    expect(text).toContain('Arrowhead');
    expect(text).toContain('Log entry');
    expect(text).toContain('Cut link');
  });

  it('leaves out log squares for labs without logs', () => {
    render(Legend, { props: { messageKinds: KINDS, showLogCells: false } });
    expect(screen.queryByTestId('legend-log')).toBeNull();
  });
});

describe('Legend generated from what the stage draws', () => {
  const keys = () => [...screen.getByTestId('legend').querySelectorAll('li')].map((li) => li.getAttribute('data-testid'));
  const GENERIC = ['legend-lost', 'legend-direction'];

  it('lists exactly the lab’s kinds and the generic keys when the nodes show nothing else', () => {
    const plain = ['n1', 'n2'].map((id) => ({ ...makeNode(id), view: { role: 'server', summary: '', details: {} } }));
    render(Legend, { props: { messageKinds: KINDS, nodes: plain, ringTimer: 'election' } });
    expect(keys()).toEqual(['legend-kind', 'legend-kind', ...GENERIC, 'legend-cut']);
  });

  it('adds the leader, clients, values, the timer ring and log squares only when the frame shows them', () => {
    const leader = makeNode('n1', { role: 'leader', timers: [] });
    const follower = { ...makeNode('n2', { timers: [{ name: 'election', setAtMs: 0, dueAtMs: 300 }] }) };
    const valued = { ...follower, id: 'n3', view: { ...follower.view, badge: 'x=1' } };
    const client = { ...makeNode('c1', { actor: 'client', role: 'client' }), home: 'n1', view: { role: 'client', summary: '', details: {} } };
    render(Legend, { props: { messageKinds: KINDS, nodes: [leader, follower, valued, client], ringTimer: 'election' } });
    expect(keys()).toEqual([
      'legend-kind',
      'legend-kind',
      ...GENERIC,
      'legend-leader',
      'legend-client',
      'legend-value',
      'legend-timer',
      'legend-log',
      'legend-cut',
    ]);
    expect(screen.getByTestId('legend-timer').textContent).toContain('election timer');
  });

  it('leaves out the ring when the lab draws none, even if nodes run that timer', () => {
    const follower = makeNode('n2', { timers: [{ name: 'election', setAtMs: 0, dueAtMs: 300 }] });
    render(Legend, { props: { messageKinds: KINDS, nodes: [follower] } });
    expect(screen.queryByTestId('legend-timer')).toBeNull();
  });
});

