// Ring: the first role's members evenly on a circle (n1 at twelve o'clock, then clockwise), other
// free-standing actors on a small inner circle, and actors with a home just outside it.
import { placeSatellites, assemble, splitBySatellite } from './satellites';
import { detailFor, NODE_RADIUS_MAX, radiusForSpacing } from './sizing';
import type { LabelPlacement, PlacedActor, StageActor, StageLayout } from './types';

export const RING_SIZE = 640;
/** Today's ring for small clusters, and a wider one once nodes are small and labels compact. */
const RING_RADIUS_SMALL = 220;
const RING_RADIUS_LARGE = 262;

export function circlePoint(cx: number, cy: number, radius: number, angle: number): { x: number; y: number } {
  return { x: cx + radius * Math.cos(angle), y: cy + radius * Math.sin(angle) };
}

/** The angle of the i-th of `count` evenly spaced places, the first at twelve o'clock. */
export function evenAngle(index: number, count: number): number {
  return -Math.PI / 2 + (2 * Math.PI * index) / Math.max(count, 1);
}

/** Compact labels go towards the centre, leaving the outside for satellites. */
export function inwardLabel(angle: number, radius: number): LabelPlacement {
  const distance = radius + 9;
  const dx = -Math.cos(angle) * distance;
  const dy = -Math.sin(angle) * distance + 3;
  return { dx, dy, anchor: Math.abs(Math.cos(angle)) < 0.3 ? 'middle' : dx > 0 ? 'start' : 'end' };
}

export const CENTRE_LABEL: LabelPlacement = { dx: 0, dy: 4, anchor: 'middle' };

/** Free-standing actors of other roles (a lone balancer, a coordinator) on a small inner circle. */
function placeInner(inner: readonly StageActor[], cx: number, cy: number, ringRadius: number, nodeRadius: number): PlacedActor[] {
  const radius = inner.length === 1 ? 0 : ringRadius * 0.32;
  const spacing = inner.length < 2 ? Infinity : 2 * radius * Math.sin(Math.PI / inner.length);
  const size = Math.min(nodeRadius, radiusForSpacing(spacing));
  return inner.map((actor, i) => {
    const angle = evenAngle(i, inner.length);
    return { id: actor.id, ...circlePoint(cx, cy, radius, angle), radius: size, satellite: false, label: inwardLabel(angle + Math.PI, size) };
  });
}

export function ringLayout(actors: readonly StageActor[], radiusMax: number = NODE_RADIUS_MAX): StageLayout {
  const { free, satellites } = splitBySatellite(actors);
  const firstRole = actors[0]?.role;
  const members = free.filter((actor) => actor.role === firstRole);
  const inner = free.filter((actor) => actor.role !== firstRole);
  const c = RING_SIZE / 2;
  const spacingAt = (radius: number) => (members.length < 2 ? Infinity : 2 * radius * Math.sin(Math.PI / members.length));
  const small = radiusForSpacing(spacingAt(RING_RADIUS_SMALL));
  const ringRadius = detailFor(spacingAt(RING_RADIUS_SMALL), small) === 'full' ? RING_RADIUS_SMALL : RING_RADIUS_LARGE;
  const nodeRadius = radiusForSpacing(spacingAt(ringRadius), 0.36, radiusMax);
  const detail = detailFor(spacingAt(ringRadius), nodeRadius);
  const placedMembers = members.map((actor, i): PlacedActor => {
    const angle = evenAngle(i, members.length);
    return { id: actor.id, ...circlePoint(c, c, ringRadius, angle), radius: nodeRadius, satellite: false, label: inwardLabel(angle, nodeRadius) };
  });
  const placedFree = [...placedMembers, ...placeInner(inner, c, c, ringRadius, nodeRadius)];
  const homes = new Map(placedFree.map((placed) => [placed.id, placed]));
  const outward = (home: PlacedActor) => (home.x === c && home.y === c ? -Math.PI / 2 : Math.atan2(home.y - c, home.x - c));
  const placedSatellites = placeSatellites(satellites, homes, { nodeRadius, detail, outward });
  return {
    width: RING_SIZE,
    height: RING_SIZE,
    nodeRadius,
    detail,
    ...assemble(actors, [...placedFree, ...placedSatellites]),
    guides: [],
  };
}
