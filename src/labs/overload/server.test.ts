// The service, driven by hand: random arrivals (with random remaining timeouts), finished work
// and setting changes. Whatever the sequence, no request is lost or answered twice, the queue and
// the pool stay within bounds, and with deadline shedding no worker begins a request it cannot
// finish in time; the "check on arrival only" rule breaks exactly that.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Effect } from '../../engine/types';
import { OVERLOAD_DEFAULTS, QUEUE_ORDERS, SOUND_SHED_POLICIES, pickSettings, type OverloadSettings } from './params';
import { overloadServer, type ServerState } from './server';
import { testContext } from './test-context';

type Move = { kind: 'arrive'; gapMs: number; timeoutMs: number } | { kind: 'finish' } | { kind: 'configure'; shed: OverloadSettings['shed']; order: OverloadSettings['order'] };

const move: fc.Arbitrary<Move> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('arrive' as const), gapMs: fc.integer({ min: 0, max: 30 }), timeoutMs: fc.integer({ min: 10, max: 600 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('finish' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('configure' as const), shed: fc.constantFrom(...SOUND_SHED_POLICIES), order: fc.constantFrom(...QUEUE_ORDERS) }) },
);

const replies = (effects: Effect[]) => effects.filter((e) => e.kind === 'send').length;

function drive(moves: Move[], startShed: OverloadSettings['shed']) {
  const ctx = testContext('n1', 'server', { shed: startShed, triggerForMs: 0 });
  let [state] = overloadServer.init(ctx);
  let arrivals = 0;
  let answered = 0;
  let late = 0;
  let seq = 0;
  const held = (s: ServerState) => s.queue.length + s.working.filter((w) => w !== null).length;
  for (const m of moves) {
    let effects: Effect[];
    if (m.kind === 'arrive') {
      ctx.clockMs += m.gapMs;
      arrivals++;
      [state, effects] = overloadServer.onMessage(state, 'c1', { type: 'Request', id: `c1-${++seq}`, attempt: 0, timeoutMs: m.timeoutMs }, ctx);
    } else if (m.kind === 'finish') {
      // The worker due first finishes, at its due time (as the engine would fire its timer).
      const due = state.working.map((w, slot) => ({ w, slot })).filter((x) => x.w !== null).sort((a, b) => a.w!.doneMs - b.w!.doneMs)[0];
      if (!due) continue;
      ctx.clockMs = Math.max(ctx.clockMs, due.w!.doneMs);
      [state, effects] = overloadServer.onTimer(state, `w${due.slot}`, ctx);
    } else {
      [state, effects] = overloadServer.onControl!(state, { do: 'configure', settings: { ...state.settings, shed: m.shed, order: m.order } }, ctx);
    }
    answered += replies(effects);
    expect(state.queue.length).toBeLessThanOrEqual(OVERLOAD_DEFAULTS.queueLimit);
    expect(state.working.length).toBe(OVERLOAD_DEFAULTS.workers);
    expect(arrivals).toBe(answered + held(state));
    late += state.working.filter((w) => w !== null && w.underDeadline && w.doneMs > w.deadlineMs).length;
  }
  return { late };
}

describe('overload server', () => {
  it('loses and duplicates nothing, stays within its bounds, and with deadlines checked at dequeue begins nothing it cannot finish in time', () => {
    fc.assert(
      fc.property(fc.array(move, { maxLength: 300 }), fc.constantFrom(...SOUND_SHED_POLICIES), (moves, shed) => {
        expect(drive(moves, shed).late).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('checking deadlines only on arrival lets a worker begin a request past its deadline', () => {
    // A burst of arrivals with short timeouts fills the queue; by the time a worker gets to the
    // later ones they have expired.
    const burst: Move[] = Array.from({ length: 12 }, () => ({ kind: 'arrive', gapMs: 0, timeoutMs: 100 }) as Move);
    const moves: Move[] = [...burst, ...Array.from({ length: 12 }, () => ({ kind: 'finish' }) as Move)];
    expect(drive(moves, 'deadline').late).toBe(0);
    expect(drive(moves, 'deadline-on-arrival').late).toBeGreaterThan(0);
  });

  it('returns the very same state for a message it does not handle (copy-on-write)', () => {
    const ctx = testContext('n1', 'server');
    const [state] = overloadServer.init(ctx);
    expect(overloadServer.onMessage(state, 'c1', { type: 'Reply', id: 'x', attempt: 0 }, ctx)[0]).toBe(state);
    expect(overloadServer.onTimer(state, 'w0', ctx)[0]).toBe(state);
  });

  it('serves the newest first under adaptive LIFO once the queue is long, the oldest first otherwise', () => {
    for (const order of ['fifo', 'adaptive-lifo'] as const) {
      const ctx = testContext('n1', 'server', { order, triggerForMs: 0 });
      let [state] = overloadServer.init(ctx);
      for (let i = 1; i <= 14; i++) [state] = overloadServer.onMessage(state, 'c1', { type: 'Request', id: `r${i}`, attempt: 0, timeoutMs: 5000 }, ctx);
      ctx.clockMs = state.working[0]!.doneMs;
      const [after] = overloadServer.onTimer(state, 'w0', ctx);
      // r1 and r2 went straight to the two workers; r3…r14 wait (12 > shedAt 8).
      expect(after.working[0]!.id).toBe(order === 'fifo' ? 'r3' : 'r14');
    }
  });

  it('a slowdown multiplies the service time, and ends on its timer', () => {
    const ctx = testContext('n1', 'server', { triggerForMs: 0 });
    let [state, effects] = overloadServer.onControl!(overloadServer.init(ctx)[0], { do: 'slow', factor: 4, forMs: 2000 }, ctx);
    expect(effects).toContainEqual({ kind: 'set-timer', timer: 'slow-end', afterMs: 2000 });
    [state] = overloadServer.onMessage(state, 'c1', { type: 'Request', id: 'r1', attempt: 0, timeoutMs: 5000 }, ctx);
    expect(state.working[0]!.doneMs).toBe(4 * OVERLOAD_DEFAULTS.serviceMs);
    [state] = overloadServer.onTimer(state, 'slow-end', ctx);
    expect(state.slow).toBe(1);
  });

  it('starts with the scenario settings', () => {
    const [state] = overloadServer.init(testContext('n1', 'server'));
    expect(state.settings).toEqual(pickSettings(OVERLOAD_DEFAULTS));
  });
});
