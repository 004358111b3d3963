// Actors with a home (a client on a server's machine) are drawn small beside that home, not in a
// pile of their own: they share its links, so their messages leave from next to it.
import { satelliteRadius } from './sizing';
import type { LabelPlacement, PlacedActor, StageActor } from './types';

/** Splits actors into free-standing ones and those drawn beside a free-standing home. */
export function splitBySatellite(actors: readonly StageActor[]): { free: StageActor[]; satellites: StageActor[] } {
  const ids = new Set(actors.map((actor) => actor.id));
  const isSatellite = (actor: StageActor) => actor.home !== null && actor.home !== actor.id && ids.has(actor.home);
  const homes = new Set(actors.filter(isSatellite).map((actor) => actor.home));
  // A home must itself be free-standing; a chain (client beside a client) is flattened.
  const satellites = actors.filter((actor) => isSatellite(actor) && !homes.has(actor.id));
  const placedBeside = new Set(satellites.map((actor) => actor.id));
  return { free: actors.filter((actor) => !placedBeside.has(actor.id)), satellites };
}

const DEGREE = Math.PI / 180;
/** Full-detail nodes carry a caption above, a badge to the right and a log below: satellites sit
 * in the gaps, above and below the badge's line, on the outward side. */
const FULL_DETAIL_ANGLES = [-30, 30, -5, 55, -55].map((degrees) => degrees * DEGREE);

export interface SatelliteOptions {
  nodeRadius: number;
  detail: 'full' | 'compact';
  /** The direction (radians, SVG axes) pointing away from the crowd around a home. */
  outward: (home: PlacedActor) => number;
}

function satelliteAngles(count: number, outward: number, distance: number, radius: number, detail: 'full' | 'compact'): number[] {
  if (detail === 'full') {
    const mirror = Math.cos(outward) < -1e-9;
    return Array.from({ length: count }, (_, i) => {
      const angle = FULL_DETAIL_ANGLES[i % FULL_DETAIL_ANGLES.length];
      return mirror ? Math.PI - angle : angle;
    });
  }
  // Just far enough apart that neighbouring satellites do not touch.
  const step = 2 * Math.asin(Math.min(1, (radius + 1.5) / distance));
  return Array.from({ length: count }, (_, i) => outward + step * (i - (count - 1) / 2));
}

function satelliteLabel(angle: number, radius: number, detail: 'full' | 'compact'): LabelPlacement {
  if (detail === 'full') return { dx: 0, dy: 3, anchor: 'middle' };
  const dx = Math.cos(angle) * (radius + 3);
  const dy = Math.sin(angle) * (radius + 3) + 3;
  return { dx, dy, anchor: Math.abs(Math.cos(angle)) < 0.3 ? 'middle' : dx > 0 ? 'start' : 'end' };
}

/** Places each satellite beside its (already placed) home, fanned out when a home has several. */
export function placeSatellites(
  satellites: readonly StageActor[],
  homes: ReadonlyMap<string, PlacedActor>,
  options: SatelliteOptions,
): PlacedActor[] {
  const radius = satelliteRadius(options.nodeRadius);
  // Far enough in full detail for the line that ties a client to its home to show.
  const distance = options.nodeRadius + radius + (options.detail === 'full' ? 16 : 4);
  const byHome = new Map<string, StageActor[]>();
  for (const actor of satellites) byHome.set(actor.home!, [...(byHome.get(actor.home!) ?? []), actor]);
  const placed = new Map<string, PlacedActor>();
  for (const [homeId, group] of byHome) {
    const home = homes.get(homeId)!;
    const angles = satelliteAngles(group.length, options.outward(home), distance, radius, options.detail);
    group.forEach((actor, i) => {
      const angle = angles[i];
      placed.set(actor.id, {
        id: actor.id,
        x: home.x + Math.cos(angle) * distance,
        y: home.y + Math.sin(angle) * distance,
        radius,
        satellite: true,
        label: satelliteLabel(angle, radius, options.detail),
      });
    });
  }
  return satellites.map((actor) => placed.get(actor.id)!);
}

/** Puts the pieces together in the actors' own order. */
export function assemble(
  actors: readonly StageActor[],
  pieces: readonly PlacedActor[],
): { actors: PlacedActor[]; byId: Map<string, PlacedActor> } {
  const byId = new Map(pieces.map((piece) => [piece.id, piece]));
  return { actors: actors.map((actor) => byId.get(actor.id)!), byId };
}
