// The trace: a ring buffer of the newest events, a count of all, a smaller ring of notable
// events for the log, and a running hash over every behaviour-defining field of every event.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { TraceEvent, TraceKind } from '../../../src/engine/frame';
import { createTrace, recentEvents, recentEventsOfKinds, recordEvent, recordFields, traceHash } from '../../../src/engine/trace';

function event(seq: number, overrides: Partial<TraceEvent> = {}): TraceEvent {
  return { seq, timeMs: seq * 10, kind: 'send', from: 'n1', to: 'n2', messageId: seq, messageType: 'Ping', ...overrides };
}

function hashOf(events: TraceEvent[]): string {
  const trace = createTrace(16, 8);
  for (const e of events) recordEvent(trace, structuredClone(e));
  return traceHash(trace);
}

describe('trace ring buffer', () => {
  it('keeps every event, oldest first, while below capacity', () => {
    const trace = createTrace(5, 5);
    for (let i = 0; i < 3; i++) recordEvent(trace, event(i));
    expect(recentEvents(trace).map((e) => e.seq)).toEqual([0, 1, 2]);
    expect(trace.count).toBe(3);
  });

  it('keeps exactly the newest `capacity` events, in order, once full', () => {
    const trace = createTrace(4, 4);
    for (let i = 0; i < 4; i++) recordEvent(trace, event(i));
    expect(recentEvents(trace).map((e) => e.seq)).toEqual([0, 1, 2, 3]);
    recordEvent(trace, event(4));
    expect(recentEvents(trace).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
  });

  it('for any number of events, keeps the newest min(n, capacity) in order and counts all (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 100 }), (capacity, n) => {
      const trace = createTrace(capacity, 3);
      for (let i = 0; i < n; i++) recordEvent(trace, event(i));
      const expected = Array.from({ length: n }, (_, i) => i).slice(Math.max(0, n - capacity));
      expect(recentEvents(trace).map((e) => e.seq)).toEqual(expected);
      expect(trace.count).toBe(n);
    }), { numRuns: 300 });
  });

  it('recentEvents returns a copy: changing it does not change the trace', () => {
    const trace = createTrace(3, 3);
    for (let i = 0; i < 5; i++) recordEvent(trace, event(i));
    const copy = recentEvents(trace);
    copy.length = 0;
    expect(recentEvents(trace).map((e) => e.seq)).toEqual([2, 3, 4]);
  });
});

describe('notable ring', () => {
  const NOTABLE: TraceKind[] = ['crash', 'restart', 'pause', 'resume', 'timeout', 'cut', 'heal', 'partition', 'network', 'skew', 'control', 'note', 'violation'];
  const ROUTINE: TraceKind[] = ['send', 'deliver', 'drop', 'timer', 'request', 'reply', 'history'];

  it('keeps faults, notes and violations but not routine traffic', () => {
    const trace = createTrace(100, 100);
    let seq = 0;
    for (const kind of [...ROUTINE, ...NOTABLE, ...ROUTINE]) recordEvent(trace, event(seq++, { kind }));
    expect(trace.notable.map((e) => e.kind)).toEqual(NOTABLE);
    expect(trace.count).toBe(NOTABLE.length + 2 * ROUTINE.length);
  });

  it('keeps only the newest notable events, in order, when more arrive than it holds', () => {
    const trace = createTrace(100, 3);
    for (let i = 0; i < 10; i++) {
      recordEvent(trace, event(2 * i, { kind: 'note', tag: `t${i}` }));
      recordEvent(trace, event(2 * i + 1, { kind: 'deliver' }));
    }
    expect(trace.notable.map((e) => e.tag)).toEqual(['t7', 't8', 't9']);
  });

  it('keeps notable events that have left the main ring', () => {
    const trace = createTrace(2, 10);
    recordEvent(trace, event(0, { kind: 'crash', node: 'n1' }));
    for (let i = 1; i < 6; i++) recordEvent(trace, event(i));
    expect(recentEvents(trace).some((e) => e.kind === 'crash')).toBe(false);
    expect(trace.notable.map((e) => e.kind)).toEqual(['crash']);
  });
});

describe('trace hash', () => {
  const base: TraceEvent[] = [
    { seq: 0, timeMs: 0, kind: 'timer', node: 'n1', tag: 'election' },
    { seq: 1, timeMs: 5, kind: 'send', from: 'n1', to: 'n2', messageId: 1, messageType: 'RequestVote' },
    { seq: 2, timeMs: 17, kind: 'deliver', from: 'n1', to: 'n2', messageId: 1, messageType: 'RequestVote' },
    { seq: 3, timeMs: 17, kind: 'note', node: 'n2', tag: 'voted', text: 'n2 voted for n1', data: { term: 1 } },
  ];

  it('is a 16-digit hex string, equal for equal event sequences', () => {
    expect(hashOf(base)).toMatch(/^[0-9a-f]{16}$/);
    expect(hashOf(base)).toBe(hashOf(structuredClone(base)));
  });

  it('differs from the empty trace’s hash once something is recorded', () => {
    expect(hashOf(base)).not.toBe(hashOf([]));
    expect(hashOf(base.slice(0, 1))).not.toBe(hashOf([]));
  });

  it('does not depend on the ring capacity (it covers events that left the ring)', () => {
    const small = createTrace(1, 1);
    const large = createTrace(100, 100);
    for (const e of base) {
      recordEvent(small, structuredClone(e));
      recordEvent(large, structuredClone(e));
    }
    expect(traceHash(small)).toBe(traceHash(large));
  });

  const changes: [string, (e: TraceEvent) => void][] = [
    ['timeMs', (e) => { e.timeMs += 1; }],
    ['kind', (e) => { e.kind = e.kind === 'deliver' ? 'drop' : 'deliver'; }],
    ['node', (e) => { e.node = e.node === 'n3' ? 'n4' : 'n3'; }],
    ['node removed / added', (e) => { e.node = e.node === undefined ? 'n1' : undefined; }],
    ['from', (e) => { e.from = e.from === 'n3' ? 'n4' : 'n3'; }],
    ['to', (e) => { e.to = e.to === 'n3' ? 'n4' : 'n3'; }],
    ['messageId', (e) => { e.messageId = (e.messageId ?? 0) + 1; }],
    ['messageType', (e) => { e.messageType = e.messageType === 'AppendEntries' ? 'Pong' : 'AppendEntries'; }],
    ['tag', (e) => { e.tag = e.tag === 'late' ? 'cut' : 'late'; }],
    ['text', (e) => { e.text = `${e.text ?? ''}!`; }],
  ];

  for (const [field, change] of changes) {
    it(`changes when one event's ${field} changes`, () => {
      for (let index = 0; index < base.length; index++) {
        const changed = structuredClone(base);
        change(changed[index]);
        expect(hashOf(changed), `event ${index}`).not.toBe(hashOf(base));
      }
    });
  }

  it('a field moved to another field (from ↔ to, node ↔ from) changes it', () => {
    const a: TraceEvent[] = [{ seq: 0, timeMs: 1, kind: 'send', from: 'n1', to: 'n2' }];
    const b: TraceEvent[] = [{ seq: 0, timeMs: 1, kind: 'send', from: 'n2', to: 'n1' }];
    const c: TraceEvent[] = [{ seq: 0, timeMs: 1, kind: 'send', node: 'n1', to: 'n2' }];
    expect(hashOf(a)).not.toBe(hashOf(b));
    expect(hashOf(a)).not.toBe(hashOf(c));
  });

  it('ignores `data`, which only decorates', () => {
    const changed = structuredClone(base);
    changed[3].data = { term: 99, extra: 'x' };
    changed[0].data = { anything: true };
    expect(hashOf(changed)).toBe(hashOf(base));
  });

  it('ignores `seq` (the trace position, implied by order)', () => {
    const changed = base.map((e, i) => ({ ...e, seq: 1000 + i }));
    expect(hashOf(changed)).toBe(hashOf(base));
  });

  it('depends on order: swapping two different events changes it', () => {
    const swapped = [base[1], base[0], base[2], base[3]];
    expect(hashOf(swapped)).not.toBe(hashOf(base));
    const swappedEqualTime = [base[0], base[1], base[3], base[2]];
    expect(hashOf(swappedEqualTime)).not.toBe(hashOf(base));
  });

  it('an extra event at the end changes it', () => {
    expect(hashOf([...base, base[3]])).not.toBe(hashOf(base));
  });

  it('large times and message ids above 16 bits still count (property)', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 2 ** 31 - 2 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }),
      (timeMs, delta) => {
        const a: TraceEvent[] = [{ seq: 0, timeMs, kind: 'deliver', messageId: timeMs }];
        const t2 = (timeMs + delta) % (2 ** 31);
        fc.pre(t2 !== timeMs);
        const b: TraceEvent[] = [{ seq: 0, timeMs: t2, kind: 'deliver', messageId: timeMs }];
        const c: TraceEvent[] = [{ seq: 0, timeMs, kind: 'deliver', messageId: t2 }];
        return hashOf(a) !== hashOf(b) && hashOf(a) !== hashOf(c);
      },
    ), { numRuns: 500 });
  });

  it('two random distinct event sequences hash differently (property)', () => {
    const arbEvent = fc.record({
      seq: fc.constant(0),
      timeMs: fc.integer({ min: 0, max: 5000 }),
      kind: fc.constantFrom<TraceKind>('send', 'deliver', 'drop', 'timer', 'note', 'crash'),
      node: fc.option(fc.constantFrom('n1', 'n2', 'n3', 'c1'), { nil: undefined }),
      from: fc.option(fc.constantFrom('n1', 'n2', 'n3'), { nil: undefined }),
      to: fc.option(fc.constantFrom('n1', 'n2', 'n3'), { nil: undefined }),
      messageId: fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: undefined }),
      messageType: fc.option(fc.constantFrom('Ping', 'Pong', 'AppendEntries'), { nil: undefined }),
      tag: fc.option(fc.constantFrom('late', 'cut', 'became-leader'), { nil: undefined }),
      text: fc.option(fc.string({ maxLength: 8 }), { nil: undefined }),
    }, { requiredKeys: ['seq', 'timeMs', 'kind'] });
    const normalise = (events: TraceEvent[]) => JSON.stringify(events.map(({ seq: _seq, data: _data, ...rest }) => rest));
    fc.assert(fc.property(fc.array(arbEvent, { maxLength: 6 }), fc.array(arbEvent, { maxLength: 6 }), (a, b) => {
      fc.pre(normalise(a as TraceEvent[]) !== normalise(b as TraceEvent[]));
      return hashOf(a as TraceEvent[]) !== hashOf(b as TraceEvent[]);
    }), { numRuns: 1000 });
  });
});

describe('events recorded field by field', () => {
  it('hash as the same events given whole, and read back as equal objects once they are asked for', () => {
    fc.assert(fc.property(
      fc.array(fc.record({
        timeMs: fc.nat(10_000),
        kind: fc.constantFrom<TraceKind>('send', 'deliver', 'drop', 'timer'),
        node: fc.option(fc.constantFrom('n1', 'n2'), { nil: undefined }),
        from: fc.option(fc.constantFrom('n1', 'c1'), { nil: undefined }),
        to: fc.option(fc.constantFrom('n2', 'n3'), { nil: undefined }),
        messageId: fc.option(fc.nat(1000), { nil: undefined }),
        messageType: fc.option(fc.constantFrom('Ping', 'AppendEntries'), { nil: undefined }),
        tag: fc.option(fc.constantFrom('late', 'cut'), { nil: undefined }),
        text: fc.option(fc.constantFrom('late'), { nil: undefined }),
      }), { maxLength: 40 }),
      fc.integer({ min: 1, max: 12 }),
      (events, capacity) => {
        const whole = createTrace(capacity, 4);
        const fields = createTrace(capacity, 4);
        events.forEach((e, seq) => {
          const defined = Object.fromEntries(Object.entries(e).filter(([, value]) => value !== undefined));
          recordEvent(whole, { seq, ...defined } as TraceEvent);
          recordFields(fields, e.timeMs, e.kind, e.node, e.from, e.to, e.messageId, e.messageType, e.tag, e.text);
        });
        expect(traceHash(fields)).toBe(traceHash(whole));
        expect(recentEvents(fields)).toEqual(recentEvents(whole));
        expect(recentEventsOfKinds(fields, new Set(['send', 'drop']), 3)).toEqual(recentEvents(whole).filter((e) => e.kind === 'send' || e.kind === 'drop').slice(-3));
      },
    ), { numRuns: 300 });
  });

  it('a checkpoint of the trace (structured clone) reads back the same events and hash', () => {
    const trace = createTrace(8, 4);
    for (let i = 0; i < 20; i++) recordFields(trace, i, 'send', undefined, 'n1', 'n2', i, 'Ping', undefined, undefined);
    recordEvent(trace, { seq: 0, timeMs: 21, kind: 'note', node: 'n1', tag: 't', text: 'a note', data: { x: 1 } });
    const copy = structuredClone(trace);
    expect(recentEvents(copy)).toEqual(recentEvents(trace));
    expect(traceHash(copy)).toBe(traceHash(trace));
    expect(recentEvents(copy).at(-1)?.data).toEqual({ x: 1 });
  });
});
