// Hash ring: each member at the angle its id hashes to (honest consistent hashing, so gaps and
// clumps are real). Members whose angles clash step onto an inner or outer track instead of
// being nudged round the ring, which would misstate their ownership.
import { hashAngle } from './hash';
import { circlePoint, inwardLabel, RING_SIZE } from './ring';
import { assemble, placeSatellites, splitBySatellite } from './satellites';
import { detailFor, minimumSpacing, radiusForSpacing } from './sizing';
import type { PlacedActor, StageActor, StageLayout } from './types';

export const HASH_RING_RADIUS = 230;
/** Track offsets, in track widths, tried in order until a member fits. */
const TRACKS = [0, 1, -1, 2, -2];

function overlapsAny(point: { x: number; y: number }, placed: readonly PlacedActor[], gap: number): boolean {
  return placed.some((other) => Math.hypot(other.x - point.x, other.y - point.y) < gap);
}

export function hashRingLayout(actors: readonly StageActor[]): StageLayout {
  const { free, satellites } = splitBySatellite(actors);
  const c = RING_SIZE / 2;
  const evenSpacing = free.length < 2 ? Infinity : 2 * HASH_RING_RADIUS * Math.sin(Math.PI / free.length);
  const nodeRadius = radiusForSpacing(evenSpacing, 0.3);
  const track = 2 * nodeRadius + 3;
  const byAngle = [...free].sort((a, b) => hashAngle(a.id) - hashAngle(b.id) || a.id.localeCompare(b.id));
  const placed: PlacedActor[] = [];
  for (const actor of byAngle) {
    const angle = hashAngle(actor.id);
    const at = (offset: number) => circlePoint(c, c, HASH_RING_RADIUS + offset * track, angle);
    const fits = (t: number) => Math.abs(t * track) + nodeRadius <= RING_SIZE / 2 - HASH_RING_RADIUS - 4;
    const offset = TRACKS.find((t) => fits(t) && !overlapsAny(at(t), placed, 2 * nodeRadius + 2)) ?? 0;
    placed.push({ id: actor.id, ...at(offset), radius: nodeRadius, satellite: false, label: inwardLabel(angle, nodeRadius) });
  }
  // Full detail only where the hash left room for captions and logs between neighbours.
  const detail = detailFor(minimumSpacing(placed), nodeRadius);
  const homes = new Map(placed.map((p) => [p.id, p]));
  const outward = (home: PlacedActor) => Math.atan2(home.y - c, home.x - c);
  const placedSatellites = placeSatellites(satellites, homes, { nodeRadius, detail, outward });
  return {
    width: RING_SIZE,
    height: RING_SIZE,
    nodeRadius,
    detail,
    ...assemble(actors, [...placed, ...placedSatellites]),
    guides: [{ type: 'circle', key: 'hash-ring', cx: c, cy: c, r: HASH_RING_RADIUS }],
  };
}

/** The ring a lab draws its keys on (with `hashRingPoint`). */
export const HASH_RING = { cx: RING_SIZE / 2, cy: RING_SIZE / 2, r: HASH_RING_RADIUS };
