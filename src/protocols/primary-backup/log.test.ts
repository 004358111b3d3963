// The log's rules: merging an append keeps what agrees, drops a conflicting tail, never drops a
// matching tail for a stale append; and the up-to-date order that elections use.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atLeastAsUpToDate, epochAt, mergeEntries, valueAt } from './log';
import type { LogEntry } from './types';

const entry = (epoch: number, value: number): LogEntry => ({ epoch, key: 'x', value, atMs: 0, client: 'c1', requestId: value });

describe('log', () => {
  it('reads values and epochs by index', () => {
    const log = [entry(1, 1), entry(1, 2), entry(2, 3)];
    expect(valueAt(log, 'x', 2)).toBe(2);
    expect(valueAt(log, 'x', 0)).toBeNull();
    expect([epochAt(log, 0), epochAt(log, 3)]).toEqual([0, 2]);
  });

  it('orders logs for elections by last epoch, then length', () => {
    const log = [entry(1, 1), entry(2, 2)];
    expect(atLeastAsUpToDate(2, 2, log)).toBe(true);
    expect(atLeastAsUpToDate(1, 9, log)).toBe(false);
    expect(atLeastAsUpToDate(3, 1, log)).toBe(true);
  });

  it('drops a conflicting tail and counts it', () => {
    const merged = mergeEntries([entry(1, 1), entry(1, 2), entry(1, 3)], 1, [entry(2, 9)]);
    expect(merged.log.map((e) => e.value)).toEqual([1, 9]);
    expect(merged.dropped).toBe(2);
  });

  it('keeps a longer matching log when a stale append arrives (same array back)', () => {
    const log = [entry(1, 1), entry(1, 2), entry(1, 3)];
    const merged = mergeEntries(log, 0, [entry(1, 1)]);
    expect(merged.log).toBe(log);
    expect(merged.dropped).toBe(0);
  });

  it('property: after a merge the log is the old prefix, then the append, then (if it matched) the old tail', () => {
    // Logs as epoch sequences, non-decreasing as a primary-backup log's are; the append copies
    // the primary's log from prevIndex.
    const epochs = fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 8 }).map((xs) => xs.sort());
    fc.assert(
      fc.property(epochs, epochs, fc.nat(8), (mine, primaries, cut) => {
        const ours = mine.map((e, i) => entry(e, i + 1));
        const theirs = primaries.map((e, i) => entry(e, 100 + i));
        const prevIndex = Math.min(cut, ours.length, theirs.length);
        // Only appends whose previous entry matches are merged (the follower checks it first).
        fc.pre(epochAt(ours, prevIndex) === epochAt(theirs, prevIndex));
        const sent = theirs.slice(prevIndex);
        const { log } = mergeEntries(ours, prevIndex, sent);
        expect(log.slice(0, prevIndex)).toEqual(ours.slice(0, prevIndex));
        for (let i = 0; i < sent.length; i++) expect(log[prevIndex + i].epoch).toBe(sent[i].epoch);
        expect(log.length).toBeGreaterThanOrEqual(prevIndex + sent.length);
      }),
    );
  });
});
