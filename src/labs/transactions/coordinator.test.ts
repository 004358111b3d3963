// The coordinator's rules: commit only on every yes; abort on a no or on silence; a saga's steps
// in order and its compensations in reverse; and on restart, what its log says: an undecided 2PC
// transaction is aborted (presumed abort), a decided one finished, a saga resumed.
import { describe, expect, it } from 'vitest';
import type { Effect } from '../../engine/types';
import { coordinatorMessage, coordinatorTimer, initCoordinator, LOG_WRITE_TIMER, persistCoordinator, recoverCoordinator, RETRY_TIMER, type CoordinatorState } from './coordinator';
import type { TxMessage } from './messages';
import { settingsFrom, TX_DEFAULTS, type TxSettings } from './params';
import { txContext } from './test-context';

const ctx = txContext('n1');

function begin(settings: Partial<TxSettings> = {}, log: 'durable' | 'memory' = 'durable'): [CoordinatorState, Effect[]] {
  const state = initCoordinator({ ...settingsFrom(TX_DEFAULTS), ...settings }, log);
  return coordinatorMessage(state, 'c1', { type: 'Transfer', req: 1, from: 0, amount: 30 }, ctx);
}

function deliver(state: CoordinatorState, from: string, message: TxMessage): [CoordinatorState, Effect[]] {
  return coordinatorMessage(state, from, message, ctx);
}

function sends(effects: Effect[]): { to: string; type: string }[] {
  return effects.flatMap((effect) => (effect.kind === 'send' ? [{ to: effect.to, type: effect.message.type }] : []));
}

const PARTICIPANTS = ['n2', 'n3', 'n4'];

function allVote(state: CoordinatorState, yes: (id: string) => boolean): [CoordinatorState, Effect[]] {
  let effects: Effect[] = [];
  for (const id of PARTICIPANTS) [state, effects] = deliver(state, id, { type: 'Vote', tx: 1, yes: yes(id) });
  return [state, effects];
}

describe('2PC coordinator', () => {
  it('prepares every participant, commits on every yes, and finishes when every ack is in', () => {
    const [started, prepares] = begin();
    expect(sends(prepares)).toEqual(PARTICIPANTS.map((to) => ({ to, type: 'Prepare' })));
    const [decided, commits] = allVote(started, () => true);
    expect(decided.active?.phase).toBe('committing');
    expect(sends(commits)).toEqual(PARTICIPANTS.map((to) => ({ to, type: 'Commit' })));
    let state = decided;
    let effects: Effect[] = [];
    for (const id of PARTICIPANTS) [state, effects] = deliver(state, id, { type: 'Ack', tx: 1 });
    expect(state.active).toBeNull();
    expect(state.finished).toBe(1);
    expect(sends(effects)).toContainEqual({ to: 'c1', type: 'Result' });
  });

  it('aborts on a single no, and on silence once the vote timeout passes', () => {
    const [started] = begin();
    const [aborted] = deliver(started, 'n3', { type: 'Vote', tx: 1, yes: false });
    expect(aborted.active?.phase).toBe('aborting');
    let state = started;
    for (let waited = 0; waited < TX_DEFAULTS.decideTimeoutMs; waited += TX_DEFAULTS.retryMs) [state] = coordinatorTimer(state, RETRY_TIMER, ctx);
    expect(state.active?.phase).toBe('aborting');
  });

  it('restarted before the commit record is written, it aborts (presumed abort); after, it commits', () => {
    const [started] = begin({ logWriteMs: 3000 });
    const [writing] = allVote(started, () => true);
    expect(writing.active?.phase).toBe('preparing');
    const [undecided, note] = recoverCoordinator(persistCoordinator(writing), ctx);
    expect(undecided.active?.phase).toBe('aborting');
    expect(note.some((e) => e.kind === 'note' && e.tag === 'presumed-abort')).toBe(true);
    const [written] = coordinatorTimer(writing, LOG_WRITE_TIMER, ctx);
    const [recovered, resent] = recoverCoordinator(persistCoordinator(written), ctx);
    expect(recovered.active?.phase).toBe('committing');
    expect(sends(resent)).toEqual(PARTICIPANTS.map((to) => ({ to, type: 'Commit' })));
  });

  it('answers a participant in doubt only once it has decided', () => {
    const [started] = begin();
    expect(sends(deliver(started, 'n2', { type: 'Status', tx: 1 })[1])).toEqual([]);
    const [decided] = allVote(started, () => true);
    expect(sends(deliver(decided, 'n2', { type: 'Status', tx: 1 })[1])).toEqual([{ to: 'n2', type: 'Commit' }]);
  });

  it('with its log in memory (the broken rule) it forgets the transaction on a crash', () => {
    const [started] = begin({}, 'memory');
    const [decided] = allVote(started, () => true);
    const [recovered] = recoverCoordinator(persistCoordinator(decided), ctx);
    expect(recovered.active).toBeNull();
  });
});

describe('saga orchestrator', () => {
  it('runs the steps one at a time, and on a refusal compensates the done ones last first', () => {
    const [started, first] = begin({ protocol: 'saga' });
    expect(sends(first)).toEqual([{ to: 'n2', type: 'Do' }]);
    const [second, next] = deliver(started, 'n2', { type: 'Done', tx: 1, ok: true });
    expect(sends(next)).toEqual([{ to: 'n3', type: 'Do' }]);
    const [third] = deliver(second, 'n3', { type: 'Done', tx: 1, ok: true });
    const [compensating, undo] = deliver(third, 'n4', { type: 'Done', tx: 1, ok: false });
    expect(compensating.active?.undo).toEqual(['n3', 'n2']);
    expect(sends(undo)).toEqual([{ to: 'n3', type: 'Undo' }]);
    const [retried, again] = coordinatorTimer(compensating, RETRY_TIMER, ctx);
    expect(sends(again)).toEqual([{ to: 'n3', type: 'Undo' }]);
    const [last, undo2] = deliver(retried, 'n3', { type: 'Undone', tx: 1 });
    expect(sends(undo2)).toEqual([{ to: 'n2', type: 'Undo' }]);
    const [done] = deliver(last, 'n2', { type: 'Undone', tx: 1 });
    expect(done.active).toBeNull();
  });

  it('resumes after a crash where its log left off', () => {
    const [started] = begin({ protocol: 'saga' });
    const [second] = deliver(started, 'n2', { type: 'Done', tx: 1, ok: true });
    const [recovered, resent] = recoverCoordinator(persistCoordinator(second), ctx);
    expect(recovered.active?.step).toBe(1);
    expect(sends(resent)).toEqual([{ to: 'n3', type: 'Do' }]);
  });
});
