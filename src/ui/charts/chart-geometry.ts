// Scales, paths and ticks for a metric chart: plain functions of the data, so the component only
// draws and a unit test can check the geometry.
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import type { ChartData } from '../../labs/chart-data';

export interface ChartGeometry {
  paths: { label: string; d: string; last: number }[];
  yTicks: { value: number; y: number; text: string }[];
  xTicks: { sec: number; x: number }[];
  yMax: number;
}

export function chartGeometry(data: ChartData, width: number, height: number): ChartGeometry {
  const n = data.seconds.length;
  const first = data.seconds[0] ?? 0;
  const lastSec = data.seconds[n - 1] ?? 1;
  const x = scaleLinear().domain([first, Math.max(first + 1, lastSec)]).range([0, width]);
  const peak = Math.max(0, ...data.lines.flatMap((l) => l.values));
  const y = scaleLinear().domain([0, peak > 0 ? peak : 1]).nice(4).range([height, 0]);
  const yMax = y.domain()[1];
  const draw = line<number>().x((_, i) => x(data.seconds[i])).y((value) => y(value));
  return {
    paths: data.lines.map((l) => ({ label: l.label, d: n > 0 ? draw(l.values) ?? '' : '', last: l.values[n - 1] ?? 0 })),
    yTicks: y.ticks(4).map((value) => ({ value, y: y(value), text: compact(value) })),
    xTicks: x.ticks(5).filter(Number.isInteger).map((sec) => ({ sec, x: x(sec) })),
    yMax,
  };
}

/** 1,200 → "1.2k"; 0.25 → "0.25". */
export function compact(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${trim(value / 1e6)}M`;
  if (abs >= 1e3) return `${trim(value / 1e3)}k`;
  return trim(value);
}

function trim(value: number): string {
  return String(Math.round(value * 100) / 100);
}
