// One client, driven by hand: an attempt that times out is retried by the policy (at once, or
// after a backoff timer), an answer to an abandoned attempt is wasted work, the retry budget
// stops retries after straight failures, and an open breaker fails requests without sending them.
import { describe, expect, it } from 'vitest';
import type { Effect, NodeContext } from '../../engine/types';
import { overloadClient, pendingRequest, type ClientState } from './client';
import { pickSettings, readParams, type OverloadSettings } from './params';
import { testContext } from './test-context';

const sends = (effects: Effect[]) => effects.filter((e): e is Extract<Effect, { kind: 'send' }> => e.kind === 'send');
const metric = (effects: Effect[], name: string) => effects.filter((e) => e.kind === 'metric' && e.name === name).length;

function client(settings: Partial<OverloadSettings> = {}): { ctx: NodeContext; state: ClientState } {
  const ctx = testContext('c1', 'client', settings);
  const [state] = overloadClient.init(ctx);
  return { ctx, state: { ...state, settings: pickSettings(readParams(ctx.params)) } };
}

/** A new request, and its attempt's timeout firing `times` times in a row. */
function timeouts(settings: Partial<OverloadSettings>, times: number) {
  const made = client(settings);
  const ctx = made.ctx;
  let state = made.state;
  let [next, effects] = overloadClient.onTimer(state, 'arrive', ctx);
  state = next;
  const all = [...effects];
  for (let i = 0; i < times; i++) {
    ctx.clockMs += 250;
    [next, effects] = overloadClient.onTimer(state, 'q:c1-1', ctx);
    state = next;
    all.push(...effects);
    // A backoff timer fires next: that sends the retry.
    if (pendingRequest(state, 'c1-1')?.waiting === false) {
      [next, effects] = overloadClient.onTimer(state, 'q:c1-1', ctx);
      state = next;
      all.push(...effects);
    }
  }
  return { state, effects: all };
}

describe('overload client', () => {
  it('retries at once when aggressive, up to its retry limit, then gives up', () => {
    const { state, effects } = timeouts({ retry: 'aggressive', retries: 3 }, 4);
    expect(sends(effects).map((s) => s.message.attempt)).toEqual([0, 1, 2, 3]);
    expect(metric(effects, 'gave-up')).toBe(1);
    expect(state.pending).toEqual([]);
  });

  it('backs off before a retry: doubling without jitter, at most the doubling with it', () => {
    const plain = timeouts({ retry: 'backoff', retries: 3, backoffMs: 50 }, 3).effects;
    const delays = plain.filter((e) => e.kind === 'set-timer' && 'afterMs' in e && e.timer === 'q:c1-1' && e.afterMs !== 250).map((e) => (e as { afterMs: number }).afterMs);
    expect(delays).toEqual([50, 100, 200]);
    const jittered = timeouts({ retry: 'backoff-jitter', retries: 3, backoffMs: 50 }, 3).effects;
    const jitters = jittered.filter((e) => e.kind === 'set-timer' && 'afterMs' in e && e.timer === 'q:c1-1' && e.afterMs !== 250).map((e) => (e as { afterMs: number }).afterMs);
    jitters.forEach((d, i) => expect(d).toBeLessThanOrEqual(50 * 2 ** i));
  });

  it('never retries with retry "none"', () => {
    const { effects } = timeouts({ retry: 'none', retries: 3 }, 1);
    expect(sends(effects)).toHaveLength(1);
    expect(metric(effects, 'gave-up')).toBe(1);
  });

  it('counts an answer to an abandoned attempt as wasted work, and the awaited one as goodput', () => {
    const { ctx } = client();
    const { state } = timeouts({ retry: 'aggressive', retries: 3 }, 1);
    const [afterLate, late] = overloadClient.onMessage(state, 'n1', { type: 'Reply', id: 'c1-1', attempt: 0 }, ctx);
    expect(metric(late, 'wasted')).toBe(1);
    expect(pendingRequest(afterLate, 'c1-1')).toBeDefined();
    const [afterAnswer, answer] = overloadClient.onMessage(afterLate, 'n2', { type: 'Reply', id: 'c1-1', attempt: 1 }, ctx);
    expect(metric(answer, 'goodput')).toBe(1);
    expect(afterAnswer.pending).toEqual([]);
  });

  it('stops retrying once the retry budget has lost half its tokens to failures', () => {
    const made = client({ retry: 'aggressive', retries: 10, budget: 0.1 });
    const ctx = made.ctx;
    let state = made.state;
    [state] = overloadClient.onTimer(state, 'arrive', ctx);
    let sent = 1;
    let effects: Effect[] = [];
    for (let i = 0; i < 10 && pendingRequest(state, 'c1-1'); i++) {
      [state, effects] = overloadClient.onTimer(state, 'q:c1-1', ctx);
      sent += sends(effects).length;
    }
    // Ten tokens: failures 1–4 leave more than five, the fifth leaves exactly five.
    expect(sent).toBe(5);
    expect(state.tokens).toBe(5000);
  });

  it('an open circuit breaker fails a new request without sending it', () => {
    const { ctx, state } = client({ breaker: true });
    const open: ClientState = { ...state, breaker: { state: 'open', untilMs: 1000 } };
    const [after, effects] = overloadClient.onTimer(open, 'arrive', ctx);
    expect(sends(effects)).toEqual([]);
    expect(metric(effects, 'fast-failed')).toBe(1);
    expect(after.pending).toEqual([]);
  });
});
