// The proposer: phase 1 with a fresh ballot, phase 2 with the highest-ballot vote the promises
// reported (P2c), retry after a Nack with a round above the one it heard, and the round on disk.
import { describe, expect, it } from 'vitest';
import type { Effect } from '../../engine/types';
import { ballotOf } from './ballot';
import { proposer, type ProposerState } from './proposer';
import { TIMERS } from './proposer-state';
import { paxosContext } from './test-context';

const ctx = paxosContext('p2', { params: { backoff: false } });
const sends = (effects: Effect[], type: string) => effects.filter((e) => e.kind === 'send' && e.message.type === type);

/** p2 after its first Prepare (ballot 1.2), promised by `promisers` with these votes. */
function promisedBy(promisers: string[], votes: Record<string, Record<number, { ballot: number; value: string }>> = {}): ProposerState {
  let [state] = proposer.init(ctx);
  [state] = proposer.onTimer(state, TIMERS.retry, ctx);
  for (const from of promisers) [state] = proposer.onMessage(state, from, { type: 'Promise', ballot: state.ballot, votes: votes[from] ?? {} }, ctx);
  return state;
}

describe('proposer', () => {
  it('prepares with a fresh ballot of its own to every acceptor', () => {
    const [state] = proposer.init(ctx);
    const [preparing, effects] = proposer.onTimer(state, TIMERS.retry, ctx);
    expect(preparing.ballot).toBe(ballotOf(1, 2));
    expect(sends(effects, 'Prepare')).toHaveLength(5);
  });

  it('proposes its own value when no promise reports a vote', () => {
    const [state, effects] = proposer.onTimer(promisedBy(['n1', 'n2', 'n3']), TIMERS.collect, ctx);
    expect(state.proposal).toEqual({ slot: 1, value: 'B1' });
    expect(sends(effects, 'Accept')[0]).toMatchObject({ message: { ballot: ballotOf(1, 2), slot: 1, value: 'B1' } });
  });

  it('proposes the value of the highest-ballot vote reported instead of its own', () => {
    const votes = { n1: { 1: { ballot: ballotOf(1, 1), value: 'A1' } }, n3: { 1: { ballot: ballotOf(3, 1), value: 'C1' } } };
    const [state, effects] = proposer.onTimer(promisedBy(['n1', 'n2', 'n3'], votes), TIMERS.collect, ctx);
    expect(state.proposal?.value).toBe('C1');
    expect(effects.some((e) => e.kind === 'note' && e.tag === 'adopted')).toBe(true);
  });

  it('without a majority of promises it does not propose, and tries again', () => {
    const [state, effects] = proposer.onTimer(promisedBy(['n1', 'n2']), TIMERS.collect, ctx);
    expect(state.phase).toBe('backing-off');
    expect(sends(effects, 'Accept')).toHaveLength(0);
    expect(effects).toContainEqual({ kind: 'set-timer', timer: TIMERS.retry, afterMs: 10 });
  });

  it('a Nack ends the attempt; the retry uses a round above the promise it heard', () => {
    const preparing = promisedBy(['n1']);
    const [backing] = proposer.onMessage(preparing, 'n2', { type: 'Nack', ballot: preparing.ballot, promised: ballotOf(7, 1) }, ctx);
    expect(backing.phase).toBe('backing-off');
    const [again] = proposer.onTimer(backing, TIMERS.retry, ctx);
    expect(again.ballot).toBe(ballotOf(8, 2));
  });

  it('with backoff the wait is random and its window doubles with each failure', () => {
    const backoffCtx = paxosContext('p2', { params: { backoff: true, backoffMs: 100 } });
    const waits = (failures: number) => Array.from({ length: 200 }, () => {
      const [, effects] = proposer.onMessage({ ...promisedBy(['n1']), failures, settings: { backoff: true, multiPaxos: false, forgetOnRestart: false } }, 'n2', { type: 'Nack', ballot: ballotOf(1, 2), promised: ballotOf(2, 1) }, backoffCtx);
      return (effects.find((e) => e.kind === 'set-timer') as { afterMs: number }).afterMs;
    });
    expect(Math.max(...waits(0))).toBeLessThanOrEqual(100);
    expect(Math.max(...waits(3))).toBeGreaterThan(200);
    expect(new Set(waits(0)).size).toBeGreaterThan(20);
  });

  it('knows a value is chosen once a majority accepted its ballot', () => {
    let [state] = proposer.onTimer(promisedBy(['n1', 'n2', 'n3']), TIMERS.collect, ctx);
    for (const from of ['n1', 'n2']) [state] = proposer.onMessage(state, from, { type: 'Accepted', ballot: state.ballot, slot: 1, value: 'B1' }, ctx);
    expect(state.chosen[1]).toBeUndefined();
    [state] = proposer.onMessage(state, 'n4', { type: 'Accepted', ballot: state.ballot, slot: 1, value: 'B1' }, ctx);
    expect(state.chosen[1]).toBe('B1');
    expect(state.phase).toBe('idle');
  });

  it('keeps its highest round across a crash, so it never reuses a ballot', () => {
    const preparing = promisedBy([]);
    const [recovered] = proposer.recover(proposer.persisted(preparing), ctx);
    const [again] = proposer.onTimer(recovered, TIMERS.retry, ctx);
    expect(again.ballot).toBeGreaterThan(preparing.ballot);
  });

  it('as a Multi-Paxos leader, fills the next slot with phase 2 alone', () => {
    const multi = paxosContext('p2', { params: { multiPaxos: true } });
    let [state] = proposer.init(multi);
    [state] = proposer.onTimer(state, TIMERS.retry, multi);
    for (const from of ['n1', 'n2', 'n3']) [state] = proposer.onMessage(state, from, { type: 'Promise', ballot: state.ballot, votes: {} }, multi);
    [state] = proposer.onTimer(state, TIMERS.collect, multi);
    expect(state.phase).toBe('leading');
    for (const from of ['n1', 'n2', 'n3']) [state] = proposer.onMessage(state, from, { type: 'Accepted', ballot: state.ballot, slot: 1, value: 'B1' }, multi);
    const [next, effects] = proposer.onTimer(state, TIMERS.next, multi);
    expect(sends(effects, 'Prepare')).toHaveLength(0);
    expect(sends(effects, 'Accept')[0]).toMatchObject({ message: { ballot: state.ballot, slot: 2, value: 'B2' } });
    expect(next.ballot).toBe(state.ballot);
  });
});
