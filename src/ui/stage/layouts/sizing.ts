// Sizes shared by the layouts: how big a node may be for the room it has, and when details fit.

export const NODE_RADIUS_MAX = 36;
/** Below this a node's id no longer reads at the stage's usual size. */
export const NODE_RADIUS_MIN = 9;
/** Full detail needs room for a caption above and a log row (about 110 units) below each node. */
export const FULL_DETAIL_SPACING = 110;
export const FULL_DETAIL_RADIUS = 20;

export function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** A node gets about a third of the distance to its nearest neighbour, within readable bounds. */
export function radiusForSpacing(spacing: number, share = 0.36, max = NODE_RADIUS_MAX): number {
  return Math.floor(clamp(spacing * share, NODE_RADIUS_MIN, max));
}

/** Satellites (clients beside their home) are drawn at about half a node's size, at most 12 (or
 * a third of the node, for the large nodes of a small stage). */
export function satelliteRadius(nodeRadius: number): number {
  return Math.round(clamp(nodeRadius * 0.45, 6, Math.max(12, nodeRadius * 0.3)));
}

export function detailFor(spacing: number, radius: number): 'full' | 'compact' {
  return spacing >= FULL_DETAIL_SPACING && radius >= FULL_DETAIL_RADIUS ? 'full' : 'compact';
}

/** Smallest distance between any two points (Infinity for fewer than two). */
export function minimumSpacing(points: readonly { x: number; y: number }[]): number {
  let best = Infinity;
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      best = Math.min(best, Math.hypot(points[i].x - points[j].x, points[i].y - points[j].y));
    }
  }
  return best;
}
