// The client's circuit breaker: it opens only on a window of at least ten outcomes of which half
// failed, refuses everything while open, lets exactly one probe through after the cool-down, and
// that probe's outcome (and no other) closes or reopens it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { admits, CLOSED, COOL_DOWN_MS, MIN_CALLS, record, WINDOW, type Breaker } from './breaker';

describe('circuit breaker', () => {
  it('opens exactly when a window of at least ten outcomes is half failures', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 60 }), (outcomes) => {
        let breaker: Breaker = CLOSED;
        const seen: boolean[] = [];
        for (const success of outcomes) {
          if (breaker.state !== 'closed') break;
          seen.push(success);
          const window = seen.slice(-WINDOW);
          const shouldOpen = window.length >= MIN_CALLS && window.filter((ok) => !ok).length * 2 >= window.length;
          const result = record(breaker, success, 0, 'a');
          expect(result.opened).toBe(shouldOpen);
          breaker = result.breaker;
        }
      }),
    );
  });

  it('refuses while open, then lets one probe through; only the probe decides', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.boolean(), (waitMs, probeSucceeds) => {
        let breaker: Breaker = { state: 'open', untilMs: 1000 };
        const gate = admits(breaker, waitMs, 'probe');
        expect(gate.ok).toBe(waitMs >= 1000);
        if (!gate.ok) return;
        breaker = gate.breaker;
        expect(admits(breaker, waitMs, 'another').ok).toBe(false);
        // An attempt sent before the breaker opened comes back: it does not count.
        expect(record(breaker, !probeSucceeds, waitMs, 'older').breaker).toBe(breaker);
        const result = record(breaker, probeSucceeds, waitMs + 5, 'probe');
        expect(result.breaker.state).toBe(probeSucceeds ? 'closed' : 'open');
        if (!probeSucceeds) expect(result.breaker).toEqual({ state: 'open', untilMs: waitMs + 5 + COOL_DOWN_MS });
      }),
    );
  });
});
