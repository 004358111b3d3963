// Where the space-time diagram draws things: a time scale across, a lane per actor down, and each
// arrow's ends and heading in viewBox units.
import { scaleLinear } from 'd3-scale';
import type { SpaceTime, SpaceTimeArrow } from './space-time';

export const PLOT_LEFT = 52;
export const PLOT_RIGHT = 16;
export const PLOT_TOP = 26;
export const VIEW_WIDTH = 800;
const LANE_ROOMY = 30;
const LANE_TIGHT = 14;

export interface PlacedArrow {
  arrow: SpaceTimeArrow;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** Heading at the end, degrees, for the arrowhead. */
  angleDeg: number;
}

export interface SpaceTimeGeometry {
  width: number;
  height: number;
  laneY: Map<string, number>;
  x: (timeMs: number) => number;
  ticks: { x: number; label: string }[];
  arrows: PlacedArrow[];
}

/** Lanes are roomy for a few actors and tight (but readable) for 64. */
export function laneHeight(count: number): number {
  return count <= 16 ? LANE_ROOMY : LANE_TIGHT;
}

export function spaceTimeGeometry(st: SpaceTime): SpaceTimeGeometry {
  const pitch = laneHeight(st.lanes.length);
  const height = PLOT_TOP + pitch * Math.max(st.lanes.length, 1) + 8;
  const scale = scaleLinear().domain([st.startMs, st.endMs]).range([PLOT_LEFT, VIEW_WIDTH - PLOT_RIGHT]);
  const laneY = new Map(st.lanes.map((id, i) => [id, PLOT_TOP + (i + 0.5) * pitch]));
  const arrows = st.arrows.map((arrow): PlacedArrow => {
    const y1 = laneY.get(arrow.from)!;
    const y2 = y1 + (laneY.get(arrow.to)! - y1) * arrow.reach;
    const x1 = scale(arrow.sentAtMs);
    const x2 = scale(arrow.endAtMs);
    return { arrow, x1, y1, x2, y2, angleDeg: (Math.atan2(y2 - y1, x2 - x1) * 180) / Math.PI };
  });
  const ticks = scale.ticks(5).map((t) => ({ x: scale(t), label: `${(t / 1000).toFixed(t % 1000 === 0 ? 0 : 1)} s` }));
  return { width: VIEW_WIDTH, height, laneY, x: (t) => scale(t), ticks, arrows };
}
