// The shapes every stage layout shares: the actors it is given and the places it returns.
import type { Point } from '../layout';

/** What a layout needs to know of an actor: `frame.nodes` narrowed to these fields. */
export interface StageActor {
  id: string;
  role: string;
  /** The actor it sits beside (and shares links with), or null for a free-standing actor. */
  home: string | null;
}

/** Where the compact id label goes, relative to the actor's centre. */
export interface LabelPlacement {
  dx: number;
  dy: number;
  anchor: 'start' | 'middle' | 'end';
}

export interface PlacedActor extends Point {
  id: string;
  radius: number;
  /** Drawn small beside its home (a client beside its server). */
  satellite: boolean;
  label: LabelPlacement;
}

/** Decorations a layout draws under the actors: lane lines, tier headings, the hash circle. */
export type Guide =
  | { type: 'line'; key: string; x1: number; y1: number; x2: number; y2: number; text?: string }
  | { type: 'heading'; key: string; x: number; y: number; text: string }
  | { type: 'circle'; key: string; cx: number; cy: number; r: number };

export interface StageLayout {
  /** The viewBox size; the SVG scales it to the space it has. */
  width: number;
  height: number;
  /** Radius of a free-standing member. */
  nodeRadius: number;
  /** Full: caption, term and log around each node; compact: a circle and its id only. */
  detail: 'full' | 'compact';
  /** Every actor, in the order given. */
  actors: PlacedActor[];
  byId: Map<string, PlacedActor>;
  guides: Guide[];
}
