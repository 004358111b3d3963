// Raft as a library: a state machine Raft has never heard of (a counter) plugged into
// createRaft; Raft replicates its opaque commands, applies them once committed and answers the
// client with the machine's result, on the leader and on followers alike.
import { describe, expect, it } from 'vitest';
import type { Operation } from '../../../src/engine/types';
import { createRaft, type StateMachine } from '../../../src/protocols/raft';
import { context, frozen, leaderWith, replies, request, sends, stateWith } from './helpers';

/** A counter: `add n` adds n and answers the new total; `get` answers the total. */
const counter: StateMachine<number> = {
  init: () => 0,
  command: (op: Operation) => (op.f === 'add' && typeof op.value === 'number' ? { command: { add: op.value } } : op.f === 'get' ? { command: { get: true } } : { error: `counter cannot ${op.f}` }),
  apply: (total, command) => {
    const add = (command as { add?: number }).add;
    if (add === undefined) return { machine: total, result: { status: 'ok', value: total } };
    return { machine: total + add, result: { status: 'ok', value: total + add } };
  },
  isQuery: (command) => (command as { add?: number }).add === undefined,
  label: (command) => ((command as { add?: number }).add === undefined ? 'get' : `+${(command as { add: number }).add}`),
  key: (command) => JSON.stringify(command),
  describe: (total) => `total ${total}`,
};

const lib = createRaft({ machine: counter, id: 'counter-raft' });
const ctx1 = context('n1');

function counterLeader() {
  return frozen({ ...leaderWith({ currentTerm: 2, log: [{ term: 2, command: null }], commitIndex: 1, lastApplied: 1 }), machine: 10 });
}

describe('Raft replicating a counter', () => {
  it('starts every node with the machine’s own initial state', () => {
    const [state] = lib.protocol.init(ctx1);
    expect(state.machine).toBe(0);
    expect(lib.volatileState({ currentTerm: 3, votedFor: null, log: [] }).machine).toBe(0);
  });

  it('appends the command the machine made, commits it by majority and answers with the machine’s result', () => {
    let [state, effects] = lib.onRequest(counterLeader(), request({ f: 'add', value: 5 }, 7), ctx1);
    expect(state.log[1]).toEqual({ term: 2, command: { add: 5 }, request: { client: 'c1', requestId: 7 } });
    expect(sends(effects, 'AppendEntries').map((s) => s.to)).toEqual(['n2', 'n3']);
    expect(replies(effects)).toEqual([]); // not committed yet
    [state, effects] = lib.protocol.onMessage(frozen(state), 'n2', { type: 'AppendEntriesReply', term: 2, success: true, matchIndex: 2 }, ctx1);
    expect(state).toMatchObject({ commitIndex: 2, lastApplied: 2, machine: 15 });
    expect(replies(effects)).toEqual([{ to: 'c1', requestId: 7, result: { status: 'ok', value: 15 } }]);
  });

  it('a follower applies committed commands through the same machine', () => {
    const follower = frozen({ ...stateWith({ currentTerm: 2 }), machine: 0 });
    const entries = [{ term: 2, command: null }, { term: 2, command: { add: 3 } }, { term: 2, command: { add: 4 } }];
    const [state] = lib.protocol.onMessage(follower, 'n1', { type: 'AppendEntries', term: 2, leaderId: 'n1', prevLogIndex: 0, prevLogTerm: 0, entries, leaderCommit: 3 }, context('n2'));
    expect(state).toMatchObject({ commitIndex: 3, lastApplied: 3, machine: 7 });
  });

  it('refuses what the machine cannot turn into a command, with the machine’s reason', () => {
    const [state, effects] = lib.onRequest(counterLeader(), request({ f: 'write', key: 'x', value: 1 }, 8), ctx1);
    expect(state.log).toHaveLength(1);
    expect(replies(effects)).toEqual([{ to: 'c1', requestId: 8, result: { status: 'fail', error: 'counter cannot write' } }]);
  });

  it('labels the log and describes the machine in the view, and checks invariants with its keys', () => {
    const view = lib.view({ ...counterLeader(), log: [{ term: 2, command: null }, { term: 2, command: { add: 2 } }] });
    expect(view.log?.map((entry) => entry.label)).toEqual(['no-op', '+2']);
    expect(view.details.state).toBe('total 10');
    const logMatching = lib.invariants.find((invariant) => invariant.name === 'log-matching')!;
    const a = { ...counterLeader(), log: [{ term: 1, command: { add: 1 } }] };
    const b = { ...counterLeader(), log: [{ term: 1, command: { add: 2 } }] };
    const nodes = [{ id: 'n1', up: true, state: a }, { id: 'n2', up: true, state: b }];
    expect(logMatching.check(nodes, logMatching.initGhost(), null)).toMatch(/index 1 of term 1.*\+2 \(term 1\).*\{"add":1\}/);
  });
});
