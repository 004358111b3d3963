// For each generic model, the search agrees with a brute-force checker (every order respecting
// real time, reference semantics written apart from the models) on hundreds of small random
// histories, valid and invalid, with unknown outcomes; and the register checked through the
// generic path (its plain step, no encoding or proofs) agrees with its fast path.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkHistory, findModel, registerModel, type HistoryModel } from '../../../src/checkers/index';
import { generateHistory } from './generate';
import { bruteForceUnderModel } from './model-brute-force';
import { counterSpec, generateModelHistory, kvSpec, mutexSpec, queueSpec, setSpec, type ModelSpec } from './model-specs';

const options = fc.record({
  processes: fc.integer({ min: 1, max: 3 }),
  operations: fc.integer({ min: 1, max: 7 }),
  choices: fc.array(fc.nat(1000), { minLength: 5, maxLength: 60 }),
  mutate: fc.boolean(),
  clients: fc.constantFrom(true, true, false),
});

describe.each([setSpec, counterSpec, queueSpec, mutexSpec, kvSpec])('the $name model against brute force', (spec: ModelSpec) => {
  it('agrees on 400 random small histories', () => {
    const model = findModel(spec.name)!;
    const tally = { valid: 0, invalid: 0, unknownOutcomes: 0 };
    fc.assert(
      fc.property(options, (generated) => {
        const history = generateModelHistory(spec, generated);
        const expected = bruteForceUnderModel(spec, model.functions, history);
        const checked = checkHistory(history, { model: spec.name });
        if (!checked.ok) throw new Error(checked.error.message);
        tally[expected ? 'valid' : 'invalid']++;
        if (history.some((event) => event.type === 'info')) tally.unknownOutcomes++;
        expect(checked.linearizability.valid).toBe(expected);
        // kv parts without a txn are registers, explained by the register's own proofs.
        if (!expected) expect(checked.linearizability.explanation?.sentence).toMatch(spec.name === 'kv' ? /\w/ : /^No order of the \d+ \w+ operations/);
      }),
      { numRuns: 400, seed: 20261123 },
    );
    // Both verdicts and unknown outcomes are exercised, or the agreement would prove little.
    expect(tally.valid).toBeGreaterThan(40);
    expect(tally.invalid).toBeGreaterThan(40);
    expect(tally.unknownOutcomes).toBeGreaterThan(40);
  });
});

describe('the register through the generic search', () => {
  const plainRegister: HistoryModel = { ...registerModel, checkPartition: undefined };

  it('agrees with the fast path on 500 random histories', () => {
    fc.assert(
      fc.property(
        fc.record({
          processes: fc.integer({ min: 1, max: 3 }),
          keys: fc.constantFrom(1, 2),
          operations: fc.integer({ min: 1, max: 7 }),
          choices: fc.array(fc.nat(1000), { minLength: 5, maxLength: 60 }),
          mutate: fc.boolean(),
          uniqueWrites: fc.boolean(),
          withTime: fc.boolean(),
        }),
        fc.constantFrom<'nil' | 'unknown'>('nil', 'nil', 'unknown'),
        (generated, initialState) => {
          const history = generateHistory(generated);
          const fast = checkHistory(history, { initialState });
          const generic = checkHistory(history, { model: plainRegister, initialState });
          expect(fast.ok && generic.ok).toBe(true);
          if (fast.ok && generic.ok) expect(generic.linearizability.valid).toBe(fast.linearizability.valid);
        },
      ),
      { numRuns: 500, seed: 7 },
    );
  });
});
