// The node view for the stage and inspector, and currentLeader for "leader" in actions.
import { describe, expect, it } from 'vitest';
import { currentLeader, raft } from '../../../src/protocols/raft';
import { VIEW_LOG_LIMIT } from '../../../src/protocols/raft/view';
import { leaderWith, logOf, stateWith, write } from './helpers';

describe('view', () => {
  it('shows a follower that voted, its log with labels and committed marks, and details', () => {
    const state = stateWith({
      currentTerm: 3,
      votedFor: 'n2',
      leaderId: 'n2',
      log: [{ term: 1, command: null }, { term: 2, command: write('x', 3) }, { term: 3, command: { f: 'cas', key: 'x', value: [3, 4] } }, { term: 3, command: { f: 'read', key: 'x' } }],
      commitIndex: 2,
      lastApplied: 2,
      machine: { x: 3, name: 'ada' },
    });
    expect(raft.view(state)).toEqual({
      role: 'follower',
      term: 3,
      summary: 'voted n2',
      commitIndex: 2,
      log: [
        { term: 1, index: 1, label: 'no-op', committed: true },
        { term: 2, index: 2, label: 'x←3', committed: true },
        { term: 3, index: 3, label: 'x: 3→4', committed: false },
        { term: 3, index: 4, label: 'read x', committed: false },
      ],
      details: { role: 'follower', term: 3, votedFor: 'n2', leader: 'n2', commitIndex: 2, lastApplied: 2, logLength: 4, state: 'name="ada", x=3', pending: 0 },
    });
  });

  it('summarises leaders, candidates and followers', () => {
    expect(raft.view(leaderWith({ currentTerm: 2, log: logOf(2) })).summary).toBe('leader');
    expect(raft.view(stateWith({ role: 'candidate', votes: ['n1', 'n3'] })).summary).toBe('candidate, 2 votes');
    expect(raft.view(stateWith({ leaderId: 'n4' })).summary).toBe('follows n4');
    expect(raft.view(stateWith()).summary).toBe('follower');
  });

  it('shows only the newest entries of a long log', () => {
    const view = raft.view(stateWith({ log: logOf(...new Array(100).fill(1)) }));
    expect(view.log).toHaveLength(VIEW_LOG_LIMIT);
    expect(view.log?.at(-1)?.index).toBe(100);
    expect(view.details.logLength).toBe(100);
  });

  it('is structured-cloneable', () => {
    const view = raft.view(stateWith({ log: logOf(1), machine: { x: [1, 2] } }));
    expect(structuredClone(view)).toEqual(view);
  });
});

describe('currentLeader', () => {
  it('is the up leader with the highest term, ignoring crashed nodes', () => {
    const stale = leaderWith({ currentTerm: 2, log: logOf(2) });
    const fresh = leaderWith({ currentTerm: 3, log: logOf(2, 3) }, 3, 'n3');
    expect(currentLeader([{ id: 'n1', up: true, state: stale }, { id: 'n2', up: true, state: stateWith() }, { id: 'n3', up: true, state: fresh }])).toBe('n3');
    expect(currentLeader([{ id: 'n1', up: true, state: stale }, { id: 'n3', up: false, state: null }])).toBe('n1');
    expect(currentLeader([{ id: 'n2', up: true, state: stateWith() }])).toBeNull();
  });
});
