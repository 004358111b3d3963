// Retry policies and the retry budget, as pure integer arithmetic over an actor's seeded stream.
// The backoff formulas are those of Marc Brooker's "Exponential Backoff And Jitter" (AWS
// Architecture Blog, 2015): after the k-th failure (k = 1, 2, …) let v = min(cap, base·2^k);
// exponential waits v, equal jitter v/2 + U(0, v/2), full jitter U(0, v), and decorrelated jitter
// s = min(cap, U(base, 3·s)) starting from s = base. Draws are whole milliseconds.
import type { RandomSource } from '../../engine/types';

export const POLICIES = ['none', 'immediate', 'fixed', 'exponential', 'full-jitter', 'equal-jitter', 'decorrelated-jitter'] as const;
export type RetryPolicy = (typeof POLICIES)[number];

export const POLICY_LABELS: Record<RetryPolicy, string> = {
  none: 'no retries',
  immediate: 'retry at once',
  fixed: 'fixed delay (base)',
  exponential: 'exponential, no jitter',
  'full-jitter': 'exponential, full jitter',
  'equal-jitter': 'exponential, equal jitter',
  'decorrelated-jitter': 'decorrelated jitter',
};

export interface BackoffSettings {
  policy: RetryPolicy;
  baseMs: number;
  capMs: number;
}

/** min(cap, base·2^k) without floating point: doubling stops as soon as the cap is reached. */
export function exponential(baseMs: number, capMs: number, k: number): number {
  let v = baseMs;
  for (let i = 0; i < k && v < capMs; i++) v *= 2;
  return Math.min(capMs, v);
}

/**
 * The wait before the next attempt after the k-th failure, and decorrelated jitter's new `sleep`
 * (the other policies pass it through). Null for `none`: the call is not retried.
 */
export function backoffMs(settings: BackoffSettings, k: number, sleepMs: number, rng: RandomSource): { waitMs: number; sleepMs: number } | null {
  const { policy, baseMs, capMs } = settings;
  switch (policy) {
    case 'none':
      return null;
    case 'immediate':
      return { waitMs: 0, sleepMs };
    case 'fixed':
      return { waitMs: Math.min(capMs, baseMs), sleepMs };
    case 'exponential':
      return { waitMs: exponential(baseMs, capMs, k), sleepMs };
    case 'full-jitter':
      return { waitMs: rng.rangeInclusive(0, exponential(baseMs, capMs, k)), sleepMs };
    case 'equal-jitter': {
      const v = exponential(baseMs, capMs, k);
      const half = Math.floor(v / 2);
      return { waitMs: v - half + rng.rangeInclusive(0, half), sleepMs };
    }
    case 'decorrelated-jitter': {
      const next = Math.min(capMs, rng.rangeInclusive(baseMs, Math.max(baseMs, 3 * sleepMs)));
      return { waitMs: next, sleepMs: next };
    }
  }
}

// A retry budget as a token bucket (Finagle's RetryBudget, the gRPC retry throttling idea): each
// new call deposits `pct`% of a token, each retry spends a whole one, so over time retries stay
// under pct% of calls while a burst can still spend what the quiet time saved. In thousandths of a
// token, to stay in integers.
export const TOKEN = 1000;
export const BUCKET_CAPACITY = 10 * TOKEN;

export function depositCall(tokens: number, pct: number): number {
  return Math.min(BUCKET_CAPACITY, tokens + pct * (TOKEN / 100));
}

/** The bucket after a retry, or null when it cannot pay for one. A budget of 0% means no budget. */
export function spendRetry(tokens: number, pct: number): number | null {
  if (pct === 0) return tokens;
  return tokens >= TOKEN ? tokens - TOKEN : null;
}
