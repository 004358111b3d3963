// The register's exact checker for one key: its encoded operations, the Wing–Gong–Lowe search,
// and a cheap proof from real-time order (a read of a value certainly overwritten), since
// refuting a long history by search alone can take exponentially many steps.
//
// The proof is only worked out when it can matter: the search runs a short first leg, and most
// histories (live checks run on every frame) are settled there; the proof is needed when the
// search runs on (it then caps the search at what an explanation needs) or to explain a verdict
// of invalid. The search goes on where it stopped, so the outcome is the same as computing the
// proof first.

import { explainInvalid, proveNotLinearizable, type Proof } from './explain';
import type { PartitionCheck, PartitionContext } from './models/model';
import type { HistoryOperation } from './operations';
import { encodeOperations, registerStep } from './register-model';
import { NIL_ID, UNKNOWN_ID, ValueInterner } from './values';
import { startSearch, type SearchVerdict } from './wgl-search';

/** Steps spent looking for a longest prefix when a proof has already settled the verdict. */
const EXPLANATION_STEPS = 500_000;
/** Steps the search may take before the proof is worked out (at most EXPLANATION_STEPS). */
export const FIRST_LEG_STEPS = 10_000;

export function checkRegisterPartition(operations: readonly HistoryOperation[], key: string | undefined, context: PartitionContext): PartitionCheck {
  const interner = new ValueInterner();
  const encoded = encodeOperations(operations, interner);
  // The cheap proofs assume the register starts empty; with an unknown start only search decides.
  const initial = context.initialState === 'unknown' ? UNKNOWN_ID : NIL_ID;
  const search = startSearch(encoded, registerStep(encoded), initial);
  try {
    let outcome = search.run(Math.min(context.budgetSteps, FIRST_LEG_STEPS));
    let proof: Proof | null = null;
    const needsProof = outcome.verdict === 'unknown' || (outcome.verdict === 'invalid' && context.explain);
    if (needsProof && initial === NIL_ID) proof = proveNotLinearizable(encoded, interner, key);
    if (outcome.verdict === 'unknown') outcome = search.run(proof ? Math.min(context.budgetSteps, EXPLANATION_STEPS) : context.budgetSteps);
    // The search is exact: should it ever find a linearization, it wins over the proof.
    const verdict: SearchVerdict = proof && outcome.verdict !== 'valid' ? 'invalid' : outcome.verdict;
    const check: PartitionCheck = { verdict, steps: outcome.steps };
    if (verdict === 'invalid' && context.explain) check.explanation = explainInvalid(encoded, outcome, interner, key, proof, initial);
    return check;
  } finally {
    search.release();
  }
}
