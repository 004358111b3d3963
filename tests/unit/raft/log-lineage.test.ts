// The log's lineage and the request index built on it answer exactly what walking the log does,
// for any sequence of the ways Raft changes a log (append in place, truncate and append, compact)
// and checkpoint clones (which carry neither and must fall back).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agreedUpTo, type SeenLog } from '../../../src/protocols/raft/invariants';
import { type Compacted, entryAt, lastIndex, snapshotIndex } from '../../../src/protocols/raft/log';
import { derivedLog, growableLog, sharedUpTo } from '../../../src/protocols/raft/log-lineage';
import { indexOfRequest } from '../../../src/protocols/raft/request-index';
import type { LogEntry } from '../../../src/protocols/raft/types';

type Step =
  | { kind: 'append'; term: number; client: number; requestId: number }
  | { kind: 'truncate'; at: number; term: number; client: number; requestId: number }
  | { kind: 'compact'; at: number }
  | { kind: 'clone' }
  | { kind: 'lookup'; client: number; requestId: number; from: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('append' as const), term: fc.nat(3), client: fc.nat(2), requestId: fc.nat(5) }), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(40), term: fc.nat(3), client: fc.nat(2), requestId: fc.nat(5) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('compact' as const), at: fc.nat(40) }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'clone' as const }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('lookup' as const), client: fc.nat(2), requestId: fc.nat(5), from: fc.nat(40) }), weight: 4 },
);

function entry(term: number, client: number, requestId: number): LogEntry {
  return client === 0 ? { term, command: null } : { term, command: `w${requestId}`, request: { client: `c${client}`, requestId } };
}

/** The linear search the index replaced. */
function searched(state: Compacted, client: string, requestId: number, from: number): number {
  for (let index = lastIndex(state); index >= from; index--) {
    const origin = (entryAt(state, index) as LogEntry).request;
    if (origin !== undefined && origin.requestId === requestId && origin.client === client) return index;
  }
  return 0;
}

const commands = { key: (command: unknown) => String(command), label: (command: unknown) => String(command) };

/** A log as the invariants remember it: the array and how long it was then (it may grow since). */
function seenOf(state: Compacted): SeenLog {
  return { log: state.log, length: state.log.length, snapshot: state.snapshot };
}

/** agreedUpTo walking every entry: what it computed before logs had a lineage or grew in place. */
function walked(before: SeenLog, after: Compacted): number {
  const copy = before.log.slice(0, before.length);
  return agreedUpTo(commands, { log: copy, length: copy.length, snapshot: before.snapshot }, { log: after.log.slice(), snapshot: after.snapshot });
}

function apply(state: Compacted, s: Step): Compacted {
  const base = snapshotIndex(state);
  const last = lastIndex(state);
  switch (s.kind) {
    case 'append': {
      const log = growableLog(state.log, last);
      log.push(entry(s.term, s.client, s.requestId));
      return { ...state, log };
    }
    case 'truncate': {
      const firstNew = base + 1 + (s.at % (state.log.length + 1));
      const log = derivedLog(state.log, state.log.slice(0, firstNew - base - 1), firstNew - 1);
      log.push(entry(s.term, s.client, s.requestId));
      return { ...state, log };
    }
    case 'compact': {
      if (state.log.length === 0) return state;
      const index = base + 1 + (s.at % state.log.length);
      const term = (entryAt(state, index) as LogEntry).term;
      return { log: derivedLog(state.log, state.log.slice(index - base), last), snapshot: { index, term } };
    }
    case 'clone':
      return structuredClone(state);
    case 'lookup':
      return state;
  }
}

describe('log lineage and the request index', () => {
  it('agree with walking the log, whatever made it', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 80 }), (steps) => {
        let state: Compacted = { log: [], snapshot: null };
        const seen: SeenLog[] = [seenOf(state)];
        for (const s of steps) {
          state = apply(state, s);
          seen.push(seenOf(state));
          if (s.kind === 'lookup') {
            const from = Math.max(snapshotIndex(state) + 1, s.from);
            expect(indexOfRequest(state, `c${s.client}`, s.requestId, from)).toBe(searched(state, `c${s.client}`, s.requestId, from));
          }
          // Against each of the last few logs: what lineage proves shared is the same objects,
          // and agreedUpTo answers what a full walk does.
          for (const earlier of seen.slice(-6)) {
            const shared = sharedUpTo(earlier.log, state.log);
            if (shared !== undefined) {
              const top = Math.min(shared, snapshotIndex(earlier) + earlier.length, lastIndex(state));
              for (let index = Math.max(snapshotIndex(earlier), snapshotIndex(state)) + 1; index <= top; index++) {
                expect(entryAt(state, index)).toBe(entryAt(earlier, index));
              }
            }
            expect(agreedUpTo(commands, earlier, state)).toBe(walked(earlier, state));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('finds a request appended long ago without the log having been searched before', () => {
    let state: Compacted = { log: [], snapshot: null };
    for (let i = 1; i <= 50; i++) state = apply(state, { kind: 'append', term: 1, client: 1 + (i % 2), requestId: i });
    expect(indexOfRequest(state, 'c2', 3, 1)).toBe(3);
    expect(indexOfRequest(state, 'c2', 3, 4)).toBe(0);
    state = apply(state, { kind: 'truncate', at: 2, term: 2, client: 1, requestId: 99 });
    expect(indexOfRequest(state, 'c2', 3, 1)).toBe(0);
    expect(indexOfRequest(state, 'c1', 99, 1)).toBe(3);
  });

  it('grows a log with a lineage in place, and copies a fresh, cloned or frozen one', () => {
    const fresh: LogEntry[] = [entry(1, 0, 0)];
    const owned = growableLog(fresh, 1);
    expect(owned).not.toBe(fresh);
    expect(owned).toEqual(fresh);
    expect(growableLog(owned, 1)).toBe(owned);
    expect(growableLog(structuredClone(owned), 1)).not.toBe(owned);
    const frozenLog = Object.freeze(growableLog(fresh, 1)) as LogEntry[];
    const copy = growableLog(frozenLog, 1);
    expect(copy).not.toBe(frozenLog);
    expect(growableLog(copy, 1)).toBe(copy);
  });
});
