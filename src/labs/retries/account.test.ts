// The account service on its own: a conditional write charges only at the version it names, a
// key already charged is answered without charging, and an expired request is refused unread.
import { describe, expect, it } from 'vitest';
import type { Effect, NodeContext } from '../../engine/types';
import { accountService, timesCharged, type AccountState } from './account';

function ctx(clockMs = 0): NodeContext {
  return { id: 'n1', role: 'server', peers: [], roster: {}, servers: ['n1'], home: null, params: {}, clockMs, rng: null as never, next: () => 0, peek: () => 0 };
}

const fresh = (): AccountState => accountService.init(ctx())[0];
const sent = (effects: Effect[]) => effects.flatMap((e) => (e.kind === 'send' ? [e.message] : []));

describe('account service', () => {
  it('charges a write at the current version and refuses a stale one', () => {
    const [charged, out] = accountService.onMessage(fresh(), 'c1', { type: 'Write', call: 1, order: 1, version: 0, amount: 10 }, ctx());
    expect(sent(out)).toEqual([{ type: 'WriteOk', call: 1, order: 1 }]);
    expect(charged.version).toBe(1);
    const [same, conflict] = accountService.onMessage(charged, 'c2', { type: 'Write', call: 1, order: 1, version: 0, amount: 10 }, ctx());
    expect(same).toBe(charged);
    expect(sent(conflict)).toEqual([{ type: 'Conflict', call: 1, version: 1 }]);
  });

  it('without a key, a second write for the same order at the new version charges again and counts a duplicate', () => {
    let [state] = accountService.onMessage(fresh(), 'c1', { type: 'Write', call: 1, order: 4, version: 0, amount: 10 }, ctx());
    [state] = accountService.onMessage(state, 'c1', { type: 'Write', call: 3, order: 4, version: 1, amount: 10 }, ctx());
    expect(timesCharged(state, 'c1', 4)).toBe(2);
    expect(state.duplicates).toBe(1);
    expect(state.charged).toBe(20);
  });

  it('with a key, a second write for a charged order is answered “charged” and nothing moves', () => {
    const [state] = accountService.onMessage(fresh(), 'c1', { type: 'Write', call: 1, order: 4, version: 0, amount: 10, key: 'c1#4' }, ctx());
    const [after, out] = accountService.onMessage(state, 'c1', { type: 'Write', call: 3, order: 4, version: 0, amount: 10, key: 'c1#4' }, ctx());
    expect(sent(out)).toEqual([{ type: 'WriteOk', call: 3, order: 4, replayed: true }]);
    expect(after.charged).toBe(10);
    expect(after.duplicates).toBe(0);
    expect(after.replays).toBe(1);
  });

  it('refuses a read or write whose deadline has passed on its clock, and serves one still in time', () => {
    const [expired, out] = accountService.onMessage(fresh(), 'c1', { type: 'Write', call: 2, order: 1, version: 0, amount: 10, deadlineMs: 99 }, ctx(100));
    expect(sent(out)).toEqual([{ type: 'Expired', call: 2 }]);
    expect(expired.expired).toBe(1);
    expect(expired.charged).toBe(0);
    const [, read] = accountService.onMessage(fresh(), 'c1', { type: 'Read', call: 1, order: 1, deadlineMs: 100 }, ctx(100));
    expect(sent(read)).toEqual([{ type: 'ReadOk', call: 1, version: 0 }]);
  });
});
