// The backoff formulas and the retry budget, against the published definitions: each wait lies in
// its policy's range, exponential doubles up to the cap, and the budget never lets retries run past
// the share of calls it was given (plus the burst it starts with).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Prng } from '../../engine/prng';
import { backoffMs, BUCKET_CAPACITY, depositCall, exponential, POLICIES, spendRetry, TOKEN } from './policy';

const rng = (seed: number) => Prng.fromSeed(seed, 'test');

describe('backoff policies', () => {
  it('exponential is base·2^k up to the cap', () => {
    expect([1, 2, 3, 4].map((k) => exponential(5, 2000, k))).toEqual([10, 20, 40, 80]);
    expect(exponential(5, 2000, 9)).toBe(2000);
    expect(exponential(5, 2000, 400)).toBe(2000);
  });

  it('every wait lies in its policy’s range, whatever the base, cap, failure count and seed', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 60_000 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 60_000 }), fc.integer(),
      (baseMs, capMs, k, sleepMs, seed) => {
        const v = exponential(baseMs, capMs, k);
        const wait = (policy: (typeof POLICIES)[number]) => backoffMs({ policy, baseMs, capMs }, k, sleepMs, rng(seed));
        expect(wait('none')).toBeNull();
        expect(wait('immediate')!.waitMs).toBe(0);
        expect(wait('fixed')!.waitMs).toBe(Math.min(baseMs, capMs));
        expect(wait('exponential')!.waitMs).toBe(v);
        const full = wait('full-jitter')!.waitMs;
        expect(full).toBeGreaterThanOrEqual(0);
        expect(full).toBeLessThanOrEqual(v);
        const equal = wait('equal-jitter')!.waitMs;
        expect(equal).toBeGreaterThanOrEqual(Math.ceil(v / 2));
        expect(equal).toBeLessThanOrEqual(v);
        const decorrelated = wait('decorrelated-jitter')!;
        expect(decorrelated.waitMs).toBe(decorrelated.sleepMs);
        expect(decorrelated.waitMs).toBeLessThanOrEqual(capMs);
        expect(decorrelated.waitMs).toBeGreaterThanOrEqual(Math.min(baseMs, capMs));
        expect(decorrelated.waitMs).toBeLessThanOrEqual(Math.max(baseMs, 3 * sleepMs));
      }));
  });

  it('full jitter is spread over its whole range (not stuck at one end)', () => {
    const random = rng(7);
    const waits = Array.from({ length: 2000 }, () => backoffMs({ policy: 'full-jitter', baseMs: 5, capMs: 2000 }, 4, 5, random)!.waitMs);
    const mean = waits.reduce((a, b) => a + b, 0) / waits.length;
    expect(Math.min(...waits)).toBe(0);
    expect(Math.max(...waits)).toBe(80);
    expect(mean).toBeGreaterThan(36);
    expect(mean).toBeLessThan(44);
  });
});

describe('retry budget', () => {
  it('without a budget every retry is allowed', () => {
    expect(spendRetry(0, 0)).toBe(0);
  });

  it('over any run of calls and retries, retries paid for stay within the burst plus pct% of calls', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 100 }), fc.array(fc.boolean(), { maxLength: 500 }), (pct, events) => {
      let tokens = BUCKET_CAPACITY;
      let calls = 0;
      let retries = 0;
      for (const isCall of events) {
        if (isCall) {
          calls++;
          tokens = depositCall(tokens, pct);
        } else {
          const after = spendRetry(tokens, pct);
          if (after !== null) {
            retries++;
            tokens = after;
          }
        }
        expect(tokens).toBeGreaterThanOrEqual(0);
        expect(tokens).toBeLessThanOrEqual(BUCKET_CAPACITY);
      }
      expect(retries * TOKEN).toBeLessThanOrEqual(BUCKET_CAPACITY + calls * pct * (TOKEN / 100));
    }));
  });
});
