// Segment intersection and strokes crossing links: the geometry behind drag-to-cut.
import { describe, expect, it } from 'vitest';
import { crossedBy, pointAlong, polylineLength, segmentsIntersect, shiftSegment, strokeCrosses, trimSegment } from './geometry';

const p = (x: number, y: number) => ({ x, y });

describe('segmentsIntersect', () => {
  it('finds a proper crossing', () => {
    expect(segmentsIntersect(p(0, 0), p(10, 10), p(0, 10), p(10, 0))).toBe(true);
  });

  it('rejects parallel and disjoint segments', () => {
    expect(segmentsIntersect(p(0, 0), p(10, 0), p(0, 1), p(10, 1))).toBe(false);
    expect(segmentsIntersect(p(0, 0), p(1, 1), p(2, 0), p(3, -5))).toBe(false);
  });

  it('rejects segments whose lines cross outside them', () => {
    expect(segmentsIntersect(p(0, 0), p(1, 1), p(0, 10), p(10, 9))).toBe(false);
  });

  it('counts touching at an end point', () => {
    expect(segmentsIntersect(p(0, 0), p(10, 0), p(5, 0), p(5, 5))).toBe(true);
  });

  it('handles collinear overlap and collinear gaps', () => {
    expect(segmentsIntersect(p(0, 0), p(10, 0), p(5, 0), p(15, 0))).toBe(true);
    expect(segmentsIntersect(p(0, 0), p(4, 0), p(5, 0), p(15, 0))).toBe(false);
  });

  it('is symmetric', () => {
    const cases: [number, number, number, number, number, number, number, number][] = [
      [0, 0, 10, 10, 0, 10, 10, 0],
      [0, 0, 10, 0, 0, 1, 10, 1],
      [1, 2, 3, 9, -4, 5, 8, 5],
    ];
    for (const [a, b, c, d, e, f, g, h] of cases) {
      expect(segmentsIntersect(p(a, b), p(c, d), p(e, f), p(g, h))).toBe(
        segmentsIntersect(p(e, f), p(g, h), p(a, b), p(c, d)),
      );
    }
  });
});

describe('strokes', () => {
  const link = { segment: { start: p(0, 0), end: p(100, 0) } };
  const other = { segment: { start: p(0, 50), end: p(100, 50) } };

  it('a polyline crosses a link if any of its pieces does', () => {
    expect(strokeCrosses([p(10, -10), p(20, -5), p(30, 10)], link.segment)).toBe(true);
    expect(strokeCrosses([p(10, -10), p(20, -5), p(30, -1)], link.segment)).toBe(false);
  });

  it('lists each crossed link once even when crossed twice', () => {
    const zigzag = [p(10, -10), p(20, 10), p(30, -10), p(40, 60)];
    expect(crossedBy(zigzag, [link, other])).toEqual([link, other]);
  });

  it('a single point crosses nothing', () => {
    expect(crossedBy([p(50, 0)], [link])).toEqual([]);
  });

  it('measures a polyline', () => {
    expect(polylineLength([p(0, 0), p(3, 4), p(3, 10)])).toBe(11);
    expect(polylineLength([p(1, 1)])).toBe(0);
  });
});

describe('segments along links', () => {
  it('finds points along a segment', () => {
    expect(pointAlong(p(0, 0), p(10, 20), 0.5)).toEqual(p(5, 10));
  });

  it('trims both ends', () => {
    const trimmed = trimSegment(p(0, 0), p(100, 0), 10);
    expect(trimmed.start.x).toBeCloseTo(10);
    expect(trimmed.end.x).toBeCloseTo(90);
  });

  it('trims the ends by different amounts', () => {
    const trimmed = trimSegment(p(0, 0), p(100, 0), 10, 30);
    expect(trimmed.start.x).toBeCloseTo(10);
    expect(trimmed.end.x).toBeCloseTo(70);
  });

  it('collapses a segment too short to trim to its middle', () => {
    expect(trimSegment(p(0, 0), p(10, 0), 10)).toEqual({ start: p(5, 0), end: p(5, 0) });
  });

  it('shifts opposite directions to opposite sides', () => {
    const there = shiftSegment({ start: p(0, 0), end: p(10, 0) }, 4);
    const back = shiftSegment({ start: p(10, 0), end: p(0, 0) }, 4);
    expect(Math.sign(there.start.y)).toBe(-Math.sign(back.start.y));
    expect(Math.abs(there.start.y)).toBeCloseTo(4);
  });
});
