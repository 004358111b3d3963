// @vitest-environment happy-dom
// Export serialization: a standalone SVG with styles inlined, file names, and the JSON formats.
import { describe, expect, it } from 'vitest';
import { makeFrame } from '../../../tests/component/fixtures';
import { exportName, historyJson, INLINED_PROPERTIES, scenarioJson, serializeSvg } from './stage-export';

function stageSvg(): SVGSVGElement {
  const holder = document.createElement('div');
  holder.innerHTML = `<svg viewBox="0 0 640 640" class="x" role="group" aria-describedby="help">
    <g class="node" tabindex="0" role="button"><circle class="body" r="10"></circle><text>n1</text></g>
  </svg>`;
  return holder.querySelector('svg')!;
}

const fakeStyles = (element: Element) => ({
  getPropertyValue: (name: string) => {
    if (element.tagName.toLowerCase() === 'circle' && name === 'stroke-width') return '2.5px';
    if (element.tagName.toLowerCase() === 'circle' && name === 'fill') return 'rgb(227, 240, 250)';
    if (element.tagName.toLowerCase() === 'text' && name === 'font-size') return '15px';
    return '';
  },
});

describe('serializeSvg', () => {
  it('inlines the computed styles and makes a standalone document', () => {
    const text = serializeSvg(stageSvg(), fakeStyles, { width: 640, height: 640, background: '#ffffff' });
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')).toBe(true);
    expect(text).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(text).toContain('width="640"');
    expect(text).toMatch(/<circle[^>]*style="fill:rgb\(227, 240, 250\);stroke-width:2.5px"/);
    expect(text).toMatch(/<text[^>]*style="font-size:15px"/);
    expect(text).toMatch(/<rect width="100%" height="100%" fill="#ffffff"/);
    expect(text).not.toMatch(/class=|tabindex=|role=/);
  });

  it('leaves the page’s own SVG untouched', () => {
    const svg = stageSvg();
    serializeSvg(svg, fakeStyles, { width: 640, height: 640 });
    expect(svg.getAttribute('class')).toBe('x');
    expect(svg.querySelector('circle')?.getAttribute('style')).toBeNull();
  });

  it('inlines what the stage’s CSS sets', () => {
    for (const name of ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'font-size', 'opacity']) {
      expect(INLINED_PROPERTIES).toContain(name);
    }
  });
});

describe('JSON exports', () => {
  it('writes the history in the design’s format and the scenario as loadable JSON', () => {
    const history = [
      { process: 0, type: 'invoke' as const, f: 'write' as const, key: 'x', value: 1, time: 10 },
      { process: 0, type: 'ok' as const, f: 'write' as const, key: 'x', value: 1, time: 40 },
    ];
    expect(JSON.parse(historyJson(makeFrame({ history })))).toEqual(history);
    const scenario = { lab: 'raft', seed: 7, nodes: 5, actions: [{ at: 300, do: 'crash' as const, node: 'leader' }] };
    expect(JSON.parse(scenarioJson(scenario))).toEqual(scenario);
  });

  it('names files by lab, seed and moment', () => {
    expect(exportName({ lab: 'raft', seed: 7, timeMs: 1234 }, 'stage', 'png')).toBe('splitbrain-raft-seed7-at1234ms-stage.png');
    expect(exportName({ lab: 'cap', seed: 1, timeMs: 0 }, '', 'json')).toBe('splitbrain-cap-seed1-at0ms.json');
  });
});
