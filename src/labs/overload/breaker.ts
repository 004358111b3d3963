// A client-side circuit breaker (the Resilience4j shape): closed, it remembers the outcomes of the
// last attempts; when at least half of a full window failed it opens and fails requests at once,
// without sending them; after a cool-down it lets one probe through (half-open), and that probe's
// outcome closes it again or reopens it.

export const WINDOW = 20;
export const MIN_CALLS = 10;
export const COOL_DOWN_MS = 1000;

export type Breaker =
  | { state: 'closed'; outcomes: boolean[] }
  | { state: 'open'; untilMs: number }
  /** The probe: the attempt let through to test the service ("c1-7#2"). */
  | { state: 'half-open'; probe: string };

export const CLOSED: Breaker = { state: 'closed', outcomes: [] };

/** Whether attempt `attempt` may go out now; once the cool-down is over, one probe goes through. */
export function admits(breaker: Breaker, nowMs: number, attempt: string): { ok: boolean; breaker: Breaker } {
  if (breaker.state === 'closed') return { ok: true, breaker };
  if (breaker.state === 'open' && nowMs >= breaker.untilMs) return { ok: true, breaker: { state: 'half-open', probe: attempt } };
  return { ok: false, breaker };
}

/** Attempt `attempt`'s outcome; `opened`/`closed` say the breaker just changed. While half-open
 * only the probe's outcome counts (attempts sent before it opened may still come back). */
export function record(breaker: Breaker, success: boolean, nowMs: number, attempt: string): { breaker: Breaker; opened: boolean; closed: boolean } {
  if (breaker.state === 'half-open') {
    if (attempt !== breaker.probe) return { breaker, opened: false, closed: false };
    if (success) return { breaker: CLOSED, opened: false, closed: true };
    return { breaker: { state: 'open', untilMs: nowMs + COOL_DOWN_MS }, opened: true, closed: false };
  }
  if (breaker.state === 'open') return { breaker, opened: false, closed: false };
  const outcomes = [...breaker.outcomes, success].slice(-WINDOW);
  const failures = outcomes.filter((ok) => !ok).length;
  if (outcomes.length >= MIN_CALLS && failures * 2 >= outcomes.length) {
    return { breaker: { state: 'open', untilMs: nowMs + COOL_DOWN_MS }, opened: true, closed: false };
  }
  return { breaker: { state: 'closed', outcomes }, opened: false, closed: false };
}
