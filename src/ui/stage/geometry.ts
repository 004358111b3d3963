// Plane geometry for the stage: points along a segment, and which links a drawn stroke crosses.
import type { Point } from './layout';

export interface Segment {
  start: Point;
  end: Point;
}

/** The point a fraction t of the way from start to end. */
export function pointAlong(start: Point, end: Point, t: number): Point {
  return { x: start.x + (end.x - start.x) * t, y: start.y + (end.y - start.y) * t };
}

/** The segment with `by` taken off the start and `endBy` off the end (e.g. a link drawn from rim
 * to rim, not centre to centre); a segment too short for that collapses to its middle. */
export function trimSegment(start: Point, end: Point, by: number, endBy: number = by): Segment {
  const length = Math.hypot(end.x - start.x, end.y - start.y);
  if (length <= by + endBy) {
    const middle = pointAlong(start, end, 0.5);
    return { start: middle, end: middle };
  }
  return { start: pointAlong(start, end, by / length), end: pointAlong(start, end, 1 - endBy / length) };
}

/** Sign of the turn a → b → c: positive counter-clockwise, negative clockwise, 0 collinear. */
function orientation(a: Point, b: Point, c: Point): number {
  const cross = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
  return Math.abs(cross) < 1e-9 ? 0 : Math.sign(cross);
}

/** For collinear a, b, c: does c lie within the bounding box of a–b? */
function onSegment(a: Point, b: Point, c: Point): boolean {
  return (
    Math.min(a.x, b.x) <= c.x &&
    c.x <= Math.max(a.x, b.x) &&
    Math.min(a.y, b.y) <= c.y &&
    c.y <= Math.max(a.y, b.y)
  );
}

/** Do segments p1–p2 and q1–q2 share at least one point (touching counts)? */
export function segmentsIntersect(p1: Point, p2: Point, q1: Point, q2: Point): boolean {
  const o1 = orientation(p1, p2, q1);
  const o2 = orientation(p1, p2, q2);
  const o3 = orientation(q1, q2, p1);
  const o4 = orientation(q1, q2, p2);
  if (o1 !== o2 && o3 !== o4) return true;
  if (o1 === 0 && onSegment(p1, p2, q1)) return true;
  if (o2 === 0 && onSegment(p1, p2, q2)) return true;
  if (o3 === 0 && onSegment(q1, q2, p1)) return true;
  return o4 === 0 && onSegment(q1, q2, p2);
}

/** Does the polyline `stroke` cross the segment anywhere? */
export function strokeCrosses(stroke: readonly Point[], segment: Segment): boolean {
  for (let i = 1; i < stroke.length; i++) {
    if (segmentsIntersect(stroke[i - 1], stroke[i], segment.start, segment.end)) return true;
  }
  return false;
}

/** The items whose segment the stroke crosses, each once, in their given order. */
export function crossedBy<T extends { segment: Segment }>(stroke: readonly Point[], items: readonly T[]): T[] {
  if (stroke.length < 2) return [];
  return items.filter((item) => strokeCrosses(stroke, item.segment));
}

/** Total length of a polyline, to tell a click from a stroke. */
export function polylineLength(points: readonly Point[]): number {
  let length = 0;
  for (let i = 1; i < points.length; i++) {
    length += Math.hypot(points[i].x - points[i - 1].x, points[i].y - points[i - 1].y);
  }
  return length;
}

/** The segment moved sideways by `distance`, to the left of its direction of travel, so the two
 * directions of a link run in separate lanes. */
export function shiftSegment(segment: Segment, distance: number): Segment {
  const dx = segment.end.x - segment.start.x;
  const dy = segment.end.y - segment.start.y;
  const length = Math.hypot(dx, dy);
  if (length === 0) return segment;
  const nx = (dy / length) * distance;
  const ny = (-dx / length) * distance;
  return {
    start: { x: segment.start.x + nx, y: segment.start.y + ny },
    end: { x: segment.end.x + nx, y: segment.end.y + ny },
  };
}
