// Linearizability of read/write/cas registers: the history is partitioned by key (each key is an
// independent register, so the whole is linearizable iff every key is), then each key is checked
// by the Wing–Gong–Lowe search within a shared step budget. A cheap proof from real-time order
// (a read of a value certainly overwritten) settles many invalid keys first: refuting a long
// history by search alone can take exponentially many steps.

import type { HistoryEvent } from '../engine/types';
import { explainInvalid, proveNotLinearizable, type LinearizabilityExplanation } from './explain';
import { pairOperations, type HistoryIssue, type HistoryOperation } from './operations';
import { encodeOperations } from './register-model';
import { NIL_ID, UNKNOWN_ID, ValueInterner } from './values';
import { searchLinearization, type SearchVerdict } from './wgl-search';

export type Verdict = true | false | 'unknown';

export const DEFAULT_BUDGET_STEPS = 5_000_000;

/** Steps spent looking for a longest prefix when a proof has already settled the verdict. */
const EXPLANATION_STEPS = 500_000;

export interface LinearizabilityOptions {
  /** Search steps allowed over all keys; past it the verdict is 'unknown'. */
  budgetSteps?: number;
  /** 'unknown' checks a window that starts mid-run: is there a starting value that works?
   * Default 'nil', as for a whole history of a register that starts empty. */
  initialState?: 'nil' | 'unknown';
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

export function checkLinearizability(operations: readonly HistoryOperation[], options: LinearizabilityOptions = {}): LinearizabilityResult {
  const requested = options.budgetSteps;
  const budget = requested === undefined || Number.isNaN(requested) ? DEFAULT_BUDGET_STEPS : Math.max(0, requested);
  const perKey: KeyVerdict[] = [];
  let steps = 0;
  let explanation: LinearizabilityExplanation | undefined;
  for (const [key, keyOperations] of partitionByKey(operations)) {
    const interner = new ValueInterner();
    const encoded = encodeOperations(keyOperations, interner);
    // The cheap proofs assume the register starts empty; with an unknown start only search decides.
    const initial = options.initialState === 'unknown' ? UNKNOWN_ID : NIL_ID;
    const proof = initial === NIL_ID ? proveNotLinearizable(encoded, interner, key) : null;
    const remaining = Math.max(0, budget - steps);
    const outcome = searchLinearization(encoded, proof ? Math.min(remaining, EXPLANATION_STEPS) : remaining, initial);
    steps += outcome.steps;
    // The search is exact: should it ever find a linearization, it wins over the proof.
    const verdict: SearchVerdict = proof && outcome.verdict !== 'valid' ? 'invalid' : outcome.verdict;
    perKey.push({ key: key ?? null, valid: toVerdict(verdict), ops: keyOperations.length, steps: outcome.steps });
    if (verdict === 'invalid' && !explanation) explanation = explainInvalid(encoded, outcome, interner, key, proof, initial);
  }
  const result: LinearizabilityResult = { valid: combine(perKey.map((k) => k.valid)), ops: operations.length, steps, perKey };
  if (explanation) result.explanation = explanation;
  return result;
}

export type HistoryCheck = { ok: true; result: LinearizabilityResult; operations: HistoryOperation[] } | { ok: false; error: HistoryIssue };

/** Pairs a history's events and checks it; a malformed history gives a coded issue. */
export function checkHistoryLinearizability(history: readonly HistoryEvent[], options: LinearizabilityOptions = {}): HistoryCheck {
  const paired = pairOperations(history);
  if (!paired.ok) return paired;
  return { ok: true, result: checkLinearizability(paired.operations, options), operations: paired.operations };
}

/** Operations grouped by key, keys in order of first appearance. */
export function partitionByKey(operations: readonly HistoryOperation[]): Map<string | undefined, HistoryOperation[]> {
  const groups = new Map<string | undefined, HistoryOperation[]>();
  for (const op of operations) {
    let group = groups.get(op.key);
    if (!group) groups.set(op.key, (group = []));
    group.push(op);
  }
  return groups;
}

function toVerdict(verdict: SearchVerdict): Verdict {
  return verdict === 'valid' ? true : verdict === 'invalid' ? false : 'unknown';
}

function combine(verdicts: Verdict[]): Verdict {
  if (verdicts.includes(false)) return false;
  if (verdicts.includes('unknown')) return 'unknown';
  return true;
}
