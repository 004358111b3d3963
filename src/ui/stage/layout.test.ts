// The ring layout, node size, link pairs and menu placement.
import { describe, expect, it } from 'vitest';
import { linkPairs, menuPlacement, nodeRadius, ringLayout, stageLayout, STAGE_CENTER } from './layout';

describe('ringLayout', () => {
  it('puts the first node at twelve o’clock and goes clockwise', () => {
    const [first, second, third, fourth] = ringLayout(['n1', 'n2', 'n3', 'n4'], { x: 0, y: 0 }, 10);
    expect(first.x).toBeCloseTo(0);
    expect(first.y).toBeCloseTo(-10);
    expect(second.x).toBeCloseTo(10);
    expect(second.y).toBeCloseTo(0);
    expect(third.y).toBeCloseTo(10);
    expect(fourth.x).toBeCloseTo(-10);
  });

  it('keeps every node on the circle and the ids in order', () => {
    const placed = ringLayout(['a', 'b', 'c', 'd', 'e'], { x: 5, y: 7 }, 3);
    expect(placed.map((p) => p.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    for (const p of placed) expect(Math.hypot(p.x - 5, p.y - 7)).toBeCloseTo(3);
  });

  it('handles an empty list', () => {
    expect(ringLayout([], { x: 0, y: 0 }, 10)).toEqual([]);
  });
});

describe('nodeRadius', () => {
  it('shrinks as nodes are added but neighbours never overlap', () => {
    for (let count = 3; count <= 9; count++) {
      const r = nodeRadius(count, 220);
      const spacing = 2 * 220 * Math.sin(Math.PI / count);
      expect(2 * r).toBeLessThan(spacing);
      expect(r).toBeGreaterThan(20);
    }
    expect(nodeRadius(9)).toBeLessThanOrEqual(nodeRadius(3));
  });
});

describe('linkPairs', () => {
  it('gives one pair per unordered pair of nodes, in node order', () => {
    const pairs = linkPairs(['n1', 'n2', 'n3'], []);
    expect(pairs.map((p) => [p.a, p.b])).toEqual([
      ['n1', 'n2'],
      ['n1', 'n3'],
      ['n2', 'n3'],
    ]);
    expect(pairs.every((p) => p.up)).toBe(true);
  });

  it('shows a pair cut if either direction is cut', () => {
    const pairs = linkPairs(
      ['n1', 'n2', 'n3'],
      [
        { from: 'n2', to: 'n1', up: false },
        { from: 'n1', to: 'n2', up: true },
        { from: 'n2', to: 'n3', up: true },
      ],
    );
    expect(pairs.find((p) => p.a === 'n1' && p.b === 'n2')?.up).toBe(false);
    expect(pairs.find((p) => p.a === 'n2' && p.b === 'n3')?.up).toBe(true);
  });

  it('has n(n-1)/2 pairs for 9 nodes', () => {
    const ids = Array.from({ length: 9 }, (_, i) => `n${i + 1}`);
    expect(linkPairs(ids, [])).toHaveLength(36);
  });
});

describe('stageLayout', () => {
  it('knows where every node and client is', () => {
    const layout = stageLayout(['n1', 'n2', 'n3'], ['c1']);
    expect(layout.positions.get('c1')).toEqual(STAGE_CENTER);
    expect(layout.positions.get('n1')?.y).toBeLessThan(STAGE_CENTER.y);
    expect(layout.nodes).toHaveLength(3);
  });
});

describe('menuPlacement', () => {
  it('opens below nodes in the upper half and above those in the lower half', () => {
    expect(menuPlacement({ x: 320, y: 100 }, 30).side).toBe('below');
    expect(menuPlacement({ x: 320, y: 540 }, 30).side).toBe('above');
    expect(menuPlacement({ x: 320, y: 100 }, 30).leftPercent).toBeCloseTo(50);
  });
});
