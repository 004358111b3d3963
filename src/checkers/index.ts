// The history checkers' public API: readers, operation pairing, history models, linearizability,
// session guarantees and convergence. Pure: no DOM, clocks, randomness or timers.

import type { HistoryEvent } from '../engine/types';
import { checkLinearizability, type LinearizabilityOptions, type LinearizabilityResult } from './linearizability';
import { resolveModel } from './models/registry';
import { pairOperations, type HistoryIssue, type HistoryOperation } from './operations';
import { checkSessions, type SessionViolation } from './sessions';

export { pairOperations, OperationPairing, type HistoryOperation, type HistoryIssue, type HistoryIssueCode, type OperationOutcome, type PairResult } from './operations';
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
export { HISTORY_MODELS, DEFAULT_MODEL, findModel, resolveModel } from './models/registry';
export { IMPOSSIBLE, type HistoryModel, type Impossible, type PartitionCheck, type PartitionContext } from './models/model';
export { registerModel } from './models/register';
export { kvModel } from './models/kv';
export { setModel } from './models/set';
export { counterModel } from './models/counter';
export { queueModel } from './models/queue';
export { mutexModel } from './models/mutex';
export { proofOfViolation, type LinearizabilityExplanation, type PrefixStep, type StuckOperation } from './explain';
export { checkSessions, type SessionGuarantee, type SessionViolation } from './sessions';
export { checkConvergence, type ConvergenceResult, type KeyConvergence, type ValueGroup } from './convergence';
export { describeOperation } from './describe';
export { IncrementalLinearizability, type IncrementalOptions, type IncrementalResult, type IncrementalKeyVerdict } from './incremental';
export * from './consistency/index';
export { sameValue, showValue } from './values';
export * from './parse/index';

export type FullCheck =
  | { ok: true; operations: HistoryOperation[]; linearizability: LinearizabilityResult; sessions: SessionViolation[] }
  | { ok: false; error: HistoryIssue };

/** Session guarantees are about reads and writes of registers; other models have none here. */
const SESSION_MODELS = new Set(['register', 'kv']);

/** Every history check at once: linearizability and (for registers) session guarantees. Never
 * throws, except for a model name not in the registry. */
export function checkHistory(history: readonly HistoryEvent[], options: LinearizabilityOptions = {}): FullCheck {
  const model = resolveModel(options.model);
  const paired = pairOperations(history, model);
  if (!paired.ok) return paired;
  const { operations } = paired;
  const sessions = SESSION_MODELS.has(model.name) ? checkSessions(operations.filter((op) => op.f !== 'txn')) : [];
  return { ok: true, operations, linearizability: checkLinearizability(operations, { ...options, model }), sessions };
}
