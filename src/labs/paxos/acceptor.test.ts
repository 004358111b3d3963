// The acceptor's two rules (Paxos Made Simple §2.2) and what it keeps on disk.
import { describe, expect, it } from 'vitest';
import { acceptor, type AcceptorState } from './acceptor';
import { ballotOf } from './ballot';
import { paxosContext } from './test-context';

const ctx = paxosContext('n1');
const b = (round: number, proposer: number) => ballotOf(round, proposer);

function start(): AcceptorState {
  return acceptor.init(ctx)[0];
}

describe('acceptor', () => {
  it('promises a higher ballot and reports its votes from the slot asked', () => {
    let state = start();
    [state] = acceptor.onMessage(state, 'p1', { type: 'Accept', ballot: b(1, 1), slot: 1, value: 'A1' }, ctx);
    [state] = acceptor.onMessage(state, 'p1', { type: 'Accept', ballot: b(1, 1), slot: 3, value: 'A3' }, ctx);
    const [next, effects] = acceptor.onMessage(state, 'p2', { type: 'Prepare', ballot: b(2, 2), fromSlot: 2 }, ctx);
    expect(next.promised).toBe(b(2, 2));
    expect(effects).toEqual([{ kind: 'send', to: 'p2', message: { type: 'Promise', ballot: b(2, 2), votes: { 3: { ballot: b(1, 1), value: 'A3' } } } }]);
  });

  it('refuses a lower Prepare or Accept with a Nack naming its promise, and stays as it was', () => {
    const [promised] = acceptor.onMessage(start(), 'p2', { type: 'Prepare', ballot: b(2, 2), fromSlot: 1 }, ctx);
    const [afterPrepare, nack1] = acceptor.onMessage(promised, 'p1', { type: 'Prepare', ballot: b(2, 1), fromSlot: 1 }, ctx);
    const [afterAccept, nack2] = acceptor.onMessage(promised, 'p1', { type: 'Accept', ballot: b(1, 1), slot: 1, value: 'A1' }, ctx);
    expect(afterPrepare).toBe(promised);
    expect(afterAccept).toBe(promised);
    expect(nack1[0]).toMatchObject({ to: 'p1', message: { type: 'Nack', ballot: b(2, 1), promised: b(2, 2) } });
    expect(nack2[0]).toMatchObject({ to: 'p1', message: { type: 'Nack', ballot: b(1, 1), promised: b(2, 2) } });
  });

  it('accepts at its promise, tells the proposer and every learner, and a repeat changes nothing', () => {
    const [promised] = acceptor.onMessage(start(), 'p1', { type: 'Prepare', ballot: b(1, 1), fromSlot: 1 }, ctx);
    const accept = { type: 'Accept', ballot: b(1, 1), slot: 1, value: 'A1' };
    const [voted, effects] = acceptor.onMessage(promised, 'p1', accept, ctx);
    expect(voted.votes[1]).toEqual({ ballot: b(1, 1), value: 'A1' });
    expect(effects.map((e) => (e.kind === 'send' ? e.to : null))).toEqual(['p1', 'l1', 'l2']);
    expect(acceptor.onMessage(voted, 'p1', accept, ctx)[0]).toBe(voted);
  });

  it('keeps its promise and votes across a crash, unless the broken rule is on', () => {
    const [promised] = acceptor.onMessage(start(), 'p1', { type: 'Prepare', ballot: b(1, 1), fromSlot: 1 }, ctx);
    const [voted] = acceptor.onMessage(promised, 'p1', { type: 'Accept', ballot: b(1, 1), slot: 1, value: 'A1' }, ctx);
    expect(acceptor.recover(acceptor.persisted(voted), ctx)[0]).toMatchObject({ promised: b(1, 1), votes: { 1: { value: 'A1' } } });
    const [forgetful] = acceptor.onControl!(voted, { do: 'configure', settings: { backoff: true, multiPaxos: false, forgetOnRestart: true } }, ctx);
    expect(acceptor.recover(acceptor.persisted(forgetful), ctx)[0]).toMatchObject({ promised: 0, votes: {} });
  });
});
