// A participant's rules: a yes vote is a durable lock kept until the decision; the decision is
// applied once however often it arrives and in whatever order; a saga step and its compensation
// are each applied at most once (unless the blind-compensation rule is broken); a read of a
// locked account is refused; an unchanged state is the same object.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Effect } from '../../engine/types';
import type { TxMessage } from './messages';
import { settingsFrom, TX_DEFAULTS, type TxSettings } from './params';
import { initParticipant, IN_DOUBT_TIMER, participantMessage, participantTimer, recoverParticipant, type ParticipantState } from './participant';
import { txContext } from './test-context';

const ctx = txContext('n2', { params: { failPercent: 0 } });

function start(settings: Partial<TxSettings> = {}): ParticipantState {
  return initParticipant(ctx, { ...settingsFrom(TX_DEFAULTS), failPercent: 0, ...settings });
}

function deliver(state: ParticipantState, message: TxMessage): [ParticipantState, Effect[]] {
  return participantMessage(state, 'n1', message, ctx);
}

function sent(effects: Effect[]): unknown[] {
  return effects.flatMap((effect) => (effect.kind === 'send' ? [effect.message] : []));
}

describe('2PC participant', () => {
  it('votes yes by locking, refuses reads while locked, and commits the delta on Commit', () => {
    const [prepared, vote] = deliver(start(), { type: 'Prepare', tx: 1, delta: -30 });
    expect(sent(vote)).toEqual([{ type: 'Vote', tx: 1, yes: true }]);
    expect(prepared.prepared).toEqual({ tx: 1, delta: -30, waitedMs: 0 });
    const [, read] = participantMessage(prepared, 'r1', { type: 'Read', round: 1, collect: 1 }, ctx);
    expect(sent(read)).toEqual([{ type: 'ReadReply', round: 1, collect: 1, balance: 100, version: 0, lockedBy: 1 }]);
    const [committed, ack] = deliver(prepared, { type: 'Commit', tx: 1 });
    expect(sent(ack)).toEqual([{ type: 'Ack', tx: 1 }]);
    expect(committed).toMatchObject({ balance: 70, version: 1, prepared: null, last: { tx: 1, outcome: 'committed' } });
  });

  it('votes no rather than overdraw, and a late Prepare after an Abort is refused', () => {
    const [refused, vote] = deliver(start(), { type: 'Prepare', tx: 1, delta: -101 });
    expect(sent(vote)).toEqual([{ type: 'Vote', tx: 1, yes: false }]);
    expect(refused.prepared).toBeNull();
    const [tombstone] = deliver(start(), { type: 'Abort', tx: 2 });
    const [after, late] = deliver(tombstone, { type: 'Prepare', tx: 2, delta: 5 });
    expect(sent(late)).toEqual([{ type: 'Vote', tx: 2, yes: false }]);
    expect(after).toBe(tombstone);
  });

  it('in doubt it asks the coordinator and counts the time blocked; a crash keeps the lock', () => {
    const [prepared] = deliver(start(), { type: 'Prepare', tx: 1, delta: 10 });
    const [waiting, effects] = participantTimer(prepared, IN_DOUBT_TIMER, ctx);
    expect(waiting.prepared?.waitedMs).toBe(TX_DEFAULTS.retryMs);
    expect(sent(effects)).toEqual([{ type: 'Status', tx: 1 }]);
    const [recovered, again] = recoverParticipant(waiting, ctx);
    expect(recovered.prepared?.tx).toBe(1);
    expect(again.some((e) => e.kind === 'set-timer' && e.timer === IN_DOUBT_TIMER)).toBe(true);
  });

  it('under the broken "abort in doubt" rule it aborts on its own after voting yes', () => {
    const impatient = txContext('n2', { params: { failPercent: 0, inDoubt: 'abort' } });
    let [state] = participantMessage(start(), 'n1', { type: 'Prepare', tx: 1, delta: 10 }, impatient);
    for (let i = 0; i < 5; i++) [state] = participantTimer(state, IN_DOUBT_TIMER, impatient);
    expect(state.prepared).toBeNull();
    expect(state.last).toMatchObject({ tx: 1, outcome: 'aborted' });
  });

  it('applies a decision exactly once, whatever duplicates and order the network delivers (property)', () => {
    const message = fc.constantFrom('Prepare', 'Decision', 'Read');
    fc.assert(
      fc.property(fc.array(message, { minLength: 1, maxLength: 12 }), fc.boolean(), fc.integer({ min: -100, max: 100 }), (kinds, commit, delta) => {
        let state = start();
        for (const kind of kinds) {
          const m: TxMessage =
            kind === 'Prepare' ? { type: 'Prepare', tx: 1, delta } : kind === 'Read' ? { type: 'Read', round: 1, collect: 1 } : { type: commit ? 'Commit' : 'Abort', tx: 1 };
          const [next] = deliver(state, m);
          if (kind === 'Read') expect(next).toBe(state);
          state = next;
        }
        // Money moves only on a commit that found the lock, and only once.
        const applied = commit && state.last?.outcome === 'committed';
        expect(state.balance).toBe(applied ? 100 + delta : 100);
        expect(state.version).toBe(applied ? 1 : 0);
        // A Prepare before the decision always locks (no refusals here) and the decision finds it.
        if (commit && delta >= -100 && kinds.indexOf('Prepare') >= 0 && kinds.indexOf('Prepare') < kinds.indexOf('Decision')) expect(applied).toBe(true);
        if (!commit) expect(state.last?.outcome ?? 'aborted').not.toBe('committed');
      }),
    );
  });
});

describe('saga participant', () => {
  it('applies each step and each compensation at most once, in any order and with duplicates (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('Do', 'Undo'), { minLength: 1, maxLength: 12 }), fc.integer({ min: -50, max: 50 }), (kinds, delta) => {
        let state = start();
        for (const kind of kinds) [state] = deliver(state, kind === 'Do' ? { type: 'Do', tx: 1, delta } : { type: 'Undo', tx: 1, delta });
        // Once any undo has arrived, the step is undone (or was never applied): money is back.
        const undone = kinds.includes('Undo');
        expect(state.balance).toBe(undone ? 100 : 100 + delta);
        expect(state.refunds).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('a blind compensation refunds again when the undo is repeated (the broken rule)', () => {
    let state = start({ compensation: 'blind' });
    [state] = deliver(state, { type: 'Do', tx: 1, delta: 20 });
    [state] = deliver(state, { type: 'Undo', tx: 1, delta: 20 });
    [state] = deliver(state, { type: 'Undo', tx: 1, delta: 20 });
    expect(state.balance).toBe(80);
    expect(state.refunds).toBe(2);
  });

  it('refuses a step that would overdraw, and answers a repeat the same way', () => {
    const [refused, first] = deliver(start(), { type: 'Do', tx: 1, delta: -150 });
    const [same, second] = deliver(refused, { type: 'Do', tx: 1, delta: -150 });
    expect(sent(first)).toEqual([{ type: 'Done', tx: 1, ok: false }]);
    expect(sent(second)).toEqual([{ type: 'Done', tx: 1, ok: false }]);
    expect(same).toBe(refused);
  });
});
