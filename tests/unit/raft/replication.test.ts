// Paper-mapped tests for log replication (Raft §5.3, Figure 2 AppendEntries), handlers driven directly.
import { describe, expect, it } from 'vitest';
import { onRequest, raft } from '../../../src/protocols/raft';
import type { LogEntry } from '../../../src/protocols/raft/types';
import { context, frozen, leaderWith, logOf, notes, request, sends, stateWith, timersSet, write } from './helpers';

const ctx2 = context('n2');
const ctx1 = context('n1');

function append(term: number, prevLogIndex: number, prevLogTerm: number, entries: LogEntry[], leaderCommit = 0) {
  return { type: 'AppendEntries', term, leaderId: 'n1', prevLogIndex, prevLogTerm, entries, leaderCommit };
}

describe('Raft §5.3 AppendEntries receiver', () => {
  it('appends new entries, resets the election timer and answers with its match index', () => {
    const state = frozen(stateWith({ currentTerm: 2, log: logOf(1) }));
    const entries = [{ term: 2, command: write('y', 1) }];
    const [next, effects] = raft.onMessage(state, 'n1', append(2, 1, 1, entries), ctx2);
    expect(next.log).toEqual([...state.log, ...entries]);
    expect(next.leaderId).toBe('n1');
    expect(timersSet(effects)).toEqual(['election']);
    expect(sends(effects)).toEqual([{ to: 'n1', message: { type: 'AppendEntriesReply', term: 2, success: true, matchIndex: 2 } }]);
  });

  it('rejects when it lacks prevLogIndex, hinting its log length', () => {
    const state = frozen(stateWith({ currentTerm: 2, log: logOf(1) }));
    const [next, effects] = raft.onMessage(state, 'n1', append(2, 3, 2, []), ctx2);
    expect(next.log).toBe(state.log);
    expect(sends(effects)[0].message).toMatchObject({ success: false, rejectIndex: 3, conflictIndex: 2 });
    expect(sends(effects)[0].message.conflictTerm).toBeUndefined();
  });

  it('rejects when the term at prevLogIndex differs, hinting the conflicting term and its first index', () => {
    const state = frozen(stateWith({ currentTerm: 3, log: logOf(1, 2, 2, 2) }));
    const [next, effects] = raft.onMessage(state, 'n1', append(3, 4, 3, []), ctx2);
    expect(next.log).toBe(state.log);
    expect(sends(effects)[0].message).toMatchObject({ success: false, rejectIndex: 4, conflictTerm: 2, conflictIndex: 2 });
  });

  it('deletes a conflicting entry and all that follow it, then appends', () => {
    const state = frozen(stateWith({ currentTerm: 3, log: logOf(1, 2, 2, 2) }));
    const entries = [{ term: 3, command: write('z', 9) }];
    const [next, effects] = raft.onMessage(state, 'n1', append(3, 1, 1, entries), ctx2);
    expect(next.log).toEqual([state.log[0], entries[0]]);
    expect(notes(effects)).toEqual(['log-truncated']);
    expect(sends(effects)[0].message).toMatchObject({ success: true, matchIndex: 2 });
  });

  it('skips entries it already has and never truncates on a stale, shorter message', () => {
    const state = frozen(stateWith({ currentTerm: 2, log: logOf(1, 2, 2) }));
    const [next, effects] = raft.onMessage(state, 'n1', append(2, 1, 1, [state.log[1]]), ctx2);
    expect(next.log).toBe(state.log); // not even copied
    expect(notes(effects)).toEqual([]);
    expect(sends(effects)[0].message).toMatchObject({ success: true, matchIndex: 2 });
  });

  it('a heartbeat does not copy the log', () => {
    const state = frozen(stateWith({ currentTerm: 2, leaderId: 'n1', log: logOf(1, 2) }));
    const [next] = raft.onMessage(state, 'n1', append(2, 2, 2, []), ctx2);
    expect(next).toBe(state);
  });
});

describe('Raft §5.3 leader bookkeeping', () => {
  it('a leader with a follower behind sends at most maxEntriesPerAppend entries from its nextIndex', () => {
    const ctx = context('n1', 3, { maxEntriesPerAppend: 2 });
    const state = frozen(leaderWith({ currentTerm: 2, log: logOf(1, 1, 1, 2, 2), nextIndex: { n2: 2, n3: 6 }, matchIndex: { n2: 0, n3: 5 } }));
    const [, effects] = raft.onTimer(state, 'heartbeat', ctx);
    const [toN2, toN3] = sends(effects, 'AppendEntries');
    expect(toN2.message).toMatchObject({ prevLogIndex: 1, prevLogTerm: 1, entries: state.log.slice(1, 3) });
    expect(toN3.message).toMatchObject({ prevLogIndex: 5, prevLogTerm: 2, entries: [] });
  });

  it('on success advances matchIndex and nextIndex, and sends more if the follower is still behind', () => {
    const ctx = context('n1', 3, { maxEntriesPerAppend: 2 });
    const state = frozen(leaderWith({ currentTerm: 2, log: logOf(2, 2, 2, 2), nextIndex: { n2: 1, n3: 5 }, matchIndex: { n2: 0, n3: 4 } }));
    const [next, effects] = raft.onMessage(state, 'n2', { type: 'AppendEntriesReply', term: 2, success: true, matchIndex: 2 }, ctx);
    expect(next.matchIndex.n2).toBe(2);
    expect(next.nextIndex.n2).toBe(3);
    expect(sends(effects, 'AppendEntries')).toEqual([{ to: 'n2', message: expect.objectContaining({ prevLogIndex: 2, entries: state.log.slice(2, 4) }) }]);
    // a reordered, older success changes nothing
    const [again, none] = raft.onMessage(next, 'n2', { type: 'AppendEntriesReply', term: 2, success: true, matchIndex: 1 }, ctx);
    expect(again).toBe(next);
    expect(none).toEqual([]);
  });

  it('decrements nextIndex on a rejection without a hint, and retries at once', () => {
    const state = frozen(leaderWith({ currentTerm: 3, log: logOf(1, 1, 3) }));
    const [next, effects] = raft.onMessage(state, 'n2', { type: 'AppendEntriesReply', term: 3, success: false, matchIndex: 0, rejectIndex: 3 }, ctx1);
    expect(next.nextIndex.n2).toBe(3);
    expect(sends(effects)).toEqual([{ to: 'n2', message: expect.objectContaining({ type: 'AppendEntries', prevLogIndex: 2, prevLogTerm: 1, entries: [state.log[2]] }) }]);
  });

  it('jumps back using the hint: past the follower log end, or over a whole conflicting term', () => {
    const state = frozen(leaderWith({ currentTerm: 4, log: logOf(1, 1, 2, 2, 4, 4) }));
    const short = raft.onMessage(state, 'n2', { type: 'AppendEntriesReply', term: 4, success: false, matchIndex: 0, rejectIndex: 6, conflictIndex: 3 }, ctx1)[0];
    expect(short.nextIndex.n2).toBe(3);
    // follower has term 3 entries from index 4, which the leader lacks: go to its first index
    const unknownTerm = raft.onMessage(state, 'n2', { type: 'AppendEntriesReply', term: 4, success: false, matchIndex: 0, rejectIndex: 6, conflictIndex: 4, conflictTerm: 3 }, ctx1)[0];
    expect(unknownTerm.nextIndex.n2).toBe(4);
    // follower has term 2 at the probe, which the leader has up to index 4: resume after it
    const knownTerm = raft.onMessage(state, 'n2', { type: 'AppendEntriesReply', term: 4, success: false, matchIndex: 0, rejectIndex: 6, conflictIndex: 3, conflictTerm: 2 }, ctx1)[0];
    expect(knownTerm.nextIndex.n2).toBe(5);
  });

  it('ignores stale rejections (not the latest probe, or at or below matchIndex)', () => {
    const state = frozen(leaderWith({ currentTerm: 3, log: logOf(1, 1, 3), nextIndex: { n2: 3, n3: 4 }, matchIndex: { n2: 2, n3: 0 } }));
    const [next, effects] = raft.onMessage(state, 'n3', { type: 'AppendEntriesReply', term: 3, success: false, matchIndex: 0, rejectIndex: 1 }, ctx1);
    expect(next).toBe(state);
    expect(effects).toEqual([]);
    const [below] = raft.onMessage(state, 'n2', { type: 'AppendEntriesReply', term: 3, success: false, matchIndex: 0, rejectIndex: 2 }, ctx1);
    expect(below).toBe(state);
  });

  it('a client request is appended in the leader term and sent to every peer at once', () => {
    const state = frozen(leaderWith({ currentTerm: 2, log: logOf(2) }));
    const [next, effects] = onRequest(state, request(write('x', 3), 7), ctx1);
    expect(next.log).toEqual([...state.log, { term: 2, command: write('x', 3), request: { client: 'c1', requestId: 7 } }]);
    expect(next.pending).toEqual([{ index: 2, term: 2, client: 'c1', requestId: 7 }]);
    expect(sends(effects, 'AppendEntries')).toHaveLength(2);
    expect(sends(effects, 'AppendEntries')[0].message.entries).toHaveLength(1);
  });

  it('Raft §8: a request that reaches the leader twice is appended once', () => {
    const state = frozen(leaderWith({ currentTerm: 2, log: logOf(2) }));
    const [once] = onRequest(state, request(write('x', 3), 7), ctx1);
    const [twice, effects] = onRequest(frozen(once), request(write('x', 3), 7), ctx1);
    expect(twice.log).toHaveLength(once.log.length);
    expect(twice.pending).toEqual(once.pending);
    expect(sends(effects, 'AppendEntries')).toHaveLength(0);
  });
});
