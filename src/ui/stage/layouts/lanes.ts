// Lanes: one horizontal lane per actor, top to bottom in the actors' order. Nodes sit on a gentle
// arc across the lanes so that no link between two of them runs through a third.
import { assemble } from './satellites';
import { detailFor, minimumSpacing, radiusForSpacing } from './sizing';
import type { Guide, PlacedActor, StageActor, StageLayout } from './types';

export const LANES_WIDTH = 640;
const MIN_HEIGHT = 640;
const MARGIN_Y = 40;
/** Narrowest lane that still holds a readable node; beyond that the drawing grows taller. */
const MIN_LANE = 22;
const LANE_START = 56;
const ARC_LEFT = 150;
const ARC_DEPTH = 300;

export function lanesLayout(actors: readonly StageActor[]): StageLayout {
  const count = Math.max(actors.length, 1);
  const height = Math.max(MIN_HEIGHT, 2 * MARGIN_Y + count * MIN_LANE);
  const pitch = (height - 2 * MARGIN_Y) / count;
  const nodeRadius = radiusForSpacing(pitch, 0.4);
  const placed = actors.map((actor, i): PlacedActor => {
    const y = MARGIN_Y + (i + 0.5) * pitch;
    const x = ARC_LEFT + ARC_DEPTH * Math.sin((Math.PI * (i + 0.5)) / count);
    return { id: actor.id, x, y, radius: nodeRadius, satellite: false, label: { dx: nodeRadius + 4, dy: 3, anchor: 'start' } };
  });
  const guides: Guide[] = placed.map((p) => ({
    type: 'line',
    key: `lane-${p.id}`,
    x1: LANE_START,
    y1: p.y,
    x2: LANES_WIDTH - 16,
    y2: p.y,
    text: p.id,
  }));
  return {
    width: LANES_WIDTH,
    height,
    nodeRadius,
    detail: detailFor(minimumSpacing(placed), nodeRadius),
    ...assemble(actors, placed),
    guides,
  };
}
