// @vitest-environment happy-dom
// The legend lists the lab's own message kinds, in their stage glyphs and colours, and the generic keys.
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { MessageKindSpec } from '../../src/labs/define-lab';
import Legend from '../../src/ui/stage/Legend.svelte';
import { glyphPath, kindColour } from '../../src/ui/stage/message-kinds';

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
