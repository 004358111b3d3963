// Geometry of the strategy chart: one bar per backoff strategy for a figure of the experiment
// (mean calls, or mean completion time), on a D3 band scale and a linear scale from zero.
import { scaleBand, scaleLinear } from 'd3-scale';
import type { StrategyRow } from '../experiment';

export interface StrategyBar {
  strategy: string;
  value: number;
  x: number;
  width: number;
  y: number;
  height: number;
}

export function strategyBars(rows: readonly StrategyRow[], figure: 'meanCalls' | 'meanTimeMs', width: number, height: number): { bars: StrategyBar[]; max: number } {
  const band = scaleBand<string>().domain(rows.map((row) => row.strategy)).range([0, width]).padding(0.2);
  const max = Math.max(1, ...rows.map((row) => row[figure]));
  const y = scaleLinear().domain([0, max]).range([height, 0]).nice();
  const bars = rows.map((row) => ({
    strategy: row.strategy,
    value: row[figure],
    x: band(row.strategy) ?? 0,
    width: band.bandwidth(),
    y: y(row[figure]),
    height: height - y(row[figure]),
  }));
  return { bars, max: y.domain()[1] };
}
