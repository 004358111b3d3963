// How a lab's message kinds look: the glyph its MessageKindSpec names (a d3-shape symbol) and a
// colour picked by the kind's place in the lab's list. Nothing here knows any lab's kinds.
import {
  symbol,
  symbolCircle,
  symbolCross,
  symbolDiamond,
  symbolSquare,
  symbolStar,
  symbolTriangle,
  symbolWye,
  type SymbolType,
} from 'd3-shape';
import type { Glyph, MessageKindSpec } from '../../labs/define-lab';

/** Symbol and area (d3-shape's measure) chosen so the glyphs look about equally heavy. */
const GLYPHS: Record<Glyph, { symbol: SymbolType; area: number }> = {
  circle: { symbol: symbolCircle, area: 90 },
  diamond: { symbol: symbolDiamond, area: 130 },
  square: { symbol: symbolSquare, area: 120 },
  triangle: { symbol: symbolTriangle, area: 110 },
  wye: { symbol: symbolWye, area: 110 },
  cross: { symbol: symbolCross, area: 110 },
  star: { symbol: symbolStar, area: 120 },
};

/** The SVG path of a glyph, centred on the origin. */
export function glyphPath(glyph: Glyph, scale = 1): string {
  const info = GLYPHS[glyph] ?? GLYPHS.circle;
  return symbol(info.symbol, info.area * scale)() ?? '';
}

export const KIND_PALETTE_SIZE = 8;
/** Okabe–Ito slots of theme.css's term palette, most distinct first (yellow, weak on white, last). */
const PALETTE_FALLBACK = [1, 2, 3, 4, 5, 6, 0, 7];

/** The kind at `index` is coloured `--msg-kind-N` if the theme sets it, else the term palette. */
export function kindColour(index: number): string {
  if (index < 0) return 'var(--msg-other)';
  const slot = index % KIND_PALETTE_SIZE;
  return `var(--msg-kind-${slot}, var(--term-${PALETTE_FALLBACK[slot]}))`;
}

export interface KindStyle {
  kind: string;
  label: string;
  short?: string;
  glyph: Glyph;
  /** Place in the lab's list, -1 for a kind the lab did not declare. */
  index: number;
  colour: string;
  path: string;
}

/** A kind the lab did not declare: a grey circle, so a missing entry shows rather than breaks. */
export function unknownKind(kind: string): KindStyle {
  return { kind, label: kind, glyph: 'circle', index: -1, colour: kindColour(-1), path: glyphPath('circle') };
}

/** Every declared kind's style by kind name, computed once per lab. */
export function kindStyles(kinds: readonly MessageKindSpec[]): Map<string, KindStyle> {
  return new Map(
    kinds.map((spec, index) => [
      spec.kind,
      { ...spec, index, colour: kindColour(index), path: glyphPath(spec.glyph) },
    ]),
  );
}

export function styleOf(styles: ReadonlyMap<string, KindStyle>, kind: string): KindStyle {
  return styles.get(kind) ?? unknownKind(kind);
}
