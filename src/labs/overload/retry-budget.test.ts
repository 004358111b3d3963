// The retry budget is gRPC's retry throttling: the bucket stays within [0, 10] tokens, a client
// may retry only while it holds more than five, and when every attempt fails retries stop after
// at most five failures — whatever happened before.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUCKET_MAX, earnOnSuccess, mayRetry, spendOnFailure } from './retry-budget';

const ratio = fc.constantFrom(0.01, 0.1, 0.2, 0.5, 1);

describe('retry budget (gRPC retry throttling)', () => {
  it('keeps the bucket within its bounds and retries only above half', () => {
    fc.assert(
      fc.property(ratio, fc.array(fc.boolean(), { maxLength: 200 }), (r, outcomes) => {
        let tokens = BUCKET_MAX;
        for (const success of outcomes) {
          tokens = success ? earnOnSuccess(tokens, r) : spendOnFailure(tokens);
          expect(tokens).toBeGreaterThanOrEqual(0);
          expect(tokens).toBeLessThanOrEqual(BUCKET_MAX);
          expect(mayRetry(tokens, r)).toBe(tokens > BUCKET_MAX / 2);
        }
      }),
    );
  });

  it('stops retries after at most five straight failures, from any state', () => {
    fc.assert(
      fc.property(ratio, fc.array(fc.boolean(), { maxLength: 200 }), (r, history) => {
        let tokens = BUCKET_MAX;
        for (const success of history) tokens = success ? earnOnSuccess(tokens, r) : spendOnFailure(tokens);
        for (let i = 0; i < 5; i++) tokens = spendOnFailure(tokens);
        expect(mayRetry(tokens, r)).toBe(false);
      }),
    );
  });

  it('earns back the right to retry only through successes: 0.1 a success', () => {
    let tokens = 0;
    let successes = 0;
    while (!mayRetry(tokens, 0.1)) {
      tokens = earnOnSuccess(tokens, 0.1);
      successes++;
    }
    expect(successes).toBe(51);
  });

  it('without a budget every retry is allowed', () => {
    expect(mayRetry(0, 'off')).toBe(true);
    expect(earnOnSuccess(3000, 'off')).toBe(3000);
  });
});
