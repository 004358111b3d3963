// Paper-mapped tests for leader election (Raft §5.1, §5.2, §5.4.1), driving the handlers directly.
import { describe, expect, it } from 'vitest';
import { labById } from '../../../src/labs/registry';
import { ELECTION_TIMER, raft } from '../../../src/protocols/raft';
import { context, frozen, leaderWith, logOf, notes, sends, stateWith, timersCancelled, timersSet } from './helpers';

const ctx1 = context('n1');

describe('Raft §5.1 terms', () => {
  it('a follower adopts a higher term from any message and clears its vote', () => {
    const state = frozen(stateWith({ currentTerm: 2, votedFor: 'n3' }));
    const [next] = raft.onMessage(state, 'n2', { type: 'AppendEntries', term: 5, leaderId: 'n2', prevLogIndex: 0, prevLogTerm: 0, entries: [], leaderCommit: 0 }, ctx1);
    expect(next.currentTerm).toBe(5);
    expect(next.votedFor).toBeNull();
    expect(next.leaderId).toBe('n2');
    expect(next.role).toBe('follower');
  });

  it('a candidate that sees a higher term in a vote reply becomes follower', () => {
    const state = frozen(stateWith({ role: 'candidate', currentTerm: 3, votedFor: 'n1', votes: ['n1'] }));
    const [next, effects] = raft.onMessage(state, 'n2', { type: 'RequestVoteReply', term: 4, voteGranted: false }, ctx1);
    expect(next.role).toBe('follower');
    expect(next.currentTerm).toBe(4);
    expect(notes(effects)).toContain('stepped-down');
  });

  it('a leader steps down on a higher term, stops heartbeats and restarts its election timer', () => {
    const state = frozen(leaderWith({ currentTerm: 2, log: logOf(1, 2) }));
    const [next, effects] = raft.onMessage(state, 'n3', { type: 'RequestVote', term: 3, candidateId: 'n3', lastLogIndex: 2, lastLogTerm: 2 }, ctx1);
    expect(next.role).toBe('follower');
    expect(next.currentTerm).toBe(3);
    expect(timersCancelled(effects)).toContain('heartbeat');
    expect(timersSet(effects)).toContain('election');
    expect(notes(effects)).toContain('stepped-down');
    // and, in the new term, it grants the vote to the up-to-date candidate
    expect(next.votedFor).toBe('n3');
    expect(sends(effects, 'RequestVoteReply')[0].message).toMatchObject({ term: 3, voteGranted: true });
  });

  it('a request of a stale term is refused with the current term', () => {
    const state = frozen(stateWith({ currentTerm: 5 }));
    const [next, effects] = raft.onMessage(state, 'n2', { type: 'AppendEntries', term: 4, leaderId: 'n2', prevLogIndex: 0, prevLogTerm: 0, entries: [], leaderCommit: 0 }, ctx1);
    expect(next).toBe(state);
    expect(sends(effects)).toEqual([{ to: 'n2', message: expect.objectContaining({ type: 'AppendEntriesReply', term: 5, success: false }) }]);
    const [, voteEffects] = raft.onMessage(state, 'n3', { type: 'RequestVote', term: 4, candidateId: 'n3', lastLogIndex: 9, lastLogTerm: 4 }, ctx1);
    expect(sends(voteEffects)[0].message).toMatchObject({ type: 'RequestVoteReply', term: 5, voteGranted: false });
  });

  it('a stale reply is ignored', () => {
    const state = frozen(stateWith({ role: 'candidate', currentTerm: 5, votedFor: 'n1', votes: ['n1'] }));
    const [next, effects] = raft.onMessage(state, 'n2', { type: 'RequestVoteReply', term: 4, voteGranted: true }, ctx1);
    expect(next).toBe(state);
    expect(effects).toEqual([]);
  });
});

describe('Raft §5.2 leader election', () => {
  it('init starts a follower in term 0 with an election timer of the configured range', () => {
    const [state, effects] = raft.init(context('n1', 3, { electionTimeoutMs: [200, 400] }));
    expect(state).toMatchObject({ role: 'follower', currentTerm: 0, votedFor: null, log: [], commitIndex: 0 });
    expect(effects).toEqual([{ kind: 'set-timer', timer: 'election', range: { minMs: 200, maxMs: 400 } }]);
    // The timer the `timeout` fault fires early is Raft's election timer, in the labs that run Raft.
    expect(ELECTION_TIMER).toBe('election');
    expect(labById('raft').system.timeoutTimer).toBe('election');
    expect(labById('cap').system.timeoutTimer).toBe('election');
  });

  it('a follower that times out becomes candidate: term+1, votes for itself, resets its timer, asks every peer', () => {
    const state = frozen(stateWith({ currentTerm: 1, log: logOf(1, 1) }));
    const ctx = context('n1', 5);
    const [next, effects] = raft.onTimer(state, 'election', ctx);
    expect(next).toMatchObject({ role: 'candidate', currentTerm: 2, votedFor: 'n1', votes: ['n1'], leaderId: null });
    expect(timersSet(effects)).toEqual(['election']);
    expect(notes(effects)).toEqual(['became-candidate']);
    const votes = sends(effects, 'RequestVote');
    expect(votes.map((sent) => sent.to)).toEqual(['n2', 'n3', 'n4', 'n5']);
    for (const sent of votes) expect(sent.message).toEqual({ type: 'RequestVote', term: 2, candidateId: 'n1', lastLogIndex: 2, lastLogTerm: 1 });
  });

  it('a candidate that times out starts a new election in the next term', () => {
    const state = frozen(stateWith({ role: 'candidate', currentTerm: 2, votedFor: 'n1', votes: ['n1'] }));
    const [next, effects] = raft.onTimer(state, 'election', ctx1);
    expect(next.currentTerm).toBe(3);
    expect(sends(effects, 'RequestVote')).toHaveLength(2);
  });

  it('a leader ignores the election timer', () => {
    const state = frozen(leaderWith({ currentTerm: 2, log: logOf(2) }));
    expect(raft.onTimer(state, 'election', ctx1)).toEqual([state, []]);
  });

  it('a vote is granted at most once per term (first come, first served)', () => {
    const state = frozen(stateWith({ currentTerm: 1 }));
    const ask = (from: string) => ({ type: 'RequestVote', term: 2, candidateId: from, lastLogIndex: 0, lastLogTerm: 0 });
    const [afterFirst, first] = raft.onMessage(state, 'n2', ask('n2'), ctx1);
    expect(afterFirst.votedFor).toBe('n2');
    expect(sends(first)[0].message).toMatchObject({ voteGranted: true, term: 2 });
    expect(timersSet(first)).toContain('election');
    const [afterSecond, second] = raft.onMessage(afterFirst, 'n3', ask('n3'), ctx1);
    expect(afterSecond.votedFor).toBe('n2');
    expect(sends(second)[0].message).toMatchObject({ voteGranted: false, term: 2 });
    expect(timersSet(second)).toEqual([]);
    // a retransmitted request from the same candidate is granted again
    const [, again] = raft.onMessage(afterSecond, 'n2', ask('n2'), ctx1);
    expect(sends(again)[0].message).toMatchObject({ voteGranted: true });
  });

  it('a candidate or leader refuses votes to others in its own term', () => {
    const candidate = frozen(stateWith({ role: 'candidate', currentTerm: 2, votedFor: 'n1', votes: ['n1'] }));
    const [, effects] = raft.onMessage(candidate, 'n2', { type: 'RequestVote', term: 2, candidateId: 'n2', lastLogIndex: 5, lastLogTerm: 2 }, ctx1);
    expect(sends(effects)[0].message).toMatchObject({ voteGranted: false });
  });

  it('a candidate with a majority becomes leader, sends the no-op to every peer and starts heartbeats', () => {
    const ctx = context('n1', 5);
    const state = frozen(stateWith({ role: 'candidate', currentTerm: 3, votedFor: 'n1', votes: ['n1'], log: logOf(1, 2) }));
    const grant = { type: 'RequestVoteReply', term: 3, voteGranted: true };
    const [two, first] = raft.onMessage(state, 'n2', grant, ctx);
    expect(two.role).toBe('candidate');
    expect(first).toEqual([]);
    const [duplicate] = raft.onMessage(two, 'n2', grant, ctx);
    expect(duplicate.role).toBe('candidate'); // the same voter twice is one vote
    const [leader, effects] = raft.onMessage(two, 'n4', grant, ctx);
    expect(leader).toMatchObject({ role: 'leader', leaderId: 'n1', currentTerm: 3 });
    expect(leader.log).toEqual([...state.log, { term: 3, command: null }]);
    expect(leader.nextIndex).toEqual({ n2: 3, n3: 3, n4: 3, n5: 3 });
    expect(leader.matchIndex).toEqual({ n2: 0, n3: 0, n4: 0, n5: 0 });
    expect(notes(effects)).toContain('became-leader');
    expect(timersCancelled(effects)).toEqual(['election']);
    expect(timersSet(effects)).toEqual(['heartbeat']);
    const appends = sends(effects, 'AppendEntries');
    expect(appends.map((sent) => sent.to)).toEqual(['n2', 'n3', 'n4', 'n5']);
    expect(appends[0].message).toEqual({ type: 'AppendEntries', term: 3, leaderId: 'n1', prevLogIndex: 2, prevLogTerm: 2, entries: [{ term: 3, command: null }], leaderCommit: 0 });
  });

  it('refused votes do not count', () => {
    const state = frozen(stateWith({ role: 'candidate', currentTerm: 3, votedFor: 'n1', votes: ['n1'] }));
    const [next] = raft.onMessage(state, 'n2', { type: 'RequestVoteReply', term: 3, voteGranted: false }, ctx1);
    expect(next.role).toBe('candidate');
    expect(next.votes).toEqual(['n1']);
  });

  it('a candidate that hears from a leader of its term becomes follower', () => {
    const state = frozen(stateWith({ role: 'candidate', currentTerm: 3, votedFor: 'n1', votes: ['n1'] }));
    const [next, effects] = raft.onMessage(state, 'n2', { type: 'AppendEntries', term: 3, leaderId: 'n2', prevLogIndex: 0, prevLogTerm: 0, entries: [], leaderCommit: 0 }, ctx1);
    expect(next).toMatchObject({ role: 'follower', currentTerm: 3, leaderId: 'n2', votedFor: 'n1' });
    expect(sends(effects)[0].message).toMatchObject({ type: 'AppendEntriesReply', success: true });
  });

  it('a single-node cluster elects itself at once', () => {
    const ctx = context('n1', 1);
    const [state] = raft.init(ctx);
    const [leader] = raft.onTimer(state, 'election', ctx);
    expect(leader.role).toBe('leader');
    expect(leader.commitIndex).toBe(1); // its no-op is committed by itself
  });

  it('a leader heartbeat sends AppendEntries to every peer and re-arms', () => {
    const state = frozen(leaderWith({ currentTerm: 2, log: logOf(2), commitIndex: 1 }));
    const [next, effects] = raft.onTimer(state, 'heartbeat', context('n1', 3, { heartbeatMs: 70 }));
    expect(next).toBe(state);
    expect(sends(effects, 'AppendEntries').map((sent) => sent.message)).toEqual([
      { type: 'AppendEntries', term: 2, leaderId: 'n1', prevLogIndex: 1, prevLogTerm: 2, entries: [], leaderCommit: 1 },
      { type: 'AppendEntries', term: 2, leaderId: 'n1', prevLogIndex: 1, prevLogTerm: 2, entries: [], leaderCommit: 1 },
    ]);
    expect(effects).toContainEqual({ kind: 'set-timer', timer: 'heartbeat', range: { minMs: 70, maxMs: 70 } });
  });
});

describe('Raft §5.4.1 election restriction', () => {
  const voter = frozen(stateWith({ currentTerm: 2, log: logOf(1, 2, 2) }));
  const ask = (lastLogIndex: number, lastLogTerm: number) => ({ type: 'RequestVote', term: 3, candidateId: 'n2', lastLogIndex, lastLogTerm });
  const granted = (lastLogIndex: number, lastLogTerm: number) =>
    sends(raft.onMessage(voter, 'n2', ask(lastLogIndex, lastLogTerm), ctx1)[1])[0].message.voteGranted;

  it('refuses a candidate whose last term is lower, even with a longer log', () => {
    expect(granted(9, 1)).toBe(false);
  });
  it('refuses a candidate with the same last term and a shorter log', () => {
    expect(granted(2, 2)).toBe(false);
  });
  it('grants a candidate with the same last term and an equal or longer log', () => {
    expect(granted(3, 2)).toBe(true);
    expect(granted(4, 2)).toBe(true);
  });
  it('grants a candidate with a higher last term, even with a shorter log', () => {
    expect(granted(1, 3)).toBe(true);
  });
  it('a refused higher-term candidate still moves the voter to its term without a vote', () => {
    const [next] = raft.onMessage(voter, 'n2', ask(1, 1), ctx1);
    expect(next).toMatchObject({ currentTerm: 3, votedFor: null });
  });
});
