// Where the breaker statechart's states and arrows go: three boxes in a triangle (CLOSED and
// OPEN on top, HALF_OPEN below), one arrow per edge of the machine, each with a numbered badge
// that the cause list under the drawing repeats.
import type { BreakerStateName, EdgeId } from '../breaker.machine';

export const CHART_WIDTH = 300;
export const CHART_HEIGHT = 170;
export const BOX_WIDTH = 96;
export const BOX_HEIGHT = 30;

export const STATE_CENTRES: Record<BreakerStateName, { x: number; y: number }> = {
  CLOSED: { x: 62, y: 42 },
  OPEN: { x: 238, y: 42 },
  HALF_OPEN: { x: 150, y: 138 },
};

export interface EdgeGeometry {
  /** SVG path of the arrow (its end carries the arrowhead). */
  path: string;
  /** Where its number badge sits. */
  badge: { x: number; y: number };
  number: number;
}

export const EDGE_GEOMETRY: Record<EdgeId, EdgeGeometry> = {
  'CLOSED>OPEN': { path: 'M 112 42 L 188 42', badge: { x: 150, y: 42 }, number: 1 },
  'OPEN>HALF_OPEN': { path: 'M 222 58 Q 214 100 186 124', badge: { x: 214, y: 96 }, number: 2 },
  'HALF_OPEN>OPEN': { path: 'M 199 136 Q 262 128 252 60', badge: { x: 250, y: 114 }, number: 3 },
  'HALF_OPEN>CLOSED': { path: 'M 101 136 Q 38 128 48 60', badge: { x: 50, y: 114 }, number: 4 },
};

/** The initial-state arrow into CLOSED. */
export const INITIAL_PATH = 'M 62 6 L 62 25';

export function stateLabel(state: BreakerStateName): string {
  return state === 'HALF_OPEN' ? 'HALF_OPEN' : state;
}
