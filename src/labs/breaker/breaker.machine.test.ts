// The breaker statechart, transition by transition, against Resilience4j's documented semantics;
// then a property test: for random sequences of calls and outcomes it agrees, decision by decision,
// with a plain imperative reference written from the same documentation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import { breakerMachine, startBreaker, stepBreaker, type BreakerConfig, type BreakerData, type BreakerEvent, type BreakerStateName } from './breaker.machine';

const CONFIG: BreakerConfig = {
  window: 'count', windowSize: 10, minimumCalls: 5,
  failureRatePct: 50, slowCallRatePct: 50, slowCallMs: 500,
  waitInOpenMs: 1000, halfOpenCalls: 3,
};

const ok = (nowMs: number, durationMs = 20): BreakerEvent => ({ type: 'RECORD', nowMs, durationMs, failed: false });
const fail = (nowMs: number, durationMs = 20): BreakerEvent => ({ type: 'RECORD', nowMs, durationMs, failed: true });
const acquire = (nowMs: number): BreakerEvent => ({ type: 'ACQUIRE', nowMs });

function run(events: BreakerEvent[], config: BreakerConfig = CONFIG, from: BreakerData = startBreaker(config)): BreakerData {
  return events.reduce((data, event) => stepBreaker(data, event).data, from);
}

/** A breaker tripped at `atMs` by five failures. */
function opened(atMs = 100, config: BreakerConfig = CONFIG): BreakerData {
  const data = run([fail(atMs), fail(atMs), fail(atMs), fail(atMs), fail(atMs)], config);
  expect(data.value).toBe('OPEN');
  return data;
}

/** An open breaker moved to HALF_OPEN by a call after the wait (that call holds trial permit 1). */
function halfOpen(config: BreakerConfig = CONFIG): BreakerData {
  const step = stepBreaker(opened(100, config), acquire(100 + config.waitInOpenMs));
  expect(step.data.value).toBe('HALF_OPEN');
  return step.data;
}

describe('CLOSED', () => {
  it('starts closed and permits calls without changing', () => {
    const start = startBreaker(CONFIG);
    expect(start.value).toBe('CLOSED');
    const step = stepBreaker(start, acquire(0));
    expect(step.permitted).toBe(true);
    expect(step.data).toBe(start);
    expect(step.edge).toBeNull();
  });

  it('does not judge before minimumNumberOfCalls: four failures of four stay closed, the fifth trips it', () => {
    const four = run([fail(1), fail(2), fail(3), fail(4)]);
    expect(four.value).toBe('CLOSED');
    const step = stepBreaker(four, fail(5));
    expect(step.data.value).toBe('OPEN');
    expect(step.edge).toBe('CLOSED>OPEN');
    expect(step.data.context.edges['CLOSED>OPEN']).toEqual({ cause: 'failure rate 100% ≥ 50% over the last 5 calls', atMs: 5, times: 1 });
  });

  it('trips when the failure rate equals the threshold, not below it', () => {
    const below = run([ok(1), ok(2), ok(3), ok(4), ok(5), ok(6), fail(7), fail(8), fail(9), fail(10)]);
    expect(below.value).toBe('CLOSED'); // 4 of 10 = 40% < 50%
    const at = run([ok(1), ok(2), ok(3), ok(4), ok(5), fail(6), fail(7), fail(8), fail(9)]);
    expect(at.value).toBe('CLOSED'); // 4 of 9 = 44%
    const tripped = stepBreaker(at, fail(10));
    expect(tripped.data.value).toBe('OPEN'); // 5 of 10 = 50% ≥ 50%
    expect(tripped.data.context.edges['CLOSED>OPEN']?.cause).toBe('failure rate 50% ≥ 50% over the last 10 calls');
  });

  it('trips on the slow-call rate: calls slower than slowCallDurationThreshold, successful or not', () => {
    const slow = (t: number) => ok(t, 501);
    const data = run([ok(1), ok(2), slow(3), slow(4)]);
    const step = stepBreaker(data, slow(5));
    expect(step.data.value).toBe('OPEN'); // 3 of 5 slow = 60% ≥ 50%, failure rate 0%
    expect(step.data.context.edges['CLOSED>OPEN']?.cause).toBe('slow-call rate 60% ≥ 50% (slower than 500 ms) over the last 5 calls');
  });

  it('a call that takes exactly slowCallDurationThreshold is not slow', () => {
    const data = run([ok(1, 500), ok(2, 500), ok(3, 500), ok(4, 500), ok(5, 500)]);
    expect(data.value).toBe('CLOSED');
  });

  it('a count-based window forgets calls older than its last N', () => {
    const config = { ...CONFIG, windowSize: 5, minimumCalls: 5 };
    // Two failures, then successes push them out: the window never holds 3 failures of 5.
    const data = run([fail(1), fail(2), ok(3), ok(4), ok(5), ok(6), ok(7), fail(8), fail(9)], config);
    expect(data.value).toBe('CLOSED'); // last five: ok ok ok fail fail = 40%
    expect(stepBreaker(data, fail(10)).data.value).toBe('OPEN'); // ok ok fail fail fail = 60%
  });

  it('caps minimumNumberOfCalls at a count-based window size (Resilience4j does)', () => {
    const config = { ...CONFIG, windowSize: 4, minimumCalls: 20 };
    expect(run([fail(1), fail(2), fail(3)], config).value).toBe('CLOSED');
    expect(run([fail(1), fail(2), fail(3), fail(4)], config).value).toBe('OPEN');
  });

  it('a time-based window holds the calls of the last N seconds and forgets older seconds', () => {
    const config: BreakerConfig = { ...CONFIG, window: 'time', windowSize: 2, minimumCalls: 4 };
    // Three failures at second 0, then four successes at second 2: by then second 0 has left the
    // two-second window, so the four successes alone are judged.
    const data = run([fail(100), fail(200), fail(300), ok(2100), ok(2200), ok(2300), ok(2400)], config);
    expect(data.value).toBe('CLOSED');
    // Seconds 2 and 3: the four successes and three failures (43%) stay closed; a fourth failure
    // makes it 4 of 8 = 50%.
    const three = run([fail(3100), fail(3200), fail(3300)], config, data);
    expect(three.value).toBe('CLOSED');
    const tripped = stepBreaker(three, fail(3400)).data;
    expect(tripped.value).toBe('OPEN');
    expect(tripped.context.edges['CLOSED>OPEN']?.cause).toBe('failure rate 50% ≥ 50% over 8 calls in the last 2 s');
    // The same fourth failure at second 5 finds seconds 2 and 3 gone: one call, below the minimum.
    expect(run([fail(5000)], config, three).value).toBe('CLOSED');
  });

  it('a time-based window does not cap the minimum at its size in seconds', () => {
    const config: BreakerConfig = { ...CONFIG, window: 'time', windowSize: 2, minimumCalls: 5 };
    expect(run([fail(1), fail(2), fail(3), fail(4)], config).value).toBe('CLOSED');
    expect(run([fail(1), fail(2), fail(3), fail(4), fail(5)], config).value).toBe('OPEN');
  });

  it('RELEASE changes nothing while closed', () => {
    const start = startBreaker(CONFIG);
    expect(stepBreaker(start, { type: 'RELEASE' }).data).toBe(start);
  });
});

describe('OPEN', () => {
  it('rejects calls until waitDurationInOpenState has passed', () => {
    const data = opened(100);
    const early = stepBreaker(data, acquire(1099));
    expect(early.permitted).toBe(false);
    expect(early.data).toBe(data);
  });

  it('the first call after the wait moves it to HALF_OPEN and goes through as a trial', () => {
    const step = stepBreaker(opened(100), acquire(1100));
    expect(step.permitted).toBe(true);
    expect(step.edge).toBe('OPEN>HALF_OPEN');
    expect(step.data.value).toBe('HALF_OPEN');
    expect(step.data.context.permitsLeft).toBe(2);
    expect(step.data.context.edges['OPEN>HALF_OPEN']?.cause).toBe('waited 1000 ms in OPEN; the next call goes through as a trial (3 allowed)');
  });

  it('ignores outcomes of calls let through before it opened', () => {
    const data = opened(100);
    expect(stepBreaker(data, ok(500)).data).toBe(data);
    expect(stepBreaker(data, fail(500)).data).toBe(data);
  });
});

describe('HALF_OPEN', () => {
  it('permits exactly permittedNumberOfCallsInHalfOpenState calls, then rejects', () => {
    let data = halfOpen(); // trial 1 taken
    for (const expected of [true, true, false, false]) {
      const step = stepBreaker(data, acquire(1200));
      expect(step.permitted).toBe(expected);
      data = step.data;
    }
    expect(data.value).toBe('HALF_OPEN');
  });

  it('RELEASE gives back a permit a call did not use, never more than allowed', () => {
    let data = run([acquire(1200), acquire(1200)], CONFIG, halfOpen());
    expect(data.context.permitsLeft).toBe(0);
    data = stepBreaker(data, { type: 'RELEASE' }).data;
    expect(data.context.permitsLeft).toBe(1);
    data = run([{ type: 'RELEASE' }, { type: 'RELEASE' }, { type: 'RELEASE' }], CONFIG, data);
    expect(data.context.permitsLeft).toBe(3);
  });

  it('decides only when all trial outcomes are in', () => {
    const data = run([fail(1200), fail(1300)], CONFIG, halfOpen());
    expect(data.value).toBe('HALF_OPEN');
  });

  it('reopens when the trial calls fail at or above the threshold', () => {
    const data = run([ok(1200), fail(1300)], CONFIG, halfOpen());
    const step = stepBreaker(data, fail(1400));
    expect(step.edge).toBe('HALF_OPEN>OPEN');
    expect(step.data.context.openedAtMs).toBe(1400);
    expect(step.data.context.edges['HALF_OPEN>OPEN']?.cause).toBe('trial calls: failure rate 67% ≥ 50% over the last 3 calls');
    // The wait starts again from the reopening.
    expect(stepBreaker(step.data, acquire(2399)).permitted).toBe(false);
    expect(stepBreaker(step.data, acquire(2400)).data.value).toBe('HALF_OPEN');
  });

  it('reopens when the trial calls are slow, though they succeed', () => {
    const data = run([ok(1200, 900), ok(1300, 900), ok(1400, 10)], CONFIG, halfOpen());
    expect(data.value).toBe('OPEN');
    expect(data.context.edges['HALF_OPEN>OPEN']?.cause).toContain('slow-call rate 67% ≥ 50%');
  });

  it('closes when the trial calls stay under both thresholds, with a fresh window', () => {
    const step = stepBreaker(run([ok(1200), fail(1300)], CONFIG, halfOpen()), ok(1400));
    expect(step.edge).toBe('HALF_OPEN>CLOSED');
    expect(step.data.value).toBe('CLOSED');
    expect(step.data.context.edges['HALF_OPEN>CLOSED']?.cause).toBe('trial calls: failure rate 33% < 50%, slow-call rate 0% < 50% over the last 3 calls');
    // The failures that opened it are gone: four new failures are below the minimum of five.
    expect(run([fail(1500), fail(1600), fail(1700), fail(1800)], CONFIG, step.data).value).toBe('CLOSED');
  });

  it('counts how often each edge fired', () => {
    let data = halfOpen();
    data = run([fail(1200), fail(1300), fail(1400)], CONFIG, data); // reopen at 1400
    data = run([acquire(2400), ok(2500), ok(2600), ok(2700)], CONFIG, data); // half-open again, close
    expect(data.value).toBe('CLOSED');
    expect(data.context.edges['CLOSED>OPEN']?.times).toBe(1);
    expect(data.context.edges['OPEN>HALF_OPEN']?.times).toBe(2);
    expect(data.context.edges['HALF_OPEN>OPEN']?.times).toBe(1);
    expect(data.context.edges['HALF_OPEN>CLOSED']?.times).toBe(1);
    expect(data.context.last).toBe('HALF_OPEN>CLOSED');
  });
});

// A reference breaker written imperatively from the Resilience4j documentation, for the property test.
class ReferenceBreaker {
  state: BreakerStateName = 'CLOSED';
  private outcomes: { failed: boolean; slow: boolean; sec: number }[] = [];
  private openedAt = 0;
  private permits = 0;

  constructor(private readonly c: BreakerConfig) {}

  acquire(now: number): boolean {
    if (this.state === 'CLOSED') return true;
    if (this.state === 'OPEN') {
      if (now - this.openedAt < this.c.waitInOpenMs) return false;
      this.state = 'HALF_OPEN';
      this.outcomes = [];
      this.permits = this.c.halfOpenCalls;
    }
    if (this.permits === 0) return false;
    this.permits--;
    return true;
  }

  release(): void {
    if (this.state === 'HALF_OPEN') this.permits = Math.min(this.c.halfOpenCalls, this.permits + 1);
  }

  record(now: number, durationMs: number, failed: boolean): void {
    if (this.state === 'OPEN') return;
    this.outcomes.push({ failed, slow: durationMs > this.c.slowCallMs, sec: Math.floor(now / 1000) });
    const half = this.state === 'HALF_OPEN';
    let window = this.outcomes;
    if (half || this.c.window === 'count') window = window.slice(-(half ? this.c.halfOpenCalls : this.c.windowSize));
    else window = window.filter((o) => o.sec > Math.floor(now / 1000) - this.c.windowSize);
    const minimum = half ? this.c.halfOpenCalls : this.c.window === 'count' ? Math.min(this.c.minimumCalls, this.c.windowSize) : this.c.minimumCalls;
    if (window.length < minimum) return;
    const failedPct = (100 * window.filter((o) => o.failed).length) / window.length;
    const slowPct = (100 * window.filter((o) => o.slow).length) / window.length;
    const over = failedPct >= this.c.failureRatePct || slowPct >= this.c.slowCallRatePct;
    if (over) {
      this.state = 'OPEN';
      this.openedAt = now;
    } else if (half) {
      this.state = 'CLOSED';
    }
    if (over || half) this.outcomes = [];
  }
}

const configArb = fc.record({
  window: fc.constantFrom('count' as const, 'time' as const),
  windowSize: fc.integer({ min: 1, max: 8 }),
  minimumCalls: fc.integer({ min: 1, max: 10 }),
  failureRatePct: fc.integer({ min: 1, max: 100 }),
  slowCallRatePct: fc.integer({ min: 1, max: 100 }),
  slowCallMs: fc.integer({ min: 1, max: 400 }),
  waitInOpenMs: fc.integer({ min: 1, max: 3000 }),
  halfOpenCalls: fc.integer({ min: 1, max: 5 }),
});

const stepArb = fc.oneof(
  fc.record({ kind: fc.constant('acquire' as const), gapMs: fc.integer({ min: 0, max: 700 }) }),
  fc.record({ kind: fc.constant('release' as const), gapMs: fc.constant(0) }),
  fc.record({ kind: fc.constant('record' as const), gapMs: fc.integer({ min: 0, max: 700 }), durationMs: fc.integer({ min: 0, max: 800 }), failed: fc.boolean() }),
);

describe('the statechart against a reference breaker', () => {
  it('makes the same decision and is in the same state after every event', () => {
    fc.assert(
      fc.property(configArb, fc.array(stepArb, { maxLength: 120 }), (config, steps) => {
        const reference = new ReferenceBreaker(config);
        let data = startBreaker(config);
        let now = 0;
        for (const step of steps) {
          now += step.gapMs;
          if (step.kind === 'acquire') {
            const result = stepBreaker(data, acquire(now));
            expect(result.permitted).toBe(reference.acquire(now));
            data = result.data;
          } else if (step.kind === 'release') {
            data = stepBreaker(data, { type: 'RELEASE' }).data;
            reference.release();
          } else {
            data = stepBreaker(data, { type: 'RECORD', nowMs: now, durationMs: step.durationMs, failed: step.failed }).data;
            reference.record(now, step.durationMs, step.failed);
          }
          expect(data.value).toBe(reference.state);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('stepBreaker', () => {
  it('agrees with XState’s own pure transition, step for step', () => {
    fc.assert(
      fc.property(configArb, fc.array(stepArb, { maxLength: 60 }), (config, steps) => {
        let data = startBreaker(config);
        let now = 0;
        for (const step of steps) {
          now += step.gapMs;
          const event: BreakerEvent = step.kind === 'acquire' ? acquire(now) : step.kind === 'release' ? { type: 'RELEASE' } : { type: 'RECORD', nowMs: now, durationMs: step.durationMs, failed: step.failed };
          const [expected, actions] = transition(breakerMachine, breakerMachine.resolveState({ value: data.value, context: data.context }), event);
          const result = stepBreaker(data, event);
          expect(result.data.value).toBe(expected.value);
          expect(result.data.context).toEqual(expected.context);
          const types = actions.map((a) => a.type);
          expect(result.permitted).toBe(types.includes('permitted') ? true : types.includes('rejected') ? false : null);
          data = result.data;
        }
      }),
      { numRuns: 100 },
    );
  });
});
