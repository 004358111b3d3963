// Engine metrics per virtual second: filing, the bounded window, gauges carried forward, and
// percentiles from the log histogram within its stated error.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMetrics, histBucket, histValue, metricPoints, metricSum, metricTotal, percentile, recordMetric } from '../../../src/engine/metrics';
import { chartData } from '../../../src/labs/chart-data';

describe('metrics', () => {
  it('files counts by the second they happened in, zero where nothing happened', () => {
    const store = createMetrics();
    recordMetric(store, 100, 'calls', 'count', 1);
    recordMetric(store, 900, 'calls', 'count', 2);
    recordMetric(store, 2500, 'calls', 'count', 1);
    const points = metricPoints(store, 0, 3).calls;
    expect(points.map((p) => p.rate)).toEqual([3, 0, 1, 0]);
    expect(metricTotal(store, 'calls', 'rate')).toBe(4);
    expect(metricSum(store, 'calls', 0, 2)).toBe(3);
  });

  it('carries a gauge into seconds with no record', () => {
    const store = createMetrics();
    recordMetric(store, 0, 'depth', 'gauge', 5);
    recordMetric(store, 3200, 'depth', 'gauge', 2);
    expect(metricPoints(store, 0, 4).depth.map((p) => p.last)).toEqual([5, 5, 5, 2, 2]);
  });

  it('keeps only the window of seconds, however long the run', () => {
    const store = createMetrics(10);
    for (let ms = 0; ms < 100_000; ms += 250) recordMetric(store, ms, 'calls', 'count', 1);
    expect(store.series.calls.buckets.length).toBe(10);
    expect(store.series.calls.buckets[0].sec).toBe(90);
    expect(metricTotal(store, 'calls', 'rate')).toBe(400);
  });

  it('puts every value in a bucket whose edge is within 9% above it (property)', () => {
    fc.assert(fc.property(fc.double({ min: 1, max: 1e7, noNaN: true }), (value) => {
      const edge = histValue(histBucket(value));
      expect(edge).toBeGreaterThanOrEqual(value * 0.999);
      expect(edge).toBeLessThanOrEqual((value + 1) * 1.091);
    }));
  });

  it('reads p50 and p99 from the histogram', () => {
    const store = createMetrics();
    for (let i = 1; i <= 100; i++) recordMetric(store, 10, 'latency', 'sample', i);
    const bucket = store.series.latency.buckets[0];
    expect(percentile(bucket, 0.5)).toBeGreaterThanOrEqual(50);
    expect(percentile(bucket, 0.5)).toBeLessThan(56);
    expect(percentile(bucket, 0.99)).toBeGreaterThanOrEqual(99);
    expect(percentile(bucket, 0.99)).toBeLessThanOrEqual(100);
  });

  it('ignores values that are not finite numbers', () => {
    const store = createMetrics();
    recordMetric(store, 0, 'x', 'sample', Number.NaN);
    expect(store.series.x).toBeUndefined();
  });

  it('turns a chart spec into one series per line over the same seconds', () => {
    const store = createMetrics();
    recordMetric(store, 0, 'ok', 'count', 1);
    recordMetric(store, 1500, 'ok', 'count', 1);
    recordMetric(store, 1500, 'latency', 'sample', 20);
    const data = chartData(
      { id: 'c', title: 'Calls', unit: 'per s', lines: [{ metric: 'ok', stat: 'rate', label: 'ok' }, { metric: 'latency', stat: 'max', label: 'max' }, { metric: 'missing', stat: 'rate', label: 'none' }] },
      metricPoints(store, 0, 1),
    );
    expect(data.seconds).toEqual([0, 1]);
    expect(data.lines).toEqual([{ label: 'ok', values: [1, 1] }, { label: 'max', values: [0, 20] }, { label: 'none', values: [0, 0] }]);
  });
});
