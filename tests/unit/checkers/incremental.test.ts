// The incremental linearizability check (live checks on every frame) against the whole-history
// check: fed a growing history batch by batch, its verdict after every batch is the one the whole
// prefix gets; operations of unknown outcome are carried across the quiet points it cuts at; when
// it forgets a stretch it is never stricter; and each update costs about what was added.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkLinearizability, IncrementalLinearizability, OperationPairing, pairOperations, type HistoryOperation, type Verdict } from '../../../src/checkers/index';
import type { HistoryEvent } from '../../../src/engine/types';
import { generateHistory } from './generate';
import { batchSizes, generatedOptions, lateUnknownOptions } from './growing-histories';
import { lateUnknownsHistory } from './late-unknowns';

/** The history's events in batches of the given sizes (cycled), as frames see it grow. */
function* prefixes(history: HistoryEvent[], batches: number[]): Generator<HistoryEvent[]> {
  let end = 0;
  for (let b = 0; end < history.length; b++) {
    end = Math.min(history.length, end + batches[b % batches.length]);
    yield history.slice(0, end);
  }
}

function paired(history: readonly HistoryEvent[]): HistoryOperation[] {
  const result = pairOperations(history);
  if (!result.ok) throw new Error(result.error.message);
  return result.operations;
}

/** Where the checker cuts (it changes the cost, never the verdict): small values cut across
 * overlapping operations and carry pending ones (going back when they complete) far more often. */
const tuning = fc.record({ stretchOps: fc.integer({ min: 1, max: 8 }), maxSpanning: fc.integer({ min: 0, max: 3 }), oldPendingOps: fc.constantFrom(0, 1, 2, 4, 64) });
type Tuning = { stretchOps: number; maxSpanning: number; oldPendingOps: number };

/** Feeds the history batch by batch; after each, the incremental verdict and the whole prefix's. */
function followAndCompare(history: HistoryEvent[], batches: number[], initialState: 'nil' | 'unknown', tuned: Tuning, tally: Record<string, number>): void {
  const incremental = new IncrementalLinearizability({ initialState, ...tuned });
  for (const prefix of prefixes(history, batches)) {
    const operations = paired(prefix);
    const followed = incremental.update(operations);
    const whole = checkLinearizability(operations, { initialState });
    tally[String(whole.valid)] = (tally[String(whole.valid)] ?? 0) + 1;
    expect({ events: prefix.length, valid: followed.valid }).toEqual({ events: prefix.length, valid: whole.valid });
    expect(followed.leftOut).toBe(0);
  }
}

const batches = batchSizes;
const start = fc.constantFrom<'nil' | 'unknown'>('nil', 'unknown');

const generated = generatedOptions([1, 1, 1, 2]);

const lateUnknowns = lateUnknownOptions([1, 1, 2]);

const event = (process: number, type: HistoryEvent['type'], f: HistoryEvent['f'], value: unknown): HistoryEvent => ({ process, type, f, key: 'x', value });

describe('incremental linearizability, batch by batch', () => {
  it('agrees with the whole-prefix check after every batch (random register histories, valid and mutated)', () => {
    const tally: Record<string, number> = {};
    fc.assert(fc.property(generated, batches, start, tuning, (options, sizes, initialState, tuned) => followAndCompare(generateHistory(options), sizes, initialState, tuned, tally)), { numRuns: 1500 });
    expect(tally.true).toBeGreaterThan(1000);
    expect(tally.false).toBeGreaterThan(300);
  });

  it('agrees with the whole-prefix check when timed-out operations take effect long after (carried across cuts)', () => {
    const tally: Record<string, number> = {};
    fc.assert(fc.property(lateUnknowns, batches, start, tuning, (options, sizes, initialState, tuned) => followAndCompare(lateUnknownsHistory(options), sizes, initialState, tuned, tally)), { numRuns: 1500 });
    expect(tally.true).toBeGreaterThan(1000);
    expect(tally.false).toBeGreaterThan(300);
  });

  it('is never stricter than the whole-prefix check when it has to forget stretches (tiny budgets, forced cuts)', () => {
    let forgot = 0;
    fc.assert(
      fc.property(lateUnknowns, batches, start, tuning, fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 12 }), (options, sizes, initialState, tuned, maxConfigurations, stretchBudgetSteps, maxTailOps) => {
        const history = lateUnknownsHistory(options);
        const incremental = new IncrementalLinearizability({ initialState, maxConfigurations, stretchBudgetSteps, maxTailOps, ...tuned });
        for (const prefix of prefixes(history, sizes)) {
          const operations = paired(prefix);
          const followed = incremental.update(operations);
          if (followed.leftOut > 0) forgot++;
          if (followed.valid === false) expect(checkLinearizability(operations, { initialState }).valid).toBe(false);
          if (followed.leftOut === 0 && followed.valid !== 'unknown') expect(followed.valid).toBe(checkLinearizability(operations, { initialState }).valid);
        }
      }),
      { numRuns: 500 },
    );
    expect(forgot).toBeGreaterThan(100);
  });
});

describe('incremental linearizability, by example', () => {
  const follow = (history: HistoryEvent[], initialState: 'nil' | 'unknown' = 'nil'): Verdict[] => {
    const incremental = new IncrementalLinearizability({ initialState });
    return [...prefixes(history, [1])].map((prefix) => incremental.update(paired(prefix)).valid);
  };

  it('carries a write that timed out across quiet points: a read much later may still see it', () => {
    const history = [
      event(0, 'invoke', 'write', 1), event(0, 'ok', 'write', 1),
      event(1, 'invoke', 'write', 2), event(1, 'info', 'write', 2),
      event(0, 'invoke', 'read', null), event(0, 'ok', 'read', 1),
      event(0, 'invoke', 'write', 3), event(0, 'ok', 'write', 3),
      event(0, 'invoke', 'read', null), event(0, 'ok', 'read', 2),
      event(0, 'invoke', 'read', null), event(0, 'ok', 'read', 2),
    ];
    expect(follow(history).every((v) => v === true)).toBe(true);
    // ... but only once: after another write, 2 cannot come back.
    const again = [...history, event(0, 'invoke', 'write', 4), event(0, 'ok', 'write', 4), event(0, 'invoke', 'read', null), event(0, 'ok', 'read', 2)];
    expect(follow(again).at(-1)).toBe(false);
    expect(checkLinearizability(paired(again)).valid).toBe(false);
  });

  it('a cas that returned false on the value the register held needs a timed-out write in between', () => {
    const history = [
      event(0, 'invoke', 'write', 1), event(0, 'ok', 'write', 1),
      event(1, 'invoke', 'write', 7), event(1, 'info', 'write', 7),
      event(0, 'invoke', 'cas', [1, 2]), event(0, 'ok', 'cas', false),
      event(0, 'invoke', 'read', null), event(0, 'ok', 'read', 7),
    ];
    expect(follow(history).at(-1)).toBe(true);
    const otherRead = [...history.slice(0, 6), event(0, 'invoke', 'read', null), event(0, 'ok', 'read', 1)];
    expect(follow(otherRead).at(-1)).toBe(false);
  });

  it('keeps every way of reaching a value: which timed-out operations were used decides what can follow', () => {
    // 5 can come from the unknown write or from the unknown cas 3→5. Only using the cas first
    // leaves the write to bring 5 back after the write of 7.
    const unknowns = [event(1, 'invoke', 'write', 5), event(1, 'info', 'write', 5), event(2, 'invoke', 'cas', [3, 5]), event(2, 'info', 'cas', [3, 5])];
    const tail = [
      event(0, 'invoke', 'read', null), event(0, 'ok', 'read', 5),
      event(0, 'invoke', 'write', 7), event(0, 'ok', 'write', 7),
      event(0, 'invoke', 'read', null), event(0, 'ok', 'read', 5),
    ];
    for (const order of [unknowns, [...unknowns.slice(2), ...unknowns.slice(0, 2)]]) {
      const history = [event(0, 'invoke', 'write', 3), event(0, 'ok', 'write', 3), ...order, ...tail];
      expect(checkLinearizability(paired(history)).valid).toBe(true);
      expect(follow(history).at(-1)).toBe(true);
    }
  });

  it('counts interchangeable timed-out writes per configuration: one ordering uses one, another both', () => {
    // Two timed-out writes of 5. The first read of 5 uses one; the write of 7 and the second read
    // were concurrent: read then write uses no other (ends at 7, one write of 5 left), write then
    // read uses the second (ends at 5, none left). A slow read of 3 keeps all of it one stretch.
    // After the write of 8 only the first ordering lets a read see 5 again.
    const history = [
      event(0, 'invoke', 'write', 3), event(0, 'ok', 'write', 3),
      event(1, 'invoke', 'write', 5), event(1, 'info', 'write', 5), event(2, 'invoke', 'write', 5), event(2, 'info', 'write', 5),
      event(4, 'invoke', 'read', null),
      event(0, 'invoke', 'read', null), event(0, 'ok', 'read', 5),
      event(3, 'invoke', 'write', 7), event(0, 'invoke', 'read', null), event(4, 'ok', 'read', 3), event(3, 'ok', 'write', 7), event(0, 'ok', 'read', 5),
      event(0, 'invoke', 'write', 8), event(0, 'ok', 'write', 8),
      event(0, 'invoke', 'read', null), event(0, 'ok', 'read', 5),
    ];
    expect(checkLinearizability(paired(history)).valid).toBe(true);
    expect(follow(history).every((v) => v === true)).toBe(true);
  });

  it('a pending operation blocks cuts and counts as unknown until it completes', () => {
    const history = [
      event(0, 'invoke', 'write', 1), event(0, 'ok', 'write', 1),
      event(1, 'invoke', 'write', 2),
      event(0, 'invoke', 'read', null), event(0, 'ok', 'read', 2),
      event(0, 'invoke', 'read', null), event(0, 'ok', 'read', 2),
    ];
    expect(follow(history).at(-1)).toBe(true);
    expect(follow([...history, event(1, 'ok', 'write', 2)]).at(-1)).toBe(true);
    // Had the write failed, nothing ever wrote the 2 the reads returned.
    const failed = [...history, event(1, 'fail', 'write', 2)];
    expect(follow(failed).at(-1)).toBe(false);
  });

  it('judges a window from an unknown start like the whole-prefix check', () => {
    const window = [event(0, 'invoke', 'cas', [5, 6]), event(0, 'ok', 'cas', [5, 6]), event(0, 'invoke', 'read', null), event(0, 'ok', 'read', 6)];
    expect(follow(window, 'unknown').at(-1)).toBe(true);
    expect(follow(window, 'nil').at(-1)).toBe(false);
  });

  it('names the stretch without a linearization, and stays violated', () => {
    const history = [event(0, 'invoke', 'write', 1), event(0, 'ok', 'write', 1), event(0, 'invoke', 'read', null), event(0, 'ok', 'read', 9), event(0, 'invoke', 'write', 2), event(0, 'ok', 'write', 2)];
    const incremental = new IncrementalLinearizability();
    const verdict = incremental.update(paired(history.slice(0, 4)));
    expect(verdict.valid).toBe(false);
    expect(verdict.failure?.operations.map((op) => op.f)).toEqual(['read']);
    expect(incremental.update(paired(history)).valid).toBe(false);
  });

  it('leaves out operations the caller excludes (a window of the history)', () => {
    const history = [event(0, 'invoke', 'write', 1), event(0, 'ok', 'write', 1), event(0, 'invoke', 'read', null), event(0, 'ok', 'read', 9)];
    const readsOnly = (op: HistoryOperation) => op.f === 'read';
    expect(new IncrementalLinearizability({ initialState: 'unknown' }).update(paired(history), readsOnly)).toMatchObject({ valid: true, ops: 1 });
    expect(new IncrementalLinearizability({ initialState: 'unknown' }).update(paired(history))).toMatchObject({ valid: false, ops: 2 });
  });

  it('costs each update about what was added, however long the history (steps do not grow)', () => {
    const history = lateUnknownsHistory({ processes: 3, operations: 6000, choices: Array.from({ length: 7919 }, (_, i) => (i * 7907) % 1000), unique: true, domain: 3, mutate: false, keys: 1 });
    const incremental = new IncrementalLinearizability();
    const pairing = new OperationPairing();
    const steps: number[] = [];
    for (const prefix of prefixes(history, [8])) {
      const operations = pairing.update(prefix);
      if (!operations.ok) throw new Error(operations.error.message);
      const followed = incremental.update(operations.operations);
      expect(followed.valid).toBe(true);
      steps.push(followed.steps);
    }
    const early = Math.max(...steps.slice(0, 100));
    const late = Math.max(...steps.slice(-100));
    expect(late).toBeLessThan(Math.max(200, 4 * early));
    // The whole-history check, for scale, takes far more steps on the full history.
    expect(checkLinearizability(paired(history)).steps).toBeGreaterThan(10 * late);
  });
});
