// The search agrees with a brute-force checker on thousands of small random histories, and the
// proof sentences and session checker never fire on a linearizable history.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkHistory, partitionByKey, proofOfViolation } from '../../../src/checkers/index';
import { bruteForceLinearizable } from './brute-force';
import { generateHistory } from './generate';

const arbitraryOptions = fc.record({
  processes: fc.integer({ min: 1, max: 3 }),
  keys: fc.constantFrom(1, 1, 1, 2),
  operations: fc.integer({ min: 1, max: 7 }),
  choices: fc.array(fc.nat(1000), { minLength: 5, maxLength: 60 }),
  mutate: fc.boolean(),
  uniqueWrites: fc.boolean(),
  withTime: fc.boolean(),
});

describe('linearizability search against brute force', () => {
  it('agrees on 3,000 random small histories, valid and invalid', () => {
    const tally = { valid: 0, invalid: 0 };
    fc.assert(
      fc.property(arbitraryOptions, (options) => {
        const history = generateHistory(options);
        const expected = bruteForceLinearizable(history);
        const checked = checkHistory(history);
        if (!checked.ok) throw new Error(checked.error.message);
        const { linearizability } = checked;
        tally[expected ? 'valid' : 'invalid']++;
        expect(linearizability.valid).toBe(expected);
        if (!expected) {
          expect(linearizability.explanation?.sentence.length).toBeGreaterThan(0);
        } else {
          // Sound explanations: no proof of a violation exists for a linearizable history ...
          for (const [key, ops] of partitionByKey(checked.operations)) expect(proofOfViolation(ops, key)).toBeNull();
          // ... and a linearizable register keeps every session guarantee (judged on unique values).
          expect(checked.sessions).toEqual([]);
        }
      }),
      { numRuns: 3000, seed: 20240611 },
    );
    expect(tally.valid).toBeGreaterThan(450);
    expect(tally.invalid).toBeGreaterThan(450);
  });

  it('agrees on histories whose unknown operations never take effect', () => {
    // p0's write of 1 times out; nothing ever reads 1: valid only if the write may never happen.
    const history = [
      { process: 0, type: 'invoke', f: 'write', value: 1 },
      { process: 1, type: 'invoke', f: 'write', value: 2 },
      { process: 1, type: 'ok', f: 'write', value: 2 },
      { process: 0, type: 'info', f: 'write', value: 1 },
      { process: 1, type: 'invoke', f: 'read', value: null },
      { process: 1, type: 'ok', f: 'read', value: 2 },
    ] as const;
    const events = history.map((e) => ({ ...e }));
    expect(bruteForceLinearizable(events)).toBe(true);
    const checked = checkHistory(events);
    expect(checked.ok && checked.linearizability.valid).toBe(true);
  });
});
