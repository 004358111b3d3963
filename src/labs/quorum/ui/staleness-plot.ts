// The staleness plot's geometry: a band per time-since-write bucket and the share of fresh reads
// on a 0–1 scale (D3 scales; the component only draws what this returns).
import { scaleBand, scaleLinear } from 'd3-scale';
import type { StalenessBucket } from '../staleness';

export interface PlotBar {
  label: string;
  x: number;
  width: number;
  /** Top of the bar, or null for a bucket with no reads. */
  y: number | null;
  fresh: number | null;
  reads: number;
}

export function bucketLabel(bucket: StalenessBucket): string {
  return bucket.untilMs === null ? `≥${bucket.sinceMs}` : `${bucket.sinceMs}–${bucket.untilMs}`;
}

export function plotBars(buckets: readonly StalenessBucket[], width: number, height: number): { bars: PlotBar[]; y: (share: number) => number } {
  const x = scaleBand<string>().domain(buckets.map(bucketLabel)).range([0, width]).padding(0.2);
  const y = scaleLinear().domain([0, 1]).range([height, 0]);
  const bars = buckets.map((bucket) => ({
    label: bucketLabel(bucket),
    x: x(bucketLabel(bucket)) ?? 0,
    width: x.bandwidth(),
    y: bucket.fresh === null ? null : y(bucket.fresh),
    fresh: bucket.fresh,
    reads: bucket.reads,
  }));
  return { bars, y: (share) => y(share) };
}
