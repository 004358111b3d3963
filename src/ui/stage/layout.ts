// Where things sit on the stage: nodes on a ring, clients in the middle, one link per pair of nodes.
import type { LinkFrame } from '../../engine/frame';

export interface Point {
  x: number;
  y: number;
}

export interface Placed extends Point {
  id: string;
}

export interface LinkPair {
  key: string;
  a: string;
  b: string;
  /** False when either direction is cut. */
  up: boolean;
}

export const STAGE_WIDTH = 640;
export const STAGE_HEIGHT = 640;
export const STAGE_CENTER: Point = { x: STAGE_WIDTH / 2, y: STAGE_HEIGHT / 2 };
export const RING_RADIUS = 220;

/** Ids evenly spaced on a circle, the first at twelve o'clock, then clockwise. */
export function ringLayout(ids: readonly string[], center: Point, radius: number): Placed[] {
  const count = ids.length;
  return ids.map((id, index) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * index) / Math.max(count, 1);
    return { id, x: center.x + radius * Math.cos(angle), y: center.y + radius * Math.sin(angle) };
  });
}

/** Nodes shrink as the ring fills so neighbours never touch. */
export function nodeRadius(count: number, ringRadius: number = RING_RADIUS): number {
  if (count < 2) return 36;
  const spacing = 2 * ringRadius * Math.sin(Math.PI / count);
  return Math.min(36, Math.floor(spacing * 0.3));
}

export function linkKey(a: string, b: string): string {
  return `${a}|${b}`;
}

/** Every unordered pair of nodes, in node order; cut if any directed link between them is down. */
export function linkPairs(ids: readonly string[], links: readonly LinkFrame[]): LinkPair[] {
  const down = new Set(links.filter((link) => !link.up).map((link) => linkKey(link.from, link.to)));
  const pairs: LinkPair[] = [];
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const a = ids[i];
      const b = ids[j];
      const up = !down.has(linkKey(a, b)) && !down.has(linkKey(b, a));
      pairs.push({ key: linkKey(a, b), a, b, up });
    }
  }
  return pairs;
}

export interface StageLayout {
  nodes: Placed[];
  clients: Placed[];
  nodeRadius: number;
  /** Every endpoint (node or client) by id, for drawing messages. */
  positions: Map<string, Point>;
}

export function stageLayout(nodeIds: readonly string[], clientIds: readonly string[]): StageLayout {
  const nodes = ringLayout(nodeIds, STAGE_CENTER, RING_RADIUS);
  const clients =
    clientIds.length === 1
      ? [{ id: clientIds[0], ...STAGE_CENTER }]
      : ringLayout(clientIds, STAGE_CENTER, RING_RADIUS * 0.25);
  const positions = new Map<string, Point>();
  for (const placed of [...nodes, ...clients]) positions.set(placed.id, { x: placed.x, y: placed.y });
  return { nodes, clients, nodeRadius: nodeRadius(nodeIds.length), positions };
}

export interface MenuPlacement {
  /** Percentages of the stage box, so an HTML overlay follows the SVG as it scales. */
  leftPercent: number;
  topPercent: number;
  /** Open below the node (upper half of the ring) or above it (lower half). */
  side: 'below' | 'above';
}

/** Where the node menu opens: beside the node, towards the middle of the stage. */
export function menuPlacement(point: Point, radius: number): MenuPlacement {
  const below = point.y <= STAGE_CENTER.y;
  const y = below ? point.y + radius + 26 : point.y - radius - 22;
  return {
    leftPercent: (point.x / STAGE_WIDTH) * 100,
    topPercent: (y / STAGE_HEIGHT) * 100,
    side: below ? 'below' : 'above',
  };
}
