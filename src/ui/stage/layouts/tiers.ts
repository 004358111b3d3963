// Tiers: one column per role, left to right in the lab's `tiers` order (clients → balancer →
// services → database), members spread down their column; a crowded column wraps into sub-columns.
import { assemble, placeSatellites, splitBySatellite } from './satellites';
import { clamp, detailFor, minimumSpacing, NODE_RADIUS_MIN, radiusForSpacing } from './sizing';
import type { Guide, LabelPlacement, PlacedActor, StageActor, StageLayout } from './types';

export const TIERS_WIDTH = 640;
export const TIERS_HEIGHT = 640;
const MARGIN_X = 24;
const TOP = 56;
const BOTTOM = 24;
/** Closest two members of a column may be, centre to centre, before it wraps. */
const MIN_PITCH = 2 * NODE_RADIUS_MIN + 14;

/** Roles in tier order: the lab's list first, then any role it did not list, as met. */
export function tierOrder(actors: readonly StageActor[], tiers: readonly string[] = []): string[] {
  const present = new Set(actors.map((actor) => actor.role));
  const order = tiers.filter((role) => present.has(role));
  for (const actor of actors) if (!order.includes(actor.role)) order.push(actor.role);
  return order;
}

interface Column {
  role: string;
  members: StageActor[];
  x: number;
  width: number;
}

function placeColumn(column: Column, radius: number, label: LabelPlacement): PlacedActor[] {
  const height = TIERS_HEIGHT - TOP - BOTTOM;
  const subColumns = Math.max(1, Math.ceil((column.members.length * MIN_PITCH) / height));
  const rows = Math.ceil(column.members.length / subColumns);
  const pitch = height / Math.max(rows, 1);
  const subWidth = (column.width * 0.7) / subColumns;
  return column.members.map((actor, i) => {
    const row = i % rows;
    const sub = Math.floor(i / rows);
    return {
      id: actor.id,
      x: column.x + (sub - (subColumns - 1) / 2) * subWidth,
      y: TOP + (row + 0.5) * pitch,
      radius,
      satellite: false,
      label,
    };
  });
}

export function tiersLayout(actors: readonly StageActor[], tiers: readonly string[] = []): StageLayout {
  const listed = new Set(tiers);
  // An actor whose role has a tier goes in that column even if it has a home.
  const { satellites: beside } = splitBySatellite(actors);
  const satellites = beside.filter((actor) => !listed.has(actor.role));
  const inColumns = actors.filter((actor) => !satellites.includes(actor));
  const roles = tierOrder(inColumns, tiers);
  const width = (TIERS_WIDTH - 2 * MARGIN_X) / Math.max(roles.length, 1);
  const columns: Column[] = roles.map((role, i) => ({
    role,
    members: inColumns.filter((actor) => actor.role === role),
    x: MARGIN_X + (i + 0.5) * width,
    width,
  }));
  const tallest = Math.max(1, ...columns.map((column) => column.members.length));
  const pitch = Math.max(MIN_PITCH, (TIERS_HEIGHT - TOP - BOTTOM) / tallest);
  const nodeRadius = radiusForSpacing(Math.min(pitch, width * 0.6), 0.36);
  const label: LabelPlacement = { dx: nodeRadius + 4, dy: 3, anchor: 'start' };
  const placed = columns.flatMap((column) => placeColumn(column, nodeRadius, label));
  const detail = detailFor(minimumSpacing(placed), nodeRadius);
  const homes = new Map(placed.map((p) => [p.id, p]));
  const placedSatellites = placeSatellites(satellites, homes, { nodeRadius, detail, outward: () => Math.PI });
  const guides: Guide[] = columns.map((column) => ({
    type: 'heading',
    key: `tier-${column.role}`,
    x: column.x,
    y: clamp(TOP - 30, 14, TOP),
    text: column.role,
  }));
  return {
    width: TIERS_WIDTH,
    height: TIERS_HEIGHT,
    nodeRadius,
    detail,
    ...assemble(actors, [...placed, ...placedSatellites]),
    guides,
  };
}
