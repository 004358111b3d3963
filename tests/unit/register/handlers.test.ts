// The register's handlers one call at a time: AP served locally with LWW, anti-entropy, mode
// switches, CP through the log with stamped entries, duplicates, crash recovery and the view.
import { describe, expect, it } from 'vitest';
import type { Effect, Message, Operation } from '../../../src/engine/types';
import { currentLeader, register, replicaValues, type RegisterState } from '../../../src/protocols/register';
import { onRequest } from '../../../src/protocols/register/register';
import { syncCommand } from '../../../src/protocols/register/machine';
import { context, frozen, replies, request, sends } from './helpers';

const AP = { mode: 'ap', antiEntropyMs: 100 };
const CP = { mode: 'cp' };

function started(id: string, params: Record<string, unknown>, clockMs = 0): [RegisterState, Effect[]] {
  return register.init(context(id, 3, params, clockMs));
}

function ask(state: RegisterState, op: Operation, clockMs = 0, id = 'n1', params: Record<string, unknown> = AP, requestId = 1) {
  return onRequest(frozen(state), request(op, requestId), context(id, 3, params, clockMs));
}

/** n1 as the leader of term 1 in a 3-node CP cluster, its no-op committed and applied. */
function cpLeader(params: Record<string, unknown> = CP): RegisterState {
  const ctx = context('n1', 3, params);
  let [state] = register.init(ctx);
  [state] = register.onTimer(state, 'election', ctx);
  [state] = register.onMessage(state, 'n2', { type: 'RequestVoteReply', term: 1, voteGranted: true }, ctx);
  [state] = register.onMessage(state, 'n2', { type: 'AppendEntriesReply', term: 1, success: true, matchIndex: 1 }, ctx);
  expect(state.raft).toMatchObject({ role: 'leader', commitIndex: 1, lastApplied: 1 });
  return state;
}

describe('AP: each node serves from its own copy', () => {
  it('starts anti-entropy in AP only', () => {
    const [, apEffects] = started('n1', AP);
    const [, cpEffects] = started('n1', CP);
    expect(apEffects).toContainEqual({ kind: 'set-timer', timer: 'anti-entropy', range: { minMs: 100, maxMs: 150 } });
    expect(cpEffects.some((effect) => effect.kind === 'set-timer' && effect.timer === 'anti-entropy')).toBe(false);
  });

  it('answers reads, writes and cas at once with mode ap, stamping writes with its clock', () => {
    let [state] = started('n2', AP);
    let effects: Effect[];
    [state, effects] = ask(state, { f: 'write', key: 'x', value: 3 }, 500, 'n2');
    expect(replies(effects)[0].result).toEqual({ status: 'ok', value: 3, mode: 'ap' });
    expect(state.raft.machine.store).toEqual({ x: 3 });
    expect(state.raft.machine.stamps.x).toEqual({ ms: 500, node: 'n2', seq: 1 });
    [state, effects] = ask(state, { f: 'read', key: 'x' }, 501, 'n2');
    expect(replies(effects)[0].result).toEqual({ status: 'ok', value: 3, mode: 'ap' });
    [state, effects] = ask(state, { f: 'cas', key: 'x', value: [2, 9] }, 502, 'n2');
    expect(replies(effects)[0].result).toEqual({ status: 'ok', value: false, mode: 'ap' });
    [state, effects] = ask(state, { f: 'cas', key: 'x', value: [3, 9] }, 503, 'n2');
    expect(replies(effects)[0].result).toEqual({ status: 'ok', value: true, mode: 'ap' });
    expect(state.raft.machine.store).toEqual({ x: 9 });
    expect(state.raft.log).toEqual([]); // AP never touches the Raft log
    [, effects] = ask(state, { f: 'read', key: 'y' }, 504, 'n2');
    expect(replies(effects)[0].result).toEqual({ status: 'ok', value: null, mode: 'ap' });
  });

  it('loses a write stamped by a clock behind the stamp it holds (acknowledged, yet lost)', () => {
    let [state] = started('n1', AP);
    [state] = register.onMessage(state, 'n2', { type: 'AntiEntropy', store: { x: 1 }, stamps: { x: { ms: 1000, node: 'n2', seq: 1 } } }, context('n1', 3, AP));
    const [next, effects] = ask(state, { f: 'write', key: 'x', value: 2 }, 400);
    expect(replies(effects)[0].result).toEqual({ status: 'ok', value: 2, mode: 'ap' });
    expect(next.raft.machine.store).toEqual({ x: 1 });
  });

  it('gossips its whole store on the anti-entropy timer and merges by last writer wins', () => {
    const ctx = context('n1', 3, AP);
    let [state] = started('n1', AP);
    [state] = ask(state, { f: 'write', key: 'x', value: 1 }, 100);
    const [, effects] = register.onTimer(frozen(state), 'anti-entropy', ctx);
    const gossip = sends(effects, 'AntiEntropy');
    expect(gossip.map((effect) => effect.to)).toEqual(['n2', 'n3']);
    expect(gossip[0].message).toMatchObject({ store: { x: 1 }, stamps: { x: { ms: 100, node: 'n1', seq: 1 } }, mode: 'ap', modeEpoch: 0 });
    expect(effects.some((effect) => effect.kind === 'set-timer' && effect.timer === 'anti-entropy')).toBe(true);

    const older: Message = { type: 'AntiEntropy', store: { x: 7, y: 8 }, stamps: { x: { ms: 99, node: 'n3', seq: 5 }, y: { ms: 1, node: 'n3', seq: 6 } } };
    const [merged] = register.onMessage(frozen(state), 'n3', older, ctx);
    expect(merged.raft.machine.store).toEqual({ x: 1, y: 8 });
    const tie: Message = { type: 'AntiEntropy', store: { x: 5 }, stamps: { x: { ms: 100, node: 'n2', seq: 1 } } };
    expect(register.onMessage(frozen(state), 'n2', tie, ctx)[0].raft.machine.store).toEqual({ x: 5 }); // same ms: n2 > n1
  });

  it('ignores anti-entropy in CP and stops gossiping', () => {
    const ctx = context('n1', 3, CP);
    const [state] = started('n1', CP);
    const message: Message = { type: 'AntiEntropy', store: { x: 7 }, stamps: { x: { ms: 99, node: 'n3', seq: 5 } } };
    expect(register.onMessage(frozen(state), 'n3', message, ctx)[0]).toBe(state);
    expect(register.onTimer(state, 'anti-entropy', ctx)).toEqual([state, []]);
  });
});

describe('mode switches', () => {
  it('CP→AP starts anti-entropy and serves locally; AP→CP stops it', () => {
    const ctx = context('n2', 3, CP);
    let [state] = started('n2', CP);
    let effects: Effect[];
    [state, effects] = register.onControl!(state, { do: 'setMode', mode: 'ap' }, ctx);
    expect(state).toMatchObject({ mode: 'ap', modeEpoch: 1 });
    expect(effects.some((effect) => effect.kind === 'set-timer' && effect.timer === 'anti-entropy')).toBe(true);
    expect(effects.some((effect) => effect.kind === 'note' && effect.tag === 'mode')).toBe(true);
    [, effects] = ask(state, { f: 'read', key: 'x' }, 0, 'n2', CP);
    expect(replies(effects)[0].result).toEqual({ status: 'ok', value: null, mode: 'ap' });
    [state, effects] = register.onControl!(state, { do: 'setMode', mode: 'cp' }, ctx);
    expect(state).toMatchObject({ mode: 'cp', modeEpoch: 2 });
    expect(effects).toContainEqual({ kind: 'cancel-timer', timer: 'anti-entropy' });
    // The same mode again, an unknown mode or another control change nothing.
    expect(register.onControl!(state, { do: 'setMode', mode: 'cp' }, ctx)[0]).toBe(state);
    expect(register.onControl!(state, { do: 'setMode', mode: 'eventual' }, ctx)[0]).toBe(state);
    expect(register.onControl!(state, { do: 'other' }, ctx)[0]).toBe(state);
  });

  it('tags every message with its mode, and adopts a peer mode of a higher epoch', () => {
    const ctx = context('n3', 3, CP);
    const [state, effects] = register.onTimer(started('n3', CP)[0], 'election', ctx);
    expect(sends(effects, 'RequestVote')[0].message).toMatchObject({ mode: 'cp', modeEpoch: 0 });
    const heartbeat: Message = { type: 'AppendEntries', term: 5, leaderId: 'n1', prevLogIndex: 0, prevLogTerm: 0, entries: [], leaderCommit: 0, mode: 'ap', modeEpoch: 3 };
    const [next, out] = register.onMessage(frozen(state), 'n1', heartbeat, ctx);
    expect(next).toMatchObject({ mode: 'ap', modeEpoch: 3 });
    expect(next.raft).toMatchObject({ role: 'follower', currentTerm: 5, leaderId: 'n1' });
    expect(out.some((effect) => effect.kind === 'set-timer' && effect.timer === 'anti-entropy')).toBe(true);
    expect(sends(out, 'AppendEntriesReply')[0].message).toMatchObject({ mode: 'ap', modeEpoch: 3 });
    // A lower or equal epoch teaches nothing.
    const stale = { ...heartbeat, mode: 'cp', modeEpoch: 3 };
    expect(register.onMessage(next, 'n1', stale, ctx)[0].mode).toBe('ap');
  });
});

describe('CP: every operation through the Raft log', () => {
  it('a follower redirects like Raft', () => {
    const [state] = started('n2', CP);
    const [, effects] = ask(state, { f: 'read', key: 'x' }, 0, 'n2', CP);
    expect(replies(effects)[0].result).toEqual({ status: 'redirect' });
  });

  it('the leader appends stamped entries and answers once they are applied, with mode cp', () => {
    const ctx = context('n1', 3, CP);
    let state = cpLeader();
    let effects: Effect[];
    [state, effects] = onRequest(frozen(state), request({ f: 'write', key: 'x', value: 4 }, 7), { ...ctx, clockMs: 250 });
    expect(replies(effects)).toEqual([]);
    expect(state.raft.log[1]).toEqual({ term: 1, command: { op: { f: 'write', key: 'x', value: 4 }, stamp: { ms: 250, node: 'n1', seq: 1 } }, request: { client: 'c1', requestId: 7 } });
    [state, effects] = register.onMessage(frozen(state), 'n3', { type: 'AppendEntriesReply', term: 1, success: true, matchIndex: 2 }, ctx);
    expect(replies(effects)).toEqual([{ to: 'c1', requestId: 7, result: { status: 'ok', value: 4, mode: 'cp' } }]);
    expect(state.raft.machine.store).toEqual({ x: 4 });
    expect(state.raft.machine.stamps.x).toEqual({ ms: 250, node: 'n1', seq: 1 });
    [state, effects] = onRequest(state, request({ f: 'read', key: 'x' }, 8), ctx);
    expect(state.raft.log[2].command).toEqual({ op: { f: 'read', key: 'x' } }); // a read carries no stamp
    [, effects] = onRequest(state, request({ f: 'incr', key: 'x' } as never, 9), ctx);
    expect(replies(effects)[0].result).toMatchObject({ status: 'fail', mode: 'cp' });
  });

  it('never appends a duplicated request twice', () => {
    const ctx = context('n1', 3, CP);
    let state = cpLeader();
    [state] = onRequest(state, request({ f: 'cas', key: 'x', value: [null, 1] }, 7), ctx);
    const [again, effects] = onRequest(frozen(state), request({ f: 'cas', key: 'x', value: [null, 1] }, 7), ctx);
    expect(again).toBe(state);
    expect(effects).toEqual([]);
    // An entry of an earlier term is adopted: the leader answers when it is applied.
    const adopted = { ...state, raft: { ...state.raft, pending: [] } };
    const [next] = onRequest(frozen(adopted), request({ f: 'cas', key: 'x', value: [null, 1] }, 7), ctx);
    expect(next.raft.log).toHaveLength(2);
    expect(next.raft.pending).toEqual([{ index: 2, term: 1, client: 'c1', requestId: 7 }]);
  });

  it('after an AP period the leader appends a sync entry before serving', () => {
    const ctx = context('n1', 3, CP);
    let state = cpLeader();
    let effects: Effect[];
    [state] = register.onControl!(state, { do: 'setMode', mode: 'ap' }, ctx);
    [state] = onRequest(state, request({ f: 'write', key: 'x', value: 5 }, 3), { ...ctx, clockMs: 90 });
    [state, effects] = register.onControl!(frozen(state), { do: 'setMode', mode: 'cp' }, ctx);
    expect(state.raft.log).toHaveLength(2);
    expect(state.raft.log[1].command).toEqual(syncCommand({ x: 5 }, { x: { ms: 90, node: 'n1', seq: 1 } }, 2));
    expect(effects.some((effect) => effect.kind === 'note' && effect.tag === 'sync')).toBe(true);
    expect(sends(effects, 'AppendEntries')).toHaveLength(2);
    // Requests are accepted at once, after the sync entry in the log.
    [state] = onRequest(state, request({ f: 'read', key: 'x' }, 4), ctx);
    expect(state.raft.log).toHaveLength(3);
  });

  it('a leader whose log is not applied yet refuses until it can sync', () => {
    const ctx = context('n1', 3, CP);
    let state = cpLeader();
    [state] = onRequest(state, request({ f: 'write', key: 'x', value: 1 }, 2), ctx); // index 2, not committed
    [state] = register.onControl!(state, { do: 'setMode', mode: 'ap' }, ctx);
    [state] = register.onControl!(state, { do: 'setMode', mode: 'cp' }, ctx);
    expect(state.raft.log).toHaveLength(2); // not yet: its store does not reflect index 2
    const [, effects] = onRequest(state, request({ f: 'read', key: 'x' }, 3), ctx);
    expect(replies(effects)[0].result).toMatchObject({ status: 'fail', mode: 'cp' });
    const [synced] = register.onMessage(state, 'n2', { type: 'AppendEntriesReply', term: 1, success: true, matchIndex: 2 }, ctx);
    expect(synced.raft.lastApplied).toBe(2);
    expect(synced.raft.log).toHaveLength(3);
    expect(synced.raft.log[2].command).toMatchObject({ sync: { x: 1 }, epoch: 2 });
  });

  it('a follower applying a sync entry takes the leader store and stamps', () => {
    const ctx = context('n2', 3, CP);
    let [state] = started('n2', AP);
    [state] = ask(state, { f: 'write', key: 'x', value: 'mine' }, 10, 'n2');
    [state] = register.onControl!(state, { do: 'setMode', mode: 'cp' }, ctx);
    const stamps = { x: { ms: 5, node: 'n1', seq: 2 } };
    const entries = [{ term: 1, command: null }, { term: 1, command: syncCommand({ x: 'leader' }, stamps, 1) }];
    [state] = register.onMessage(state, 'n1', { type: 'AppendEntries', term: 1, leaderId: 'n1', prevLogIndex: 0, prevLogTerm: 0, entries, leaderCommit: 2 }, ctx);
    expect(state.raft.machine.store).toEqual({ x: 'leader' });
    expect(state.raft.machine.stamps).toEqual(stamps);
  });
});

describe('crash and recovery', () => {
  it('persists the store with the index it reflects, its stamps and its mode', () => {
    let state = cpLeader(AP);
    [state] = ask(state, { f: 'write', key: 'x', value: 2 }, 70);
    const saved = structuredClone(register.persisted(state));
    expect(saved).toMatchObject({ store: { x: 2 }, lastApplied: 1, mode: 'ap', modeEpoch: 0, writeSeq: 1 });
    const [recovered, effects] = register.recover(saved, context('n1', 3, CP));
    expect(recovered).toMatchObject({ mode: 'ap', writeSeq: 1 });
    expect(recovered.raft).toMatchObject({ role: 'follower', machine: { store: { x: 2 }, stamps: { x: { ms: 70, node: 'n1', seq: 1 } } }, lastApplied: 1, commitIndex: 1, currentTerm: 1 });
    expect(effects.some((effect) => effect.kind === 'set-timer' && effect.timer === 'anti-entropy')).toBe(true);
  });
});

describe('view and helpers', () => {
  it('shows the local value as summary, the mode and stamps in details, and labels sync entries', () => {
    const ctx = context('n1', 3, CP);
    let state = cpLeader();
    [state] = register.onControl!(state, { do: 'setMode', mode: 'ap' }, ctx);
    [state] = onRequest(state, request({ f: 'write', key: 'x', value: 3 }), { ...ctx, clockMs: 42 });
    let view = register.view(state);
    expect(view.summary).toBe('x=3');
    // In AP no node leads: the stage shows a replica, the details keep Raft's role.
    expect(view.role).toBe('replica');
    expect(view.details).toMatchObject({ role: 'leader', mode: 'AP', store: 'x=3', stamps: 'x@42·n1', term: 1 });
    [state] = register.onControl!(state, { do: 'setMode', mode: 'cp' }, ctx);
    view = register.view(state);
    expect(view.details.mode).toBe('CP');
    expect(view.log?.map((entry) => entry.label)).toEqual(['no-op', 'sync x=3']);
  });

  it('replicaValues gives each up node its store; currentLeader is Raft’s', () => {
    const leader = cpLeader();
    const [follower] = started('n2', CP);
    const nodes = [
      { id: 'n1', up: true, state: { ...leader, raft: { ...leader.raft, machine: { ...leader.raft.machine, store: { x: 1 } } } } },
      { id: 'n2', up: true, state: follower },
      { id: 'n3', up: false, state: null },
    ];
    expect(replicaValues(nodes)).toEqual({ n1: { x: 1 }, n2: {} });
    expect(currentLeader(nodes)).toBe('n1');
  });
});
