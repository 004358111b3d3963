// How much room each actor takes with what is drawn around it (caption above, value and log
// below), and the viewBox that holds them all: the drawing is cropped to what it draws, so a
// small stage (an embed) spends no pixels on empty margins. The same boxes keep message labels
// off the nodes.
import type { Box } from './label-placement';
import type { Guide, PlacedActor, StageLayout } from './layouts/types';

export interface ActorDrawing {
  /** Full detail: a caption above and a value and log row below. */
  full: boolean;
  hasBadge: boolean;
  hasLog: boolean;
}

/** Half the width of a log row of ten cells, and the height of a row, a caption, a value. */
const LOG_HALF_WIDTH = 58;
const LOG_ROW = 14;
const CAPTION = 24;
const BADGE = 18;

/** The box an actor and its decorations take, at a text scale. */
export function actorBox(actor: PlacedActor, drawing: ActorDrawing, textScale = 1): Box {
  const r = actor.radius + (actor.satellite ? 4 : 6);
  if (!drawing.full) return { x: actor.x - r, y: actor.y - r, width: 2 * r, height: 2 * r };
  const half = Math.max(r, drawing.hasLog ? LOG_HALF_WIDTH : 0, 30 * textScale);
  const top = r + CAPTION * textScale;
  const bottom = r + (drawing.hasBadge ? BADGE * textScale : 0) + (drawing.hasLog ? LOG_ROW : 0);
  return { x: actor.x - half, y: actor.y - top, width: 2 * half, height: top + bottom };
}

function guideBox(guide: Guide): Box {
  if (guide.type === 'circle') return { x: guide.cx - guide.r, y: guide.cy - guide.r, width: 2 * guide.r, height: 2 * guide.r };
  if (guide.type === 'line') return { x: Math.min(guide.x1, guide.x2) - 40, y: Math.min(guide.y1, guide.y2) - 8, width: Math.abs(guide.x2 - guide.x1) + 40, height: Math.abs(guide.y2 - guide.y1) + 16 };
  return { x: guide.x - 60, y: guide.y - 16, width: 120, height: 20 };
}

export interface ViewBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

const MARGIN = 10;

/** The smallest box around every actor's box and every guide, within the layout's own box. */
export function contentViewBox(layout: Pick<StageLayout, 'width' | 'height' | 'guides'>, boxes: readonly Box[]): ViewBox {
  const all = [...boxes, ...layout.guides.map(guideBox)];
  if (all.length === 0) return { x: 0, y: 0, width: layout.width, height: layout.height };
  const left = Math.max(0, Math.min(...all.map((b) => b.x)) - MARGIN);
  const top = Math.max(0, Math.min(...all.map((b) => b.y)) - MARGIN);
  const right = Math.min(layout.width, Math.max(...all.map((b) => b.x + b.width)) + MARGIN);
  const bottom = Math.min(layout.height, Math.max(...all.map((b) => b.y + b.height)) + MARGIN);
  return { x: left, y: top, width: Math.max(1, right - left), height: Math.max(1, bottom - top) };
}
