// The consistency map's checkers against brute force on random small register histories: each
// model decided on its own agrees with the reference that enumerates every order.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkConsistencyModel, pairOperations, type WeakModel } from '../../../src/checkers/index';
import type { HistoryEvent } from '../../../src/engine/types';
import { bruteForceModel } from './consistency-brute-force';
import { generateWeakHistory, weakHistoryArbitrary } from './consistency-generate';

const MODELS: WeakModel[] = ['sequential', 'causal', 'pram', 'read-your-writes', 'monotonic-reads', 'monotonic-writes', 'writes-follow-reads'];

function fast(history: HistoryEvent[], model: WeakModel) {
  const paired = pairOperations(history);
  if (!paired.ok) throw new Error(paired.error.message);
  return checkConsistencyModel(paired.operations, model);
}

describe.each(MODELS)('%s agrees with brute force', (model) => {
  it('on 400 random small histories', () => {
    const seen = { true: 0, false: 0 };
    fc.assert(
      fc.property(weakHistoryArbitrary(), (options) => {
        const history = generateWeakHistory(options);
        const expected = bruteForceModel(history, model);
        expect(fast(history, model)).toBe(expected);
        seen[String(expected) as 'true' | 'false']++;
      }),
      { numRuns: 400, seed: 10 },
    );
    // Both verdicts occur, so agreement means something.
    expect(seen.true).toBeGreaterThan(20);
    expect(seen.false).toBeGreaterThan(20);
  });
});
