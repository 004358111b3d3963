// A retry budget as gRPC's retry throttling defines it (gRFC A6): a bucket of up to 10 tokens,
// full at the start; every failed attempt takes one token, every success gives back `ratio`, and a
// client may retry only while the bucket holds more than half. When most attempts fail, retries
// stop altogether — unlike a budget that is a share of requests, it cannot keep an overload going.
// Tokens are kept in thousandths so the arithmetic stays in integers.

export const BUCKET_MAX = 10_000;
const ONE_TOKEN = 1000;

export function spendOnFailure(tokens: number): number {
  return Math.max(0, tokens - ONE_TOKEN);
}

export function earnOnSuccess(tokens: number, ratio: number | 'off'): number {
  if (ratio === 'off') return tokens;
  return Math.min(BUCKET_MAX, tokens + Math.round(ratio * ONE_TOKEN));
}

export function mayRetry(tokens: number, ratio: number | 'off'): boolean {
  return ratio === 'off' || tokens > BUCKET_MAX / 2;
}
