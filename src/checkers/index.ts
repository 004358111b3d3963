// The history checkers' public API: readers, operation pairing, linearizability, session
// guarantees and convergence. Pure: no DOM, clocks, randomness or timers.

import type { HistoryEvent } from '../engine/types';
import { checkLinearizability, type LinearizabilityOptions, type LinearizabilityResult } from './linearizability';
import { pairOperations, type HistoryIssue, type HistoryOperation } from './operations';
import { checkSessions, type SessionViolation } from './sessions';

export { pairOperations, type HistoryOperation, type HistoryIssue, type HistoryIssueCode, type OperationOutcome, type PairResult } from './operations';
export {
  checkLinearizability,
  checkHistoryLinearizability,
  partitionByKey,
  DEFAULT_BUDGET_STEPS,
  type Verdict,
  type KeyVerdict,
  type LinearizabilityOptions,
  type LinearizabilityResult,
  type HistoryCheck,
} from './linearizability';
export { proofOfViolation, type LinearizabilityExplanation, type PrefixStep, type StuckOperation } from './explain';
export { checkSessions, type SessionGuarantee, type SessionViolation } from './sessions';
export { checkConvergence, type ConvergenceResult, type KeyConvergence, type ValueGroup } from './convergence';
export { describeOperation } from './describe';
export { sameValue, showValue } from './values';
export * from './parse/index';

export type FullCheck =
  | { ok: true; operations: HistoryOperation[]; linearizability: LinearizabilityResult; sessions: SessionViolation[] }
  | { ok: false; error: HistoryIssue };

/** Every history check at once: linearizability and session guarantees. Never throws. */
export function checkHistory(history: readonly HistoryEvent[], options: LinearizabilityOptions = {}): FullCheck {
  const paired = pairOperations(history);
  if (!paired.ok) return paired;
  const { operations } = paired;
  return { ok: true, operations, linearizability: checkLinearizability(operations, options), sessions: checkSessions(operations) };
}
