// A lab's chart specs applied to metric points: the series the page draws and `cli run --charts`
// prints, so both show the same figures.
import type { MetricPoint } from '../engine/metrics';
import type { ChartSpec } from './define-lab';

export interface ChartLineData {
  label: string;
  values: number[];
}

export interface ChartData {
  id: string;
  title: string;
  unit: string;
  /** The virtual second of each value. */
  seconds: number[];
  lines: ChartLineData[];
}

export function chartData(chart: ChartSpec, metrics: Record<string, MetricPoint[]>): ChartData {
  const seconds = longest(chart, metrics).map((point) => point.sec);
  const lines = chart.lines.map((line) => {
    const points = metrics[line.metric] ?? [];
    const bySec = new Map(points.map((point) => [point.sec, point[line.stat]]));
    return { label: line.label, values: seconds.map((sec) => round(bySec.get(sec) ?? 0)) };
  });
  return { id: chart.id, title: chart.title, unit: chart.unit, seconds, lines };
}

function longest(chart: ChartSpec, metrics: Record<string, MetricPoint[]>): MetricPoint[] {
  let best: MetricPoint[] = [];
  for (const line of chart.lines) {
    const points = metrics[line.metric];
    if (points && points.length > best.length) best = points;
  }
  return best;
}

/** Three decimals are plenty for a chart and keep CLI lines short. */
function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
