// Grid: free-standing actors row by row in a square-ish grid (8 × 8 at 64), satellites beside
// their home to the right; compact ids go under each node.
import { assemble, placeSatellites, splitBySatellite } from './satellites';
import { detailFor, radiusForSpacing } from './sizing';
import type { PlacedActor, StageActor, StageLayout } from './types';

export const GRID_SIZE = 640;
const MARGIN = 36;

export function gridLayout(actors: readonly StageActor[]): StageLayout {
  const { free, satellites } = splitBySatellite(actors);
  const columns = Math.max(1, Math.ceil(Math.sqrt(free.length)));
  const rows = Math.max(1, Math.ceil(free.length / columns));
  const cell = Math.min((GRID_SIZE - 2 * MARGIN) / columns, (GRID_SIZE - 2 * MARGIN) / rows);
  // Leave room in each cell for a satellite when there are any.
  const nodeRadius = radiusForSpacing(cell, satellites.length > 0 ? 0.26 : 0.34);
  const left = (GRID_SIZE - columns * cell) / 2;
  const top = (GRID_SIZE - rows * cell) / 2;
  const placed = free.map((actor, i): PlacedActor => ({
    id: actor.id,
    x: left + ((i % columns) + 0.5) * cell,
    y: top + (Math.floor(i / columns) + 0.5) * cell,
    radius: nodeRadius,
    satellite: false,
    label: { dx: 0, dy: nodeRadius + 11, anchor: 'middle' },
  }));
  const detail = detailFor(free.length < 2 ? Infinity : cell, nodeRadius);
  const homes = new Map(placed.map((p) => [p.id, p]));
  const placedSatellites = placeSatellites(satellites, homes, { nodeRadius, detail, outward: () => 0 });
  return {
    width: GRID_SIZE,
    height: GRID_SIZE,
    nodeRadius,
    detail,
    ...assemble(actors, [...placed, ...placedSatellites]),
    guides: [],
  };
}
