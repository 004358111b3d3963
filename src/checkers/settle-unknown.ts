// A second opinion for register keys the whole-history search gave up on (its step budget ran
// out). Histories with many operations of unknown outcome (timeouts under faults) defeat the
// search: each such operation may take effect anywhere after its call, and the orders multiply.
// The incremental checker (incremental.ts) cuts the history at quiet points and carries only the
// minimal configurations across each cut, which decides most of them in milliseconds. Only an
// exact answer is taken: linearizable with no stretch forgotten. Its "not linearizable" is sound
// too, but comes without the explanation the page and the CLI show, so the key stays unknown.
import { DEFAULT_STRETCH_BUDGET_STEPS, DEFAULT_TAIL_BUDGET_STEPS, IncrementalLinearizability } from './incremental';
import type { KeyVerdict } from './linearizability';
import type { HistoryOperation } from './operations';

/** Turns the unknown verdicts in `perKey` the incremental checker settles into `true`, in place;
 * returns the search steps it took. Each of its searches (a stretch between cuts, the tail) may
 * take a tenth of the caller's budget, at most its defaults: a small budget stays small. */
export function settleUnknownRegisterKeys(operations: readonly HistoryOperation[], perKey: KeyVerdict[], initialState: 'nil' | 'unknown', budgetSteps: number): number {
  const unknown = new Set(perKey.filter((verdict) => verdict.valid === 'unknown').map((verdict) => verdict.key));
  const share = Math.floor(budgetSteps / 10);
  if (unknown.size === 0 || share < 1) return 0;
  const checker = new IncrementalLinearizability({
    initialState,
    stretchBudgetSteps: Math.min(DEFAULT_STRETCH_BUDGET_STEPS, share),
    tailBudgetSteps: Math.min(DEFAULT_TAIL_BUDGET_STEPS, share),
  });
  const result = checker.update(operations, (op) => unknown.has(op.key ?? null));
  for (const settled of result.perKey) {
    if (settled.valid !== true || settled.leftOut > 0) continue;
    const verdict = perKey.find((candidate) => candidate.key === settled.key);
    if (verdict !== undefined) verdict.valid = true;
  }
  return result.steps;
}
