// Where each message's short label goes so that no two labels overlap and none covers a node:
// each label tries a few spots around its glyph, in order, and takes the first that is free;
// a label with no free spot is left off (its kind's short form is in the legend). Greedy in a
// stable order (the selected message, lost ones, then oldest first), so a label keeps its spot
// from one animation frame to the next.
import type { Point } from './layout';

export interface Box {
  /** Top-left corner and size, in stage units. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LabelRequest {
  id: number;
  at: Point;
  text: string;
  /** Placed before every unselected label. */
  selected?: boolean;
  /** Lost and cut messages are placed before the others: they are the news. */
  stopped?: boolean;
}

export interface PlacedLabel {
  /** Baseline point relative to the glyph's centre, and the text anchor there. */
  dx: number;
  dy: number;
  anchor: 'start' | 'middle' | 'end';
  /** The label's box on the stage (halo included). */
  box: Box;
}

/** Widths in em of the characters labels use, bold, erring wide (DejaVu Sans Bold, the widest
 * of the usual system faces), so the estimate always covers what the browser draws. */
function charWidthEm(char: string): number {
  if (char === ' ') return 0.38;
  if ('il.,:!|1'.includes(char)) return 0.42;
  if ('✓✗✕↪←→?'.includes(char)) return 0.92;
  if (/[A-Z]/.test(char)) return 0.8;
  return 0.72;
}

/** The halo (paint-order stroke) around each label, in stage units. */
const HALO = 1.5;

/** The box of `text` at `fontSize` with its baseline at (x, y) and the given anchor. */
export function textBox(text: string, fontSize: number, x: number, y: number, anchor: PlacedLabel['anchor']): Box {
  let em = 0;
  for (const char of text) em += charWidthEm(char);
  const width = em * fontSize + 2 * HALO;
  const height = fontSize * 1.25 + 2 * HALO;
  const left = anchor === 'start' ? x - HALO : anchor === 'end' ? x - width + HALO : x - width / 2;
  return { x: left, y: y - fontSize - HALO, width, height };
}

export function boxesIntersect(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Spots around a glyph of radius about 7, as multiples of the font size: up-right first (where
 * labels always went), then the other corners, then above and below. */
const SPOTS: { dx: number; dy: number; anchor: PlacedLabel['anchor'] }[] = [
  { dx: 0.8, dy: -0.7, anchor: 'start' },
  { dx: 0.8, dy: 1.5, anchor: 'start' },
  { dx: -0.8, dy: -0.7, anchor: 'end' },
  { dx: -0.8, dy: 1.5, anchor: 'end' },
  { dx: 0, dy: -1.1, anchor: 'middle' },
  { dx: 0, dy: 2, anchor: 'middle' },
];

function order(a: LabelRequest, b: LabelRequest): number {
  return Number(Boolean(b.selected)) - Number(Boolean(a.selected)) || Number(Boolean(b.stopped)) - Number(Boolean(a.stopped)) || a.id - b.id;
}

/** A free spot for each label that has one, by message id. `obstacles` are boxes no label may
 * cover (nodes and their captions); `fontSize` is the labels' size in stage units. */
export function placeLabels(requests: readonly LabelRequest[], fontSize: number, obstacles: readonly Box[] = []): Map<number, PlacedLabel> {
  const placed = new Map<number, PlacedLabel>();
  const labels: Box[] = [];
  // Every glyph is an obstacle to every label but its own.
  const glyphs = requests.map((request) => ({ id: request.id, box: glyphBox(request.at) }));
  const spotAt = (request: LabelRequest, spot: (typeof SPOTS)[number]): PlacedLabel => {
    const [dx, dy] = [spot.dx * fontSize, spot.dy * fontSize];
    return { dx, dy, anchor: spot.anchor, box: textBox(request.text, fontSize, request.at.x + dx, request.at.y + dy, spot.anchor) };
  };
  for (const request of [...requests].sort(order)) {
    const free = (label: PlacedLabel) =>
      !labels.some((other) => boxesIntersect(label.box, other)) &&
      !obstacles.some((other) => boxesIntersect(label.box, other)) &&
      !glyphs.some((glyph) => glyph.id !== request.id && boxesIntersect(label.box, glyph.box));
    // The selected message is always labelled: first, so no other label is in its way.
    const label = SPOTS.map((spot) => spotAt(request, spot)).find(free) ?? (request.selected ? spotAt(request, SPOTS[0]) : undefined);
    if (!label) continue;
    labels.push(label.box);
    placed.set(request.id, label);
  }
  return placed;
}

/** The space a message's glyph takes (its arrowhead aside). */
const GLYPH_HALF = 6;

function glyphBox(at: Point): Box {
  return { x: at.x - GLYPH_HALF, y: at.y - GLYPH_HALF, width: 2 * GLYPH_HALF, height: 2 * GLYPH_HALF };
}
