// Shared stage geometry: the point type, the default viewBox, and where the node menu opens.
// The layouts themselves live in ./layouts/.

export interface Point {
  x: number;
  y: number;
}

/** The default (square) viewBox; tall layouts (many lanes) say their own size. */
export const STAGE_WIDTH = 640;
export const STAGE_HEIGHT = 640;

export interface MenuPlacement {
  /** Percentages of the stage box, so an HTML overlay follows the SVG as it scales. */
  leftPercent: number;
  topPercent: number;
  /** Open below a node in the upper half, above one in the lower half. */
  side: 'below' | 'above';
}

/** Where the node menu opens: beside the node, towards the middle of the stage. */
export function menuPlacement(
  point: Point,
  radius: number,
  width: number = STAGE_WIDTH,
  height: number = STAGE_HEIGHT,
): MenuPlacement {
  const below = point.y <= height / 2;
  const y = below ? point.y + radius + 26 : point.y - radius - 22;
  return {
    leftPercent: (point.x / width) * 100,
    topPercent: (y / height) * 100,
    side: below ? 'below' : 'above',
  };
}
