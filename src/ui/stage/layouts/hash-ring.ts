// Hash ring: each member at the angle its id hashes to (honest consistent hashing, so gaps and
// clumps are real). Members whose angles clash step onto an inner or outer track instead of
// being nudged round the ring, which would misstate their ownership.
import { hashAngle } from './hash';
import { circlePoint, inwardLabel, RING_SIZE } from './ring';
import { assemble, placeSatellites, splitBySatellite } from './satellites';
import { detailFor, minimumSpacing, NODE_RADIUS_MIN, radiusForSpacing } from './sizing';
import type { PlacedActor, StageActor, StageLayout } from './types';

export const HASH_RING_RADIUS = 230;
/** Track offsets, in track widths, tried in order until a member fits. */
const TRACKS = [0, 1, -1, 2, -2];

function overlapsAny(point: { x: number; y: number }, placed: readonly PlacedActor[], gap: number): boolean {
  return placed.some((other) => Math.hypot(other.x - point.x, other.y - point.y) < gap);
}

/** Members at their hash angles, each on the first track where it touches no one; null if some
 * member fits nowhere at this size. */
function placeOnTracks(free: readonly StageActor[], nodeRadius: number): PlacedActor[] | null {
  const c = RING_SIZE / 2;
  const track = 2 * nodeRadius + 3;
  const room = RING_SIZE / 2 - HASH_RING_RADIUS - 4;
  const byAngle = [...free].sort((a, b) => hashAngle(a.id) - hashAngle(b.id) || a.id.localeCompare(b.id));
  const placed: PlacedActor[] = [];
  for (const actor of byAngle) {
    const angle = hashAngle(actor.id);
    const at = (offset: number) => circlePoint(c, c, HASH_RING_RADIUS + offset * track, angle);
    const offset = TRACKS.find((t) => Math.abs(t * track) + nodeRadius <= room && !overlapsAny(at(t), placed, 2 * nodeRadius + 2));
    if (offset === undefined) return null;
    placed.push({ id: actor.id, ...at(offset), radius: nodeRadius, satellite: false, label: inwardLabel(angle, nodeRadius) });
  }
  return placed;
}

export function hashRingLayout(actors: readonly StageActor[]): StageLayout {
  const { free, satellites } = splitBySatellite(actors);
  const c = RING_SIZE / 2;
  const evenSpacing = free.length < 2 ? Infinity : 2 * HASH_RING_RADIUS * Math.sin(Math.PI / free.length);
  // The largest size (up to what even spacing would allow) at which the hash's clumps still fit.
  let nodeRadius = radiusForSpacing(evenSpacing, 0.36);
  let placed = placeOnTracks(free, nodeRadius);
  while (!placed && nodeRadius > NODE_RADIUS_MIN) placed = placeOnTracks(free, --nodeRadius);
  // Beyond what five tracks hold (well past 64 members), overlap rather than misplace.
  placed ??= free.map((actor) => {
    const angle = hashAngle(actor.id);
    return { id: actor.id, ...circlePoint(c, c, HASH_RING_RADIUS, angle), radius: nodeRadius, satellite: false, label: inwardLabel(angle, nodeRadius) };
  });
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
