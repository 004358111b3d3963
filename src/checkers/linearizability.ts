// Linearizability under a history model (register by default): the model partitions the history
// into independent parts (the register: one per key; the whole is linearizable iff every part
// is), then each part is checked within a shared step budget, by the model's own checker when it
// has one (the register's encoded search with its proofs) or by the generic one.

import type { HistoryEvent } from '../engine/types';
import type { LinearizabilityExplanation } from './explain';
import { checkModelPartition } from './generic-check';
import { partitionByKey, type HistoryModel, type PartitionCheck, type PartitionContext } from './models/model';
import { resolveModel } from './models/registry';
import { pairOperations, type HistoryIssue, type HistoryOperation } from './operations';
import { settleUnknownRegisterKeys } from './settle-unknown';
import type { SearchVerdict } from './wgl-search';

export { partitionByKey } from './models/model';

export type Verdict = true | false | 'unknown';

export const DEFAULT_BUDGET_STEPS = 5_000_000;

export interface LinearizabilityOptions {
  /** Search steps allowed over all keys; past it the verdict is 'unknown'. */
  budgetSteps?: number;
  /** 'unknown' checks a window that starts mid-run: is there a starting value that works?
   * Default 'nil', as for a whole history of a register that starts empty. */
  initialState?: 'nil' | 'unknown';
  /** The model's name in the registry (`register`, `kv`, `set`, `counter`, `queue`, `mutex`) or a
   * model of your own. Default `register`. */
  model?: string | HistoryModel;
}

export interface KeyVerdict {
  /** The key, or null for operations without one. */
  key: string | null;
  valid: Verdict;
  ops: number;
  steps: number;
}

export interface LinearizabilityResult {
  valid: Verdict;
  /** Operations in the history (all outcomes). */
  ops: number;
  steps: number;
  perKey: KeyVerdict[];
  /** When invalid: the first invalid key's explanation. */
  explanation?: LinearizabilityExplanation;
}

/** Checks operations (from `pairOperations`) under the chosen model. Throws only for a model name
 * not in the registry, or an unknown start the model cannot represent. */
export function checkLinearizability(operations: readonly HistoryOperation[], options: LinearizabilityOptions = {}): LinearizabilityResult {
  const model = resolveModel(options.model);
  const requested = options.budgetSteps;
  const budget = requested === undefined || Number.isNaN(requested) ? DEFAULT_BUDGET_STEPS : Math.max(0, requested);
  const perKey: KeyVerdict[] = [];
  let steps = 0;
  let explanation: LinearizabilityExplanation | undefined;
  for (const [key, partOperations] of (model.partition ?? partitionByKey)(operations)) {
    const context: PartitionContext = { budgetSteps: Math.max(0, budget - steps), initialState: options.initialState ?? 'nil', explain: !explanation };
    const check = checkPart(model, partOperations, key, context);
    steps += check.steps;
    perKey.push({ key: key ?? null, valid: toVerdict(check.verdict), ops: partOperations.length, steps: check.steps });
    if (check.explanation && !explanation) explanation = check.explanation;
  }
  // The register's keys the search gave up on get a second opinion (see settle-unknown.ts).
  if (model === resolveModel('register')) steps += settleUnknownRegisterKeys(operations, perKey, options.initialState ?? 'nil', budget);
  const result: LinearizabilityResult = { valid: combine(perKey.map((k) => k.valid)), ops: operations.length, steps, perKey };
  if (explanation) result.explanation = explanation;
  return result;
}

function checkPart<State>(model: HistoryModel<State>, operations: HistoryOperation[], key: string | undefined, context: PartitionContext): PartitionCheck {
  return model.checkPartition ? model.checkPartition(operations, key, context) : checkModelPartition(model, operations, key, context);
}

export type HistoryCheck = { ok: true; result: LinearizabilityResult; operations: HistoryOperation[] } | { ok: false; error: HistoryIssue };

/** Pairs a history's events and checks it; a malformed history gives a coded issue. */
export function checkHistoryLinearizability(history: readonly HistoryEvent[], options: LinearizabilityOptions = {}): HistoryCheck {
  const paired = pairOperations(history, resolveModel(options.model));
  if (!paired.ok) return paired;
  return { ok: true, result: checkLinearizability(paired.operations, options), operations: paired.operations };
}

function toVerdict(verdict: SearchVerdict): Verdict {
  return verdict === 'valid' ? true : verdict === 'invalid' ? false : 'unknown';
}

function combine(verdicts: Verdict[]): Verdict {
  if (verdicts.includes(false)) return false;
  if (verdicts.includes('unknown')) return 'unknown';
  return true;
}
