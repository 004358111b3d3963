// Where Jepsen's map of consistency models sits in the consistency map's SVG: one row per level,
// strongest at the top, and the edges from each model to the weaker models it implies, drawn
// with d3-shape's vertical links. Pure: the component only renders it.
import { linkVertical } from 'd3-shape';
import { CONSISTENCY_MODELS, WEAKER, type ConsistencyModel } from '../../checkers/consistency/index';

export const NODE_WIDTH = 86;
export const NODE_HEIGHT = 34;
export const WIDTH = 284;
const ROW_GAP = 50;
const TOP = 6;

/** Column centres and rows of each model. */
const PLACES: Record<ConsistencyModel, [x: number, row: number]> = {
  linearizable: [142, 0],
  sequential: [142, 1],
  causal: [142, 2],
  pram: [94, 3],
  'writes-follow-reads': [238, 3],
  'read-your-writes': [46, 4],
  'monotonic-reads': [142, 4],
  'monotonic-writes': [238, 4],
};

/** Each model's name in one or two lines, to fit a node. */
export const NODE_LINES: Readonly<Record<ConsistencyModel, readonly string[]>> = {
  linearizable: ['Linearizable'],
  sequential: ['Sequential'],
  causal: ['Causal'],
  pram: ['PRAM'],
  'writes-follow-reads': ['Writes follow', 'reads'],
  'read-your-writes': ['Read your', 'writes'],
  'monotonic-reads': ['Monotonic', 'reads'],
  'monotonic-writes': ['Monotonic', 'writes'],
};

export interface PlacedNode {
  model: ConsistencyModel;
  /** Top-left corner. */
  x: number;
  y: number;
}

export interface PlacedEdge {
  from: ConsistencyModel;
  to: ConsistencyModel;
  path: string;
}

const rowY = (row: number): number => TOP + row * ROW_GAP;

export function layoutNodes(): PlacedNode[] {
  return CONSISTENCY_MODELS.map((model) => ({ model, x: PLACES[model][0] - NODE_WIDTH / 2, y: rowY(PLACES[model][1]) }));
}

export function layoutEdges(): PlacedEdge[] {
  const link = linkVertical<{ source: [number, number]; target: [number, number] }, [number, number]>();
  return CONSISTENCY_MODELS.flatMap((from) =>
    WEAKER[from].map((to) => {
      const [fx, fr] = PLACES[from];
      const [tx, tr] = PLACES[to];
      return { from, to, path: link({ source: [fx, rowY(fr) + NODE_HEIGHT], target: [tx, rowY(tr)] }) ?? '' };
    }),
  );
}

/** The map's height, with room for an extra row (eventual convergence) when asked. */
export function mapHeight(extraRow: boolean): number {
  return rowY(extraRow ? 6 : 5) - ROW_GAP + NODE_HEIGHT + TOP;
}

/** The eventual-convergence node: a row of its own under the map, unlinked (it is not on Jepsen's map). */
export function convergenceNode(): { x: number; y: number; width: number } {
  const width = NODE_WIDTH * 2;
  return { x: WIDTH / 2 - width / 2, y: rowY(5), width };
}
