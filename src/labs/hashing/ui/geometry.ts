// The panels' geometry, with D3: bars per node on a linear scale, the ring's owner arcs and key
// dots, and one colour per node. The components only draw what these return.
import { arc } from 'd3-shape';
import { scaleBand, scaleLinear } from 'd3-scale';

/** A node's colour: hues spread by the golden angle over the node's number, so neighbours differ. */
export function nodeColour(id: string): string {
  const number = Number(/(\d+)$/.exec(id)?.[1] ?? 0);
  return `hsl(${Math.round((number * 137.508) % 360)} 55% 50%)`;
}

export interface Bar {
  id: string;
  value: number;
  x: number;
  width: number;
  y: number;
  height: number;
}

export interface BarPlot {
  bars: Bar[];
  /** The mean's height, where the dashed line goes. */
  meanY: number;
  ticks: { value: number; y: number }[];
}

export function barPlot(items: readonly { id: string; value: number }[], width: number, height: number): BarPlot {
  const x = scaleBand<string>().domain(items.map((item) => item.id)).range([0, width]).padding(0.15);
  const max = Math.max(1, ...items.map((item) => item.value));
  const y = scaleLinear().domain([0, max]).nice(4).range([height, 0]);
  const mean = items.length === 0 ? 0 : items.reduce((sum, item) => sum + item.value, 0) / items.length;
  return {
    bars: items.map((item) => ({ id: item.id, value: item.value, x: x(item.id) ?? 0, width: x.bandwidth(), y: y(item.value), height: height - y(item.value) })),
    meanY: y(mean),
    ticks: y.ticks(4).map((value) => ({ value, y: y(value) })),
  };
}

/** Radians clockwise from twelve o'clock, as d3-shape's arcs measure. */
const turn = (fraction: number) => fraction * 2 * Math.PI;

export interface OwnerArc {
  key: string;
  node: string;
  path: string;
}

/** The arc each token owns: from the token before it (exclusive) to it, clockwise. */
export function ownerArcs(tokens: readonly { at: number; node: string }[], inner: number, outer: number): OwnerArc[] {
  if (tokens.length === 0) return [];
  const shape = arc<{ start: number; end: number }>().innerRadius(inner).outerRadius(outer).startAngle((d) => turn(d.start)).endAngle((d) => turn(d.end));
  return tokens.map((token, i) => {
    const previous = i === 0 ? tokens[tokens.length - 1].at - 1 : tokens[i - 1].at;
    return { key: `${i}`, node: token.node, path: shape({ start: previous, end: token.at }) ?? '' };
  });
}

/** A point at `fraction` of a turn on a circle of radius `r` round the origin. */
export function ringPoint(fraction: number, r: number): { x: number; y: number } {
  const angle = turn(fraction) - Math.PI / 2;
  return { x: r * Math.cos(angle), y: r * Math.sin(angle) };
}
