// The queue strip's geometry: a row per server, a column per virtual second, each cell's shade the
// most requests that server held during that second (from its `queue.<id>` metric). A herd shows
// as one bright cell per second hopping between rows, each fading over the seconds it drains.
import { scaleBand, scaleSqrt } from 'd3-scale';
import type { MetricPoint } from '../../../engine/metrics';
import { queueMetric } from '../server';

export interface StripCell {
  server: string;
  sec: number;
  x: number;
  y: number;
  width: number;
  height: number;
  held: number;
  /** 0–1: the share of the strip's largest value, on a square-root scale so small queues show. */
  shade: number;
}

export interface Strip {
  cells: StripCell[];
  rows: { server: string; y: number; height: number }[];
  seconds: number[];
  peak: number;
}

export function queueStrip(metrics: Record<string, MetricPoint[]>, servers: readonly string[], lastSeconds: number, width: number, height: number): Strip {
  const secs = new Set<number>();
  for (const server of servers) for (const point of metrics[queueMetric(server)] ?? []) secs.add(point.sec);
  const seconds = [...secs].sort((a, b) => a - b).slice(-lastSeconds);
  const x = scaleBand<number>().domain(seconds).range([0, width]).paddingInner(0.08);
  const y = scaleBand<string>().domain([...servers]).range([0, height]).paddingInner(0.15);
  const shown = new Set(seconds);
  let peak = 0;
  const raw: Omit<StripCell, 'shade'>[] = [];
  for (const server of servers) {
    for (const point of metrics[queueMetric(server)] ?? []) {
      if (!shown.has(point.sec)) continue;
      peak = Math.max(peak, point.max);
      raw.push({ server, sec: point.sec, x: x(point.sec) ?? 0, y: y(server) ?? 0, width: x.bandwidth(), height: y.bandwidth(), held: point.max });
    }
  }
  const shade = scaleSqrt().domain([0, Math.max(1, peak)]).range([0, 1]).clamp(true);
  return {
    cells: raw.map((cell) => ({ ...cell, shade: shade(cell.held) })),
    rows: servers.map((server) => ({ server, y: y(server) ?? 0, height: y.bandwidth() })),
    seconds,
    peak,
  };
}
