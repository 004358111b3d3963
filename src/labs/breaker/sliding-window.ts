// The circuit breaker's sliding window, as Resilience4j keeps it: count-based (the outcomes of the
// last N calls) or time-based (per-second partial aggregations of the last N seconds). It judges
// the failure rate and the slow-call rate against their thresholds once it holds at least the
// minimum number of calls. Pure functions over plain data; integer arithmetic only.

export type WindowKind = 'count' | 'time';

export interface WindowSpec {
  kind: WindowKind;
  /** Calls (count-based) or seconds (time-based). */
  size: number;
  /** Calls the window must hold before a rate is worked out (minimumNumberOfCalls). */
  minimumCalls: number;
}

export interface Thresholds {
  failureRatePct: number;
  slowCallRatePct: number;
  /** A call that took longer than this is slow (slowCallDurationThreshold). */
  slowCallMs: number;
}

/** One second of a time-based window. */
export interface WindowBucket {
  sec: number;
  calls: number;
  failed: number;
  slow: number;
}

/** Count-based: `outcomes` holds the last `size` calls, oldest first (bit 1 failed, bit 2 slow).
 * Time-based: `buckets` holds the seconds that had calls, oldest first. */
export interface SlidingWindow {
  outcomes: number[];
  buckets: WindowBucket[];
}

export interface Tally {
  calls: number;
  failed: number;
  slow: number;
}

export interface Judgement extends Tally {
  /** Enough calls to work a rate out. */
  enough: boolean;
  failureOver: boolean;
  slowOver: boolean;
  /** Either rate at or above its threshold (with enough calls). */
  over: boolean;
}

const FAILED = 1;
const SLOW = 2;

export function emptyWindow(): SlidingWindow {
  return { outcomes: [], buckets: [] };
}

/** Resilience4j caps a count-based window's minimum at its size: 10 calls can never hold 20. */
export function effectiveMinimum(spec: WindowSpec): number {
  return spec.kind === 'count' ? Math.min(spec.minimumCalls, spec.size) : spec.minimumCalls;
}

export function isSlow(durationMs: number, thresholds: Pick<Thresholds, 'slowCallMs'>): boolean {
  return durationMs > thresholds.slowCallMs;
}

/** The window with one more call's outcome. */
export function recordOutcome(current: SlidingWindow, spec: WindowSpec, failed: boolean, slow: boolean, nowMs: number): SlidingWindow {
  if (spec.kind === 'count') {
    const outcomes = [...current.outcomes, (failed ? FAILED : 0) | (slow ? SLOW : 0)];
    return { outcomes: outcomes.slice(Math.max(0, outcomes.length - spec.size)), buckets: current.buckets };
  }
  const sec = Math.floor(nowMs / 1000);
  const buckets = current.buckets.filter((bucket) => bucket.sec > sec - spec.size);
  const last = buckets[buckets.length - 1];
  const add = (b: WindowBucket): WindowBucket => ({ sec, calls: b.calls + 1, failed: b.failed + (failed ? 1 : 0), slow: b.slow + (slow ? 1 : 0) });
  if (last && last.sec === sec) buckets[buckets.length - 1] = add(last);
  else buckets.push(add({ sec, calls: 0, failed: 0, slow: 0 }));
  return { outcomes: current.outcomes, buckets };
}

/** The calls the window holds at `nowMs` (a time-based window forgets seconds as time passes). */
export function tally(current: SlidingWindow, spec: WindowSpec, nowMs: number): Tally {
  if (spec.kind === 'count') {
    const recent = current.outcomes.slice(Math.max(0, current.outcomes.length - spec.size));
    return {
      calls: recent.length,
      failed: recent.filter((o) => (o & FAILED) !== 0).length,
      slow: recent.filter((o) => (o & SLOW) !== 0).length,
    };
  }
  const sec = Math.floor(nowMs / 1000);
  const total: Tally = { calls: 0, failed: 0, slow: 0 };
  for (const bucket of current.buckets) {
    if (bucket.sec <= sec - spec.size || bucket.sec > sec) continue;
    total.calls += bucket.calls;
    total.failed += bucket.failed;
    total.slow += bucket.slow;
  }
  return total;
}

/** Resilience4j's check: with at least the minimum calls, a rate equal to or above its threshold. */
export function judge(t: Tally, minimumCalls: number, thresholds: Thresholds): Judgement {
  const enough = t.calls > 0 && t.calls >= minimumCalls;
  const failureOver = enough && t.failed * 100 >= thresholds.failureRatePct * t.calls;
  const slowOver = enough && t.slow * 100 >= thresholds.slowCallRatePct * t.calls;
  return { ...t, enough, failureOver, slowOver, over: failureOver || slowOver };
}

/** A rate as a whole percent for sentences (the comparison itself is exact). */
export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part * 100) / whole);
}

function span(spec: WindowSpec, calls: number): string {
  return spec.kind === 'count' ? `over the last ${calls} call${calls === 1 ? '' : 's'}` : `over ${calls} call${calls === 1 ? '' : 's'} in the last ${spec.size} s`;
}

/** Why a window is over its thresholds: "failure rate 60% ≥ 50% over the last 10 calls". */
export function overReason(j: Judgement, spec: WindowSpec, thresholds: Thresholds): string {
  const parts: string[] = [];
  if (j.failureOver) parts.push(`failure rate ${percent(j.failed, j.calls)}% ≥ ${thresholds.failureRatePct}%`);
  if (j.slowOver) parts.push(`slow-call rate ${percent(j.slow, j.calls)}% ≥ ${thresholds.slowCallRatePct}% (slower than ${thresholds.slowCallMs} ms)`);
  return `${parts.join(' and ')} ${span(spec, j.calls)}`;
}

/** Why a window is under its thresholds: "failure rate 0% < 50%, slow-call rate 0% < 50% over 3 calls". */
export function underReason(j: Judgement, spec: WindowSpec, thresholds: Thresholds): string {
  return `failure rate ${percent(j.failed, j.calls)}% < ${thresholds.failureRatePct}%, slow-call rate ${percent(j.slow, j.calls)}% < ${thresholds.slowCallRatePct}% ${span(spec, j.calls)}`;
}
