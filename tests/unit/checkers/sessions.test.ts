import { describe, expect, it } from 'vitest';
import { checkSessions, pairOperations } from '../../../src/checkers/index';
import type { HistoryEvent } from '../../../src/engine/types';

/** One client's sequential operations: [f, value] pairs, each invoked and completed in turn. */
function session(steps: [HistoryEvent['f'], unknown, HistoryEvent['type']?][], client = 'c1', process = 0): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  for (const [f, value, type = 'ok'] of steps) {
    const time = events.length * 250;
    events.push({ process, client, type: 'invoke', f, key: 'x', value: f === 'read' ? null : value, time });
    events.push({ process, client, type, f, key: 'x', value, time: time + 100 });
  }
  return events;
}

function violations(events: HistoryEvent[]) {
  const paired = pairOperations(events);
  if (!paired.ok) throw new Error(paired.error.message);
  return checkSessions(paired.operations);
}

describe('checkSessions', () => {
  it('accepts a session that only moves forward', () => {
    expect(violations(session([['write', 1], ['read', 1], ['read', 1], ['write', 2], ['read', 2]]))).toEqual([]);
  });

  it('flags monotonic reads: read 1, then 2, then 1 again', () => {
    const found = violations(session([['read', 1], ['read', 2], ['read', 1]]));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ session: 'c1', key: 'x', guarantees: ['monotonic-reads'] });
    expect(found[0].sentence).toBe('c1 read x=1 at 1 s, though it read x=1 at 0 s and then read x=2 at 0.5 s, so x went back to an older value (violates monotonic reads).');
  });

  it('flags read-your-writes: nil after its own write', () => {
    const found = violations(session([['write', 1], ['read', null]]));
    expect(found.map((v) => v.guarantees)).toEqual([['read-your-writes']]);
    expect(found[0].sentence).toBe('c1 read x=nil at 0.5 s, though it had written x=1 at 0 s, so x went back to an older value (violates read-your-writes).');
  });

  it('names every guarantee involved when one of several is broken', () => {
    expect(violations(session([['write', 1], ['write', 2], ['read', 1]])).map((v) => v.guarantees)).toEqual([['read-your-writes', 'monotonic-writes']]);
    expect(violations(session([['read', 1], ['write', 2], ['read', 1]])).map((v) => v.guarantees)).toEqual([['read-your-writes', 'writes-follow-reads']]);
    expect(violations(session([['write', 1], ['read', 2], ['read', 1]])).map((v) => v.guarantees)).toEqual([['monotonic-reads', 'read-your-writes']]);
  });

  it('counts a successful cas as a read then a write, and ignores failed and unknown operations', () => {
    expect(violations(session([['cas', [null, 1]], ['read', null]])).map((v) => v.guarantees)).toEqual([['read-your-writes']]);
    expect(violations(session([['write', 1, 'fail'], ['read', null]]))).toEqual([]);
    expect(violations(session([['write', 1, 'info'], ['read', null]]))).toEqual([]);
    expect(violations(session([['cas', [null, 1]]]).map((e, i) => (i === 1 ? { ...e, value: false } : e)).concat(session([['read', null]]).map((e) => ({ ...e, time: (e.time ?? 0) + 1000 }))))).toEqual([]);
  });

  it('stays silent when values are not unique, since a re-read may be a second write', () => {
    const events = [...session([['read', 1], ['read', 2], ['read', 1]]), ...session([['write', 1], ['write', 1]], 'c2', 1)];
    expect(violations(events)).toEqual([]);
  });

  it('keeps clients apart and keys apart', () => {
    const c1 = session([['read', 1]], 'c1', 0);
    const c2 = session([['read', 2]], 'c2', 1).map((e) => ({ ...e, time: (e.time ?? 0) + 1000 }));
    const c1again = session([['read', 1]], 'c1', 0).map((e) => ({ ...e, time: (e.time ?? 0) + 2000 }));
    expect(violations([...c1, ...c2, ...c1again])).toEqual([]);
    const otherKey = session([['read', 2]]).map((e) => ({ ...e, key: 'y' }));
    expect(violations([...session([['read', 1]]), ...otherKey, ...session([['read', 1]])])).toEqual([]);
  });

  it('does not order overlapping operations of one client', () => {
    // c1 issues two reads at once (two processes): they return 1 and 2 in either order.
    const events: HistoryEvent[] = [
      { process: 0, client: 'c1', type: 'invoke', f: 'read', key: 'x', value: null },
      { process: 1, client: 'c1', type: 'invoke', f: 'read', key: 'x', value: null },
      { process: 0, client: 'c1', type: 'ok', f: 'read', key: 'x', value: 1 },
      { process: 0, client: 'c1', type: 'invoke', f: 'read', key: 'x', value: null },
      { process: 1, client: 'c1', type: 'ok', f: 'read', key: 'x', value: 2 },
      { process: 0, client: 'c1', type: 'ok', f: 'read', key: 'x', value: 1 },
    ];
    expect(violations(events)).toEqual([]);
  });
});
