// Every layout keeps members inside its viewBox, apart from each other at 64, readable, and
// actors with a home next to that home.
import { describe, expect, it } from 'vitest';
import { layoutStage, type StageActor, type StageLayout } from './index';
import type { StageLayoutKind } from '../../../labs/define-lab';
import { NODE_RADIUS_MIN } from './sizing';

const servers = (count: number, role = 'server'): StageActor[] =>
  Array.from({ length: count }, (_, i) => ({ id: `n${i + 1}`, role, home: null }));
const clientsBeside = (homes: readonly StageActor[], perHome = 1): StageActor[] =>
  homes.flatMap((home, i) =>
    Array.from({ length: perHome }, (_, k) => ({ id: `c${i * perHome + k + 1}`, role: 'client', home: home.id })),
  );

function expectInside(layout: StageLayout): void {
  for (const p of layout.actors) {
    expect(p.x - p.radius, p.id).toBeGreaterThanOrEqual(0);
    expect(p.y - p.radius, p.id).toBeGreaterThanOrEqual(0);
    expect(p.x + p.radius, p.id).toBeLessThanOrEqual(layout.width);
    expect(p.y + p.radius, p.id).toBeLessThanOrEqual(layout.height);
  }
}

function overlaps(layout: StageLayout): string[] {
  const found: string[] = [];
  const all = layout.actors;
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const [a, b] = [all[i], all[j]];
      if (Math.hypot(a.x - b.x, a.y - b.y) < a.radius + b.radius) found.push(`${a.id}/${b.id}`);
    }
  }
  return found;
}

const KINDS: StageLayoutKind[] = ['ring', 'hash-ring', 'tiers', 'lanes', 'grid'];

describe.each(KINDS)('%s layout', (kind) => {
  it('places every actor once, in the order given', () => {
    const actors = [...servers(5), ...clientsBeside(servers(2))];
    const layout = layoutStage(actors, { layout: kind, tiers: ['client', 'server'] });
    expect(layout.actors.map((p) => p.id)).toEqual(actors.map((a) => a.id));
    expect([...layout.byId.keys()].sort()).toEqual(actors.map((a) => a.id).sort());
  });

  it('keeps 64 members inside the viewBox, apart and readable', () => {
    const layout = layoutStage(servers(64), { layout: kind });
    expectInside(layout);
    expect(overlaps(layout)).toEqual([]);
    expect(layout.nodeRadius).toBeGreaterThanOrEqual(NODE_RADIUS_MIN);
    expect(layout.detail).toBe('compact');
  });

  it('gives a small cluster large nodes with full detail', () => {
    const layout = layoutStage(servers(3), { layout: kind });
    expectInside(layout);
    expect(layout.nodeRadius).toBeGreaterThanOrEqual(20);
  });
});

describe.each(['ring', 'grid'] as const)('%s layout with clients beside servers', (kind) => {
  it.each([3, 9, 64])('puts each client next to its home, touching nothing (%i servers)', (count) => {
    const members = servers(count);
    const layout = layoutStage([...members, ...clientsBeside(members)], { layout: kind });
    expectInside(layout);
    expect(overlaps(layout)).toEqual([]);
    for (const client of layout.actors.filter((p) => p.satellite)) {
      const home = layout.byId.get(`n${client.id.slice(1)}`)!;
      const gap = Math.hypot(client.x - home.x, client.y - home.y) - client.radius - home.radius;
      expect(gap, client.id).toBeLessThanOrEqual(18);
      expect(gap, client.id).toBeGreaterThanOrEqual(0);
    }
  });

  it('fans out several clients of one home without piling them up', () => {
    const members = servers(5);
    const layout = layoutStage([...members, ...clientsBeside(members.slice(0, 1), 3)], { layout: kind });
    expect(overlaps(layout)).toEqual([]);
    expect(layout.actors.filter((p) => p.satellite)).toHaveLength(3);
  });
});

describe('ring layout', () => {
  it('puts n1 at twelve o’clock and goes clockwise', () => {
    const layout = layoutStage(servers(4), { layout: 'ring' });
    const [n1, n2, n3] = layout.actors;
    expect(n1.x).toBeCloseTo(320);
    expect(n1.y).toBeLessThan(320);
    expect(n2.x).toBeGreaterThan(320);
    expect(n3.y).toBeGreaterThan(320);
  });

  it('draws clients outside the ring, not piled in the middle', () => {
    const members = servers(5);
    const layout = layoutStage([...members, ...clientsBeside(members)], { layout: 'ring' });
    const fromCentre = (id: string) => Math.hypot(layout.byId.get(id)!.x - 320, layout.byId.get(id)!.y - 320);
    expect(fromCentre('c1')).toBeGreaterThan(fromCentre('n1'));
  });

  it('puts a free-standing actor of another role in the middle', () => {
    const layout = layoutStage([...servers(3), { id: 'lb1', role: 'balancer', home: null }], { layout: 'ring' });
    expect(layout.byId.get('lb1')).toMatchObject({ x: 320, y: 320 });
  });
});

describe('tiers layout', () => {
  it('makes one column per role in the lab’s order', () => {
    const actors: StageActor[] = [
      ...servers(3, 'service'),
      { id: 'db1', role: 'database', home: null },
      { id: 'lb1', role: 'balancer', home: null },
      { id: 'c1', role: 'client', home: null },
      { id: 'c2', role: 'client', home: null },
    ];
    const layout = layoutStage(actors, { layout: 'tiers', tiers: ['client', 'balancer', 'service', 'database'] });
    const x = (id: string) => layout.byId.get(id)!.x;
    expect(x('c1')).toBe(x('c2'));
    expect(x('c1')).toBeLessThan(x('lb1'));
    expect(x('lb1')).toBeLessThan(x('n1'));
    expect(x('n1')).toBeLessThan(x('db1'));
    expect(layout.byId.get('n1')!.y).toBeLessThan(layout.byId.get('n2')!.y);
    expect(layout.guides.map((g) => (g.type === 'heading' ? g.text : ''))).toEqual(['client', 'balancer', 'service', 'database']);
  });
});

describe('lanes layout', () => {
  it('gives each actor its own lane, top to bottom', () => {
    const layout = layoutStage(servers(4), { layout: 'lanes' });
    const ys = layout.actors.map((p) => p.y);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
    expect(layout.guides.filter((g) => g.type === 'line')).toHaveLength(4);
  });

  it('grows taller rather than squeezing 64 lanes below a readable size', () => {
    const layout = layoutStage(servers(64), { layout: 'lanes' });
    expect(layout.height).toBeGreaterThan(640);
    expect(layout.actors[1].y - layout.actors[0].y).toBeGreaterThanOrEqual(22);
  });
});

describe('grid layout', () => {
  it('lays 64 members out 8 by 8', () => {
    const layout = layoutStage(servers(64), { layout: 'grid' });
    expect(new Set(layout.actors.map((p) => Math.round(p.x))).size).toBe(8);
    expect(new Set(layout.actors.map((p) => Math.round(p.y))).size).toBe(8);
  });
});
