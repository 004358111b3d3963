// Engine metrics per virtual second: what the resilience and scaling labs chart (offered load,
// goodput, latency percentiles, queue depth, breaker state). Actors emit `metric` effects; the
// engine files them by the second they happened in. Memory is bounded: each metric keeps the last
// `windowSec` seconds plus one whole-run total, and a sample's distribution is a sparse
// log-bucketed histogram (8 buckets per doubling, so a percentile is within about 9%).

/** count: adds `value` (default 1) to the second; sample: one observation of a distribution
 * (a latency); gauge: the level at that moment (a queue's depth), carried into later seconds. */
export type MetricKind = 'count' | 'sample' | 'gauge';

/** What a chart line reads from each second. `rate` is the second's sum: events per second for a
 * count, the summed values for a sample. */
export type MetricStat = 'rate' | 'mean' | 'p50' | 'p99' | 'max' | 'last';

export interface MetricBucket {
  sec: number;
  count: number;
  sum: number;
  max: number;
  last: number;
  /** Log-bucket index → observations (samples only). */
  hist?: Record<number, number>;
}

export interface MetricSeries {
  kind: MetricKind;
  /** Ascending by second; only seconds with a record. */
  buckets: MetricBucket[];
  /** The whole run in one bucket (its `sec` is the first second seen). */
  total: MetricBucket;
}

export interface MetricsStore {
  windowSec: number;
  series: Record<string, MetricSeries>;
}

/** One second of one metric, every stat worked out (what frames and the CLI carry). */
export type MetricPoint = { sec: number } & Record<MetricStat, number>;

export const DEFAULT_METRIC_WINDOW_SEC = 900;

export function createMetrics(windowSec = DEFAULT_METRIC_WINDOW_SEC): MetricsStore {
  return { windowSec, series: {} };
}

const SUB_BUCKETS = 8;

/** The histogram bucket of a non-negative value: 8 per doubling above 1, value 0 in bucket 0. */
export function histBucket(value: number): number {
  if (value <= 0) return 0;
  return 1 + Math.max(0, Math.floor(Math.log2(1 + value) * SUB_BUCKETS));
}

/** A representative value of a bucket (its upper edge, so percentiles never understate). */
export function histValue(bucket: number): number {
  if (bucket === 0) return 0;
  return 2 ** (bucket / SUB_BUCKETS) - 1;
}

function emptyBucket(sec: number): MetricBucket {
  return { sec, count: 0, sum: 0, max: -Infinity, last: 0 };
}

function add(bucket: MetricBucket, kind: MetricKind, value: number): void {
  bucket.count++;
  bucket.sum += value;
  if (value > bucket.max) bucket.max = value;
  bucket.last = value;
  if (kind === 'sample') {
    const hist = (bucket.hist ??= {});
    const index = histBucket(value);
    hist[index] = (hist[index] ?? 0) + 1;
  }
}

export function recordMetric(store: MetricsStore, timeMs: number, name: string, kind: MetricKind, value: number): void {
  if (!Number.isFinite(value)) return;
  const sec = Math.floor(timeMs / 1000);
  let series = store.series[name];
  if (!series) series = store.series[name] = { kind, buckets: [], total: emptyBucket(sec) };
  let bucket = series.buckets[series.buckets.length - 1];
  if (!bucket || bucket.sec !== sec) {
    bucket = emptyBucket(sec);
    series.buckets.push(bucket);
    // Drop seconds older than the window (at most one per new second, so this stays O(1)).
    while (series.buckets.length > 0 && series.buckets[0].sec <= sec - store.windowSec) series.buckets.shift();
  }
  add(bucket, series.kind, value);
  add(series.total, series.kind, value);
}

export function percentile(bucket: MetricBucket, q: number): number {
  if (!bucket.hist || bucket.count === 0) return bucket.count === 0 ? 0 : bucket.max;
  const rank = Math.ceil(q * bucket.count);
  let seen = 0;
  const indices = Object.keys(bucket.hist).map(Number).sort((a, b) => a - b);
  for (const index of indices) {
    seen += bucket.hist[index];
    if (seen >= rank) return Math.min(histValue(index), bucket.max);
  }
  return bucket.max;
}

function point(bucket: MetricBucket | undefined, sec: number, carried: number, kind: MetricKind): MetricPoint {
  if (!bucket || bucket.count === 0) {
    const level = kind === 'gauge' ? carried : 0;
    return { sec, rate: 0, mean: level, p50: level, p99: level, max: level, last: level };
  }
  return {
    sec,
    rate: bucket.sum,
    mean: bucket.sum / bucket.count,
    p50: percentile(bucket, 0.5),
    p99: percentile(bucket, 0.99),
    max: bucket.max,
    last: bucket.last,
  };
}

/** Each metric's points for the seconds [fromSec, toSec], one per second (seconds with no record
 * are zero, a gauge keeps its last level). */
export function metricPoints(store: MetricsStore, fromSec: number, toSec: number): Record<string, MetricPoint[]> {
  const out: Record<string, MetricPoint[]> = {};
  for (const [name, series] of Object.entries(store.series)) {
    const points: MetricPoint[] = [];
    let i = 0;
    let carried = 0;
    while (i < series.buckets.length && series.buckets[i].sec < fromSec) carried = series.buckets[i++].last;
    for (let sec = fromSec; sec <= toSec; sec++) {
      const bucket = series.buckets[i]?.sec === sec ? series.buckets[i++] : undefined;
      const p = point(bucket, sec, carried, series.kind);
      if (bucket) carried = bucket.last;
      points.push(p);
    }
    out[name] = points;
  }
  return out;
}

/** The whole run's figure for a metric and stat (0 for a metric never recorded). */
export function metricTotal(store: MetricsStore, name: string, stat: MetricStat): number {
  const series = store.series[name];
  if (!series) return 0;
  return point(series.total, series.total.sec, 0, series.kind)[stat];
}

/** The sum of a metric over the seconds [fromSec, toSec) that are still kept. */
export function metricSum(store: MetricsStore, name: string, fromSec: number, toSec: number): number {
  const series = store.series[name];
  if (!series) return 0;
  let sum = 0;
  for (const bucket of series.buckets) if (bucket.sec >= fromSec && bucket.sec < toSec) sum += bucket.sum;
  return sum;
}
