// Which links are drawn: mesh, active (busy or cut only) and none (cut only).
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../engine/frame';
import { drawnLinks, type LinkInput } from './links';
import type { StageActor } from './layouts/types';

const servers = (count: number): StageActor[] =>
  Array.from({ length: count }, (_, i) => ({ id: `n${i + 1}`, role: 'server', home: null }));

const send = (timeMs: number, from: string, to: string): TraceEvent => ({ seq: timeMs, timeMs, kind: 'send', from, to, messageId: timeMs });

function input(overrides: Partial<LinkInput>): LinkInput {
  return { actors: servers(3), drawing: 'mesh', links: [], messages: [], traffic: [], timeMs: 5000, ...overrides };
}

describe('mesh', () => {
  it('draws every pair of servers once, in actor order, and not clients', () => {
    const actors = [...servers(3), { id: 'c1', role: 'client', home: 'n1' }];
    const pairs = drawnLinks(input({ actors }));
    expect(pairs.map((p) => p.key)).toEqual(['n1|n2', 'n1|n3', 'n2|n3']);
    expect(pairs.every((p) => p.up)).toBe(true);
  });

  it('shows a pair cut if either direction is cut', () => {
    const pairs = drawnLinks(input({ links: [{ from: 'n2', to: 'n1', up: false }] }));
    expect(pairs.find((p) => p.key === 'n1|n2')?.up).toBe(false);
    expect(pairs.find((p) => p.key === 'n2|n3')?.up).toBe(true);
  });
});

describe('active', () => {
  it('draws only busy pairs and cut pairs for 64 members, not 2,016 lines', () => {
    const actors = servers(64);
    const pairs = drawnLinks(
      input({
        actors,
        drawing: 'active',
        messages: [{ from: 'n1', to: 'n2' }, { from: 'n2', to: 'n1' }],
        traffic: [send(4500, 'n5', 'n9'), send(4800, 'n40', 'n64')],
        links: [{ from: 'n7', to: 'n8', up: false }, { from: 'n8', to: 'n7', up: false }],
      }),
    );
    expect(pairs.map((p) => `${p.key}:${p.up ? 'up' : 'cut'}`)).toEqual(['n1|n2:up', 'n5|n9:up', 'n7|n8:cut', 'n40|n64:up']);
  });

  it('forgets traffic older than a second of virtual time', () => {
    const pairs = drawnLinks(input({ drawing: 'active', traffic: [send(3900, 'n1', 'n3'), send(4100, 'n2', 'n3')] }));
    expect(pairs.map((p) => p.key)).toEqual(['n2|n3']);
  });

  it('draws a client’s traffic on its home’s link', () => {
    const actors = [...servers(3), { id: 'c1', role: 'client', home: 'n1' }];
    const pairs = drawnLinks(input({ actors, drawing: 'active', messages: [{ from: 'c1', to: 'n3' }, { from: 'c1', to: 'n1' }] }));
    expect(pairs.map((p) => p.key)).toEqual(['n1|n3']);
  });

  it('draws links of free-standing clients in their own right', () => {
    const actors = [{ id: 'c1', role: 'client', home: null }, { id: 'lb1', role: 'balancer', home: null }, ...servers(2)];
    const pairs = drawnLinks(input({ actors, drawing: 'active', messages: [{ from: 'n2', to: 'c1' }] }));
    expect(pairs.map((p) => p.key)).toEqual(['c1|n2']);
  });
});

describe('none', () => {
  it('draws only cut pairs', () => {
    const pairs = drawnLinks(
      input({ drawing: 'none', messages: [{ from: 'n1', to: 'n2' }], links: [{ from: 'n3', to: 'n1', up: false }] }),
    );
    expect(pairs).toEqual([{ key: 'n1|n3', a: 'n1', b: 'n3', up: false }]);
  });
});
