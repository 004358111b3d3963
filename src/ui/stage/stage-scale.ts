// How the stage adapts to the pixels it has: the viewBox (cropped to what is drawn), a type scale
// that keeps node ids at least `minTextPx` high on screen, and whether to simplify (a small
// embed draws fewer words, no log rows and only the selected message's label).
import type { Box } from './label-placement';
import type { StageLayout } from './layouts/types';
import type { ViewBox } from './stage-extent';

/** A node id's size in stage units at scale 1 (NodeGlyph's full-detail id). */
export const ID_SIZE = 15;
/** Type never grows past this, however small the stage. */
export const TEXT_SCALE_MAX = 2.4;
/** Below this many pixels per stage unit the stage simplifies. */
export const SMALL_BELOW = 0.6;
/** A small stage draws its nodes up to this radius (the usual limit is 36). */
export const SMALL_RADIUS_MAX = 60;

export interface ScaleInput {
  layout: Pick<StageLayout, 'width' | 'height' | 'guides'>;
  /** The actors' boxes at a type scale, simplified or not. */
  boxes: (textScale: number, small: boolean) => Box[];
  /** The viewBox for those boxes. */
  crop: (layout: Pick<StageLayout, 'width' | 'height' | 'guides'>, boxes: readonly Box[]) => ViewBox;
  /** The stage's box in CSS pixels; 0 when unknown (no layout yet): then nothing adapts. */
  boxWidth: number;
  /** 0 when the height follows the width (the stage is not fitted into a box). */
  boxHeight: number;
  minTextPx: number;
  /** Simplify whatever the size (the layout was already redrawn for a small stage). */
  small?: boolean;
}

export interface StageScale {
  viewBox: ViewBox;
  textScale: number;
  small: boolean;
  /** CSS pixels per stage unit, or null when unknown. */
  pxPerUnit: number | null;
}

export function pxPerUnit(viewBox: ViewBox, boxWidth: number, boxHeight: number): number | null {
  if (!(boxWidth > 0)) return null;
  return boxHeight > 0 ? Math.min(boxWidth / viewBox.width, boxHeight / viewBox.height) : boxWidth / viewBox.width;
}

/** A little over the minimum, for the pixels lost to rounding the stage's box. */
const ROUNDING = 1.04;

export function textScaleFor(px: number, minTextPx: number): number {
  return Math.min(TEXT_SCALE_MAX, Math.max(1, (minTextPx * ROUNDING) / (ID_SIZE * px)));
}

/** Crop at scale 1, size the type for that crop, then crop and size again for the larger type
 * (two rounds settle it: the crop changes little once captions have grown). */
export function stageScale(input: ScaleInput): StageScale {
  let viewBox = input.crop(input.layout, input.boxes(1, false));
  const first = pxPerUnit(viewBox, input.boxWidth, input.boxHeight);
  if (first === null) return { viewBox, textScale: 1, small: false, pxPerUnit: null };
  const small = input.small ?? first < SMALL_BELOW;
  let px = first;
  let textScale = textScaleFor(px, input.minTextPx);
  for (let round = 0; round < 2; round++) {
    viewBox = input.crop(input.layout, input.boxes(textScale, small));
    px = pxPerUnit(viewBox, input.boxWidth, input.boxHeight) ?? px;
    textScale = textScaleFor(px, input.minTextPx);
  }
  return { viewBox, textScale, small, pxPerUnit: px };
}
