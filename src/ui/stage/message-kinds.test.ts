// Message kinds come from the lab's list: glyphs by name, colours by place, unknown kinds grey.
import { describe, expect, it } from 'vitest';
import type { Glyph } from '../../labs/define-lab';
import { glyphPath, kindColour, kindStyles, styleOf } from './message-kinds';

const GLYPHS: Glyph[] = ['circle', 'diamond', 'square', 'triangle', 'wye', 'cross', 'star'];

describe('glyphPath', () => {
  it('gives every glyph its own path', () => {
    const paths = GLYPHS.map((glyph) => glyphPath(glyph));
    for (const path of paths) expect(path).toMatch(/^M/);
    expect(new Set(paths).size).toBe(GLYPHS.length);
  });
});

describe('kindStyles', () => {
  const styles = kindStyles([
    { kind: 'ping', label: 'Ping', glyph: 'diamond' },
    { kind: 'ack', label: 'Ack', short: 'ok', glyph: 'triangle' },
  ]);

  it('colours kinds by their place in the lab’s list', () => {
    expect(styleOf(styles, 'ping').colour).toBe(kindColour(0));
    expect(styleOf(styles, 'ack').colour).toBe(kindColour(1));
    expect(kindColour(0)).not.toBe(kindColour(1));
    expect(kindColour(8)).toBe(kindColour(0));
    expect(styleOf(styles, 'ack').path).toBe(glyphPath('triangle'));
  });

  it('draws a kind the lab did not declare as a grey circle', () => {
    const style = styleOf(styles, 'mystery');
    expect(style.index).toBe(-1);
    expect(style.colour).toBe('var(--msg-other)');
    expect(style.path).toBe(glyphPath('circle'));
  });
});
