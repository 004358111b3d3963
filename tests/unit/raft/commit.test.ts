// Paper-mapped tests for commitment and application (Raft §5.3, §5.4.2, Figure 8), client replies.
import { describe, expect, it } from 'vitest';
import { onRequest, raft } from '../../../src/protocols/raft';
import { requestMessage } from '../../../src/protocols/client/messages';
import type { RaftState } from '../../../src/protocols/raft/types';
import { context, frozen, leaderWith, logOf, notes, replies, request, stateWith, write } from './helpers';

const ctx1 = context('n1');
const ctx5 = context('n1', 5);

function ack(state: RaftState, from: string, matchIndex: number, ctx = ctx1) {
  return raft.onMessage(state, from, { type: 'AppendEntriesReply', term: state.currentTerm, success: true, matchIndex }, ctx);
}

describe('Raft §5.3 commitment by the leader', () => {
  it('commits an entry of its term once a majority stores it, applies it and answers the client', () => {
    const state = frozen(leaderWith({ currentTerm: 2, log: [{ term: 2, command: null }, { term: 2, command: write('x', 3) }], pending: [{ index: 2, term: 2, client: 'c4', requestId: 9 }] }));
    const [next, effects] = ack(state, 'n3', 2);
    expect(next).toMatchObject({ commitIndex: 2, lastApplied: 2, machine: { x: 3 }, pending: [] });
    expect(notes(effects)).toEqual(['committed']);
    expect(replies(effects)).toEqual([{ to: 'c4', requestId: 9, result: { status: 'ok', value: 3 } }]);
  });

  it('does not commit without a majority', () => {
    const state = frozen(leaderWith({ currentTerm: 2, log: logOf(2, 2) }, 5));
    const [next, effects] = ack(state, 'n3', 2, ctx5);
    expect(next.commitIndex).toBe(0);
    expect(notes(effects)).toEqual([]);
    const [committed] = ack(next, 'n5', 1, ctx5);
    expect(committed.commitIndex).toBe(1); // n1, n3, n5 store index 1
  });

  it('reads and compare-and-set go through the log and answer from the applied state', () => {
    let state = frozen(leaderWith({ currentTerm: 2, log: [{ term: 2, command: null }], matchIndex: { n2: 1, n3: 0 }, commitIndex: 1, lastApplied: 1 }));
    const ops = [write('x', 1), { f: 'read' as const, key: 'x' }, { f: 'cas' as const, key: 'x', value: [1, 2] }, { f: 'cas' as const, key: 'x', value: [1, 5] }, { f: 'read' as const, key: 'y' }];
    ops.forEach((op, i) => {
      state = onRequest(state, request(op, i + 1), ctx1)[0];
    });
    const [next, effects] = ack(state, 'n2', 6);
    expect(next.machine).toEqual({ x: 2 });
    expect(replies(effects).map((reply) => [reply.requestId, reply.result])).toEqual([
      [1, { status: 'ok', value: 1 }],
      [2, { status: 'ok', value: 1 }],
      [3, { status: 'ok', value: true }],
      [4, { status: 'ok', value: false }],
      [5, { status: 'ok', value: null }],
    ]);
  });

  it('Figure 8: an entry of an earlier term stored on a majority is not committed by counting', () => {
    // S1, leader of term 4 in five servers, holds index 2 from term 2 and its own no-op at 3.
    const state = frozen(leaderWith({ currentTerm: 4, log: [{ term: 1, command: null }, { term: 2, command: write('x', 2) }, { term: 4, command: null }], commitIndex: 1, lastApplied: 1 }, 5));
    let [next] = ack(state, 'n2', 2, ctx5);
    [next] = ack(next, 'n3', 2, ctx5);
    expect(next.commitIndex).toBe(1); // index 2 is on S1, S2, S3, yet is of term 2
    [next] = ack(next, 'n2', 3, ctx5);
    expect(next.commitIndex).toBe(1);
    const [committed, effects] = ack(next, 'n3', 3, ctx5);
    expect(committed.commitIndex).toBe(3); // the term-4 entry commits, and index 2 with it
    expect(committed.machine).toEqual({ x: 2 });
    expect(notes(effects)).toEqual(['committed']);
  });
});

describe('Raft §5.3 followers learn the commit index', () => {
  it('commits min(leaderCommit, index of last new entry) and applies in order', () => {
    const state = frozen(stateWith({ currentTerm: 2, log: logOf(1) }));
    const entries = [{ term: 2, command: write('y', 5) }];
    const [next] = raft.onMessage(state, 'n1', { type: 'AppendEntries', term: 2, leaderId: 'n1', prevLogIndex: 1, prevLogTerm: 1, entries, leaderCommit: 7 }, context('n2'));
    expect(next).toMatchObject({ commitIndex: 2, lastApplied: 2, machine: { x: 1, y: 5 } });
  });

  it('does not commit its own unverified entries beyond what the message covers', () => {
    // Its entries 2–3 are of an old term and may yet be overwritten.
    const state = frozen(stateWith({ currentTerm: 3, log: logOf(1, 2, 2) }));
    const [next] = raft.onMessage(state, 'n1', { type: 'AppendEntries', term: 3, leaderId: 'n1', prevLogIndex: 1, prevLogTerm: 1, entries: [], leaderCommit: 5 }, context('n2'));
    expect(next.commitIndex).toBe(1);
  });

  it('never lowers its commit index', () => {
    const state = frozen(stateWith({ currentTerm: 2, log: logOf(1, 2), commitIndex: 2, lastApplied: 2, machine: { x: 2 } }));
    const [next] = raft.onMessage(state, 'n1', { type: 'AppendEntries', term: 2, leaderId: 'n1', prevLogIndex: 1, prevLogTerm: 1, entries: [], leaderCommit: 1 }, context('n2'));
    expect(next.commitIndex).toBe(2);
  });
});

describe('client requests (Raft §8)', () => {
  it('a request is an ordinary ClientRequest message: onMessage hands it to onRequest, the reply is a ClientReply sent back', () => {
    const follower = frozen(stateWith({ currentTerm: 2, leaderId: 'n3' }));
    const direct = onRequest(follower, request(write('x', 1), 5, 'c2'), ctx1);
    const viaMessage = raft.onMessage(follower, 'c2', requestMessage(5, write('x', 1)), ctx1);
    expect(viaMessage).toEqual(direct);
    expect(viaMessage[1]).toEqual([
      { kind: 'send', to: 'c2', message: { type: 'ClientReply', requestId: 5, result: { status: 'redirect', leaderHint: 'n3' } } },
    ]);
  });

  it('a follower redirects to the leader it knows, a candidate without a hint', () => {
    const follower = frozen(stateWith({ currentTerm: 2, leaderId: 'n3' }));
    expect(replies(onRequest(follower, request(write('x', 1)), ctx1)[1])).toEqual([
      { to: 'c1', requestId: 1, result: { status: 'redirect', leaderHint: 'n3' } },
    ]);
    const candidate = frozen(stateWith({ role: 'candidate', currentTerm: 2 }));
    expect(replies(onRequest(candidate, request(write('x', 1)), ctx1)[1])[0].result).toEqual({ status: 'redirect' });
  });

  it('an unsupported operation certainly did not happen: fail at once', () => {
    const state = frozen(leaderWith({ currentTerm: 2, log: logOf(2) }));
    const [next, effects] = onRequest(state, request({ f: 'cas', key: 'x', value: 3 }), ctx1);
    expect(next).toBe(state);
    expect(replies(effects)[0].result).toMatchObject({ status: 'fail' });
  });

  it('a deposed leader keeps pending requests: ok if the entry commits after all', () => {
    const leader = frozen(leaderWith({ currentTerm: 2, log: logOf(2), commitIndex: 1, lastApplied: 1 }));
    const [withRequest] = onRequest(leader, request(write('x', 8), 4), ctx1);
    const [deposed, stepDown] = raft.onMessage(withRequest, 'n2', { type: 'AppendEntries', term: 3, leaderId: 'n2', prevLogIndex: 2, prevLogTerm: 2, entries: [{ term: 3, command: null }], leaderCommit: 0 }, ctx1);
    expect(deposed.role).toBe('follower');
    expect(replies(stepDown)).toEqual([]); // it may still commit: no answer yet
    const [later, effects] = raft.onMessage(deposed, 'n2', { type: 'AppendEntries', term: 3, leaderId: 'n2', prevLogIndex: 3, prevLogTerm: 3, entries: [], leaderCommit: 3 }, ctx1);
    expect(later.pending).toEqual([]);
    expect(replies(effects)).toEqual([{ to: 'c1', requestId: 4, result: { status: 'ok', value: 8 } }]);
  });

  it('a deposed leader answers fail once another entry is committed at its request index', () => {
    const leader = frozen(leaderWith({ currentTerm: 2, log: logOf(2), commitIndex: 1, lastApplied: 1 }));
    const [withRequest] = onRequest(leader, request(write('x', 8), 4), ctx1);
    const replacement = [{ term: 3, command: null }];
    const [deposed, effects] = raft.onMessage(withRequest, 'n2', { type: 'AppendEntries', term: 3, leaderId: 'n2', prevLogIndex: 1, prevLogTerm: 2, entries: replacement, leaderCommit: 2 }, ctx1);
    expect(deposed.log[1]).toEqual({ term: 3, command: null });
    expect(replies(effects)).toEqual([{ to: 'c1', requestId: 4, result: { status: 'fail', error: expect.any(String) } }]);
  });
});

describe('Raft Figure 2 persistence', () => {
  it('persists currentTerm, votedFor and the log only', () => {
    const state = frozen(leaderWith({ currentTerm: 4, log: logOf(1, 4), commitIndex: 2, lastApplied: 2, machine: { x: 2 } }));
    expect(raft.persisted(state)).toEqual({ currentTerm: 4, votedFor: 'n1', log: state.log });
  });

  it('recovers as a follower with an empty state machine, then re-applies once it learns the commit index', () => {
    const saved = { currentTerm: 4, votedFor: 'n1', log: logOf(1, 4) };
    const [state, effects] = raft.recover(saved, context('n2'));
    expect(state).toMatchObject({ role: 'follower', currentTerm: 4, votedFor: 'n1', log: saved.log, commitIndex: 0, lastApplied: 0, machine: {}, pending: [], leaderId: null });
    expect(effects).toEqual([{ kind: 'set-timer', timer: 'election', range: { minMs: 150, maxMs: 300 } }]);
    const [caughtUp] = raft.onMessage(state, 'n1', { type: 'AppendEntries', term: 4, leaderId: 'n1', prevLogIndex: 2, prevLogTerm: 4, entries: [], leaderCommit: 2 }, context('n2'));
    expect(caughtUp).toMatchObject({ commitIndex: 2, lastApplied: 2, machine: { x: 2 } });
  });

  it('a recovered node keeps its vote: no second vote in the same term', () => {
    const [state] = raft.recover({ currentTerm: 4, votedFor: 'n3', log: [] }, context('n2'));
    const [, effects] = raft.onMessage(state, 'n1', { type: 'RequestVote', term: 4, candidateId: 'n1', lastLogIndex: 0, lastLogTerm: 0 }, context('n2'));
    expect(effects[0]).toMatchObject({ message: { voteGranted: false } });
  });
});
