// The register's exact checker for one key: its encoded operations, a cheap proof from real-time
// order (a read of a value certainly overwritten) before the Wing–Gong–Lowe search, since refuting
// a long history by search alone can take exponentially many steps.

import { explainInvalid, proveNotLinearizable } from './explain';
import type { PartitionCheck, PartitionContext } from './models/model';
import type { HistoryOperation } from './operations';
import { encodeOperations, registerStep } from './register-model';
import { NIL_ID, UNKNOWN_ID, ValueInterner } from './values';
import { searchLinearization, type SearchVerdict } from './wgl-search';

/** Steps spent looking for a longest prefix when a proof has already settled the verdict. */
const EXPLANATION_STEPS = 500_000;

export function checkRegisterPartition(operations: readonly HistoryOperation[], key: string | undefined, context: PartitionContext): PartitionCheck {
  const interner = new ValueInterner();
  const encoded = encodeOperations(operations, interner);
  // The cheap proofs assume the register starts empty; with an unknown start only search decides.
  const initial = context.initialState === 'unknown' ? UNKNOWN_ID : NIL_ID;
  const proof = initial === NIL_ID ? proveNotLinearizable(encoded, interner, key) : null;
  const budget = proof ? Math.min(context.budgetSteps, EXPLANATION_STEPS) : context.budgetSteps;
  const outcome = searchLinearization(encoded, registerStep(encoded), budget, initial);
  // The search is exact: should it ever find a linearization, it wins over the proof.
  const verdict: SearchVerdict = proof && outcome.verdict !== 'valid' ? 'invalid' : outcome.verdict;
  const check: PartitionCheck = { verdict, steps: outcome.steps };
  if (verdict === 'invalid' && context.explain) check.explanation = explainInvalid(encoded, outcome, interner, key, proof, initial);
  return check;
}
