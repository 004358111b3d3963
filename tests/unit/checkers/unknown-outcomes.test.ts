// Histories full of operations of unknown outcome (timeouts during a partition) next to cases that
// returned false: the search treats unobserved values as one "other" value and interchangeable
// unknown writes as twins. It must still agree with brute force exactly.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkHistory } from '../../../src/checkers/index';
import type { HistoryEvent } from '../../../src/engine/types';
import { bruteForceLinearizable } from './brute-force';

type Step = { process: number; kind: 'write' | 'read' | 'cas'; value: number; expected: number; outcome: 'ok' | 'info' | 'false'; overlap: boolean };

const step = fc.record({
  process: fc.integer({ min: 0, max: 3 }),
  kind: fc.constantFrom('write', 'write', 'read', 'cas'),
  value: fc.integer({ min: 1, max: 9 }),
  expected: fc.integer({ min: 0, max: 3 }),
  outcome: fc.constantFrom('ok', 'info', 'info', 'false'),
  overlap: fc.boolean(),
}) as fc.Arbitrary<Step>;

/** Builds a history from steps: each step invokes, and completes at once or after the next one. */
function build(steps: Step[]): HistoryEvent[] {
  const history: HistoryEvent[] = [];
  const busy = new Map<number, HistoryEvent>();
  let process = 100;
  steps.forEach((s) => {
    const p = busy.has(s.process) ? process++ : s.process;
    const value = s.kind === 'cas' ? [s.expected === 0 ? null : s.expected, s.value] : s.kind === 'read' ? null : s.value;
    history.push({ process: p, type: 'invoke', f: s.kind, key: 'x', value });
    const outcome = s.kind === 'read' && s.outcome === 'false' ? 'ok' : s.outcome;
    const completion: HistoryEvent =
      outcome === 'info' ? { process: p, type: 'info', f: s.kind, key: 'x', value }
        : s.kind === 'read' ? { process: p, type: 'ok', f: 'read', key: 'x', value: s.expected === 0 ? null : s.expected }
          : s.kind === 'cas' && outcome === 'false' ? { process: p, type: 'ok', f: 'cas', key: 'x', value: false }
            : { process: p, type: 'ok', f: s.kind, key: 'x', value };
    if (s.overlap) busy.set(p, completion);
    else history.push(completion);
    for (const [other, pendingCompletion] of busy) if (other !== p) { history.push(pendingCompletion); busy.delete(other); }
  });
  for (const completion of busy.values()) history.push(completion);
  return history;
}

describe('unknown outcomes next to failed compares', () => {
  it('agrees with brute force on 1,500 histories rich in timeouts', () => {
    const tally = { valid: 0, invalid: 0 };
    fc.assert(
      fc.property(fc.array(step, { minLength: 2, maxLength: 7 }), (steps) => {
        const history = build(steps);
        const checked = checkHistory(history);
        if (!checked.ok) return; // the builder can make a process invoke twice; skip those
        const expected = bruteForceLinearizable(history);
        tally[expected ? 'valid' : 'invalid']++;
        expect(checked.linearizability.valid).toBe(expected);
      }),
      { numRuns: 1500 },
    );
    expect(tally.valid).toBeGreaterThan(100);
    expect(tally.invalid).toBeGreaterThan(100);
  });

  it('decides a CP-like history with twenty unknown writes quickly', () => {
    const history: HistoryEvent[] = [];
    // A cas that returned false on an empty register rules nothing out by itself …
    history.push({ process: 0, type: 'invoke', f: 'cas', key: 'x', value: [5, 6] }, { process: 0, type: 'ok', f: 'cas', key: 'x', value: false });
    // … then twenty timed-out writes of values nobody reads, interleaved with reads of nil.
    for (let i = 0; i < 20; i++) history.push({ process: 10 + i, type: 'invoke', f: 'write', key: 'x', value: 100 + i });
    for (let i = 0; i < 5; i++) history.push({ process: 1, type: 'invoke', f: 'read', key: 'x', value: null }, { process: 1, type: 'ok', f: 'read', key: 'x', value: null });
    for (let i = 0; i < 20; i++) history.push({ process: 10 + i, type: 'info', f: 'write', key: 'x', value: 100 + i });
    const checked = checkHistory(history, { budgetSteps: 100_000 });
    expect(checked.ok && checked.linearizability.valid).toBe(true);
  });
});
