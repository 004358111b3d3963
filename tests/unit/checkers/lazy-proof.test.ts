// The register checker works its proof out only when it can matter (after a first leg of search,
// or to explain an invalid verdict) and resumes the search where it stopped. Its whole result
// (verdict, steps, explanation) must equal working the proof out first and searching once, as it
// did before, whatever the budget: on random histories and on the Jepsen etcd corpus.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainInvalid, proveNotLinearizable } from '../../../src/checkers/explain';
import { DEFAULT_BUDGET_STEPS, pairOperations, parseHistory, type HistoryOperation } from '../../../src/checkers/index';
import type { PartitionCheck, PartitionContext } from '../../../src/checkers/models/model';
import { checkRegisterPartition, FIRST_LEG_STEPS } from '../../../src/checkers/register-check';
import { encodeOperations, registerStep } from '../../../src/checkers/register-model';
import { NIL_ID, UNKNOWN_ID, ValueInterner } from '../../../src/checkers/values';
import { searchLinearization, startSearch, type SearchVerdict } from '../../../src/checkers/wgl-search';
import type { HistoryEvent } from '../../../src/engine/types';
import { generateHistory } from './generate';

/** The checker as it was: the proof first, then one search capped by it. */
function proofFirst(operations: readonly HistoryOperation[], key: string | undefined, context: PartitionContext): PartitionCheck {
  const interner = new ValueInterner();
  const encoded = encodeOperations(operations, interner);
  const initial = context.initialState === 'unknown' ? UNKNOWN_ID : NIL_ID;
  const proof = initial === NIL_ID ? proveNotLinearizable(encoded, interner, key) : null;
  const budget = proof ? Math.min(context.budgetSteps, 500_000) : context.budgetSteps;
  const outcome = searchLinearization(encoded, registerStep(encoded), budget, initial);
  const verdict: SearchVerdict = proof && outcome.verdict !== 'valid' ? 'invalid' : outcome.verdict;
  const check: PartitionCheck = { verdict, steps: outcome.steps };
  if (verdict === 'invalid' && context.explain) check.explanation = explainInvalid(encoded, outcome, interner, key, proof, initial);
  return check;
}

function operationsOf(history: HistoryEvent[]): HistoryOperation[] {
  const paired = pairOperations(history);
  if (!paired.ok) throw new Error(paired.error.message);
  return paired.operations;
}

const contexts = fc.record({
  budgetSteps: fc.oneof(fc.constantFrom(0, 1, 5, 40, FIRST_LEG_STEPS, 5_000_000), fc.nat(300)),
  initialState: fc.constantFrom<('nil' | 'unknown')[]>('nil', 'nil', 'unknown'),
  explain: fc.boolean(),
});

describe('the register checker with its proof worked out lazily', () => {
  it('gives the same verdict, steps and explanation as proving first, on 2,000 random histories', () => {
    const options = fc.record({
      processes: fc.integer({ min: 1, max: 4 }),
      keys: fc.constant(1),
      operations: fc.integer({ min: 1, max: 9 }),
      choices: fc.array(fc.nat(1000), { minLength: 5, maxLength: 80 }),
      mutate: fc.boolean(),
      uniqueWrites: fc.boolean(),
      withTime: fc.boolean(),
    });
    fc.assert(
      fc.property(options, contexts, (generated, context) => {
        const operations = operationsOf(generateHistory(generated));
        expect(checkRegisterPartition(operations, undefined, context)).toEqual(proofFirst(operations, undefined, context));
      }),
      { numRuns: 2000 },
    );
  });

  const dir = path.resolve(process.cwd(), '../shared/conformance/jepsen-etcd');
  it.skipIf(!existsSync(dir))('gives the same results on the Jepsen etcd corpus, including searches that run past the first leg', () => {
    let resumed = 0;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.log')).sort()) {
      const parsed = parseHistory(file, readFileSync(path.join(dir, file), 'utf8'));
      if (!parsed.ok) throw new Error(parsed.error);
      const operations = operationsOf(parsed.history);
      for (const budgetSteps of [300, 50_000, DEFAULT_BUDGET_STEPS]) {
        const context: PartitionContext = { budgetSteps, initialState: 'nil', explain: true };
        const lazy = checkRegisterPartition(operations, undefined, context);
        expect(lazy, file).toEqual(proofFirst(operations, undefined, context));
        if (lazy.steps > FIRST_LEG_STEPS) resumed++;
      }
    }
    expect(resumed).toBeGreaterThan(0);
  });
});

describe('a resumable search', () => {
  it('run in legs ends exactly as one run with the last budget', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { minLength: 5, maxLength: 80 }), fc.array(fc.nat(60), { minLength: 1, maxLength: 5 }), (choices, legs) => {
        const operations = operationsOf(generateHistory({ processes: 3, keys: 1, operations: 8, choices, mutate: true, uniqueWrites: false, withTime: false }));
        const encoded = encodeOperations(operations, new ValueInterner());
        const search = startSearch(encoded, registerStep(encoded));
        let budget = 0;
        let outcome;
        for (const leg of legs) outcome = search.run((budget += leg));
        search.release();
        expect(outcome).toEqual(searchLinearization(encoded, registerStep(encoded), budget));
      }),
      { numRuns: 1000 },
    );
  });
});
