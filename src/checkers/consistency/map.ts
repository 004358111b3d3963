// The live map of consistency models over a register history with unique written values: each
// model of Jepsen's map holds (true), is violated (false, with one sentence and the operations),
// or is undecided within the step budget ("unknown"); and, given the replicas' final states,
// whether they converged. Verdicts are combined along the map (see hierarchy.ts); models are
// searched strongest first, and one is skipped when a stronger one already holds.

import type { HistoryEvent } from '../../engine/types';
import { checkConvergence } from '../convergence';
import { action, calledAt, describeOperation, who } from '../describe';
import { checkLinearizability, DEFAULT_BUDGET_STEPS, type LinearizabilityResult, type Verdict } from '../linearizability';
import { pairOperations, type HistoryIssue, type HistoryOperation } from '../operations';
import { showValue } from '../values';
import { explainModel, type Explanation } from './explain';
import { CONSISTENCY_MODELS, enforceHierarchy, modelInSentence, type ConsistencyModel } from './hierarchy';
import { checkModel, type WeakModel } from './models';
import { normalize, type InitialState, type Normalized } from './normalize';

/** An operation a verdict names: its invoke event's index in the history, and a description. */
export interface NamedOperation {
  callIndex: number;
  description: string;
}

export interface ModelVerdict {
  holds: Verdict;
  /** false: why, in one sentence; unknown: why it is undecided; true: null. */
  sentence: string | null;
  operations: NamedOperation[];
  /** Set when the verdict was read off another model of the map (a weaker one violated, a
   * stronger one holding) rather than decided on its own. */
  impliedBy: ConsistencyModel | null;
}

export interface ConsistencyMapResult {
  models: Record<ConsistencyModel, ModelVerdict>;
  /** Eventual convergence of the replicas' final states; null when none were given. */
  convergence: ModelVerdict | null;
  /** Search steps spent (linearizability's own included when it was computed here). */
  steps: number;
}

export interface ConsistencyMapOptions {
  /** Search steps for the whole map; past it a model is "unknown". Default 5,000,000. */
  budgetSteps?: number;
  /** 'unknown' for a window that starts mid-run (see normalize.ts). Default 'nil'. */
  initialState?: InitialState;
  /** Linearizability already computed over the same operations (with the same initial state). */
  linearizable?: LinearizabilityResult;
  /** The replicas' final states (node → key → value), for eventual convergence. */
  replicas?: Record<string, Record<string, unknown>>;
}

/** Strongest first: a model that holds settles every weaker one, so most histories need one or
 * two searches. Each search may spend this share of the steps left, so a long refutation high
 * on the map leaves steps for the models below it. */
const SEARCH_ORDER: [WeakModel, number][] = [
  ['sequential', 1 / 2],
  ['causal', 1 / 2],
  ['pram', 1 / 3],
  ['writes-follow-reads', 1 / 2],
  ['read-your-writes', 1 / 3],
  ['monotonic-reads', 1 / 2],
  ['monotonic-writes', 1],
];

const WEAK_MODELS: WeakModel[] = SEARCH_ORDER.map(([model]) => model);

/** Models stronger than each (a model is not searched once one of these holds). */
const ABOVE: Record<WeakModel, WeakModel[]> = {
  sequential: [],
  causal: ['sequential'],
  pram: ['sequential', 'causal'],
  'writes-follow-reads': ['sequential', 'causal'],
  'read-your-writes': ['sequential', 'causal', 'pram'],
  'monotonic-reads': ['sequential', 'causal', 'pram'],
  'monotonic-writes': ['sequential', 'causal', 'pram'],
};

function named(operations: readonly HistoryOperation[]): NamedOperation[] {
  return operations.map((op) => ({ callIndex: op.callIndex, description: describeOperation(op) }));
}

function verdict(holds: Verdict, sentence: string | null = null, operations: readonly HistoryOperation[] = []): ModelVerdict {
  return { holds, sentence, operations: named(operations), impliedBy: null };
}

/** Checks every model of the map over operations from `pairOperations`. Never throws. */
export function checkConsistencyMap(operations: readonly HistoryOperation[], options: ConsistencyMapOptions = {}): ConsistencyMapResult {
  const budget = Math.max(0, options.budgetSteps ?? DEFAULT_BUDGET_STEPS);
  const initialState = options.initialState ?? 'nil';
  const lin = options.linearizable ?? checkLinearizability(operations, { budgetSteps: budget, initialState });
  let steps = options.linearizable ? 0 : lin.steps;
  const raw = {} as Record<ConsistencyModel, ModelVerdict>;
  raw.linearizable = verdict(lin.valid, lin.valid === false ? (lin.explanation?.sentence ?? 'No order of the operations matches what the clients saw in real time.') : lin.valid === 'unknown' ? 'Undecided within the budget of search steps.' : null, lin.explanation?.involved ?? []);
  const normalized = normalize(operations, initialState);
  if (!normalized.ok) {
    const settled = normalized.reason === 'thin-air' ? thinAir(normalized.read, normalized.value, normalized.failedWriter) : duplicate(normalized.first, normalized.second, normalized.value);
    for (const model of WEAK_MODELS) raw[model] = settled;
  } else if (lin.valid === true) {
    for (const model of WEAK_MODELS) raw[model] = verdict('unknown');
  } else {
    steps += searchModels(normalized.problem, raw, Math.max(0, budget - steps), initialState);
  }
  return { models: combine(raw), convergence: options.replicas ? convergence(options.replicas) : null, steps };
}

function searchModels(problem: Normalized, raw: Record<ConsistencyModel, ModelVerdict>, budget: number, initialState: InitialState): number {
  let steps = 0;
  for (const [model, share] of SEARCH_ORDER) {
    if (ABOVE[model].some((stronger) => raw[stronger].holds === true)) {
      raw[model] = verdict('unknown');
      continue;
    }
    const outcome = checkModel(problem, model, Math.floor(Math.max(0, budget - steps) * share));
    steps += outcome.steps;
    if (outcome.verdict === 'valid') raw[model] = verdict(true);
    else if (outcome.verdict === 'unknown') raw[model] = verdict('unknown', 'Undecided within the budget of search steps.');
    else {
      const why: Explanation = explainModel(problem, model, outcome, initialState);
      raw[model] = verdict(false, why.sentence, why.operations);
    }
  }
  return steps;
}

/** The raw verdicts combined along the map; a read-off verdict borrows its source's sentence. */
function combine(raw: Record<ConsistencyModel, ModelVerdict>): Record<ConsistencyModel, ModelVerdict> {
  const derived = enforceHierarchy(Object.fromEntries(CONSISTENCY_MODELS.map((m) => [m, raw[m].holds])) as Record<ConsistencyModel, Verdict>);
  const out = {} as Record<ConsistencyModel, ModelVerdict>;
  for (const model of CONSISTENCY_MODELS) {
    const { holds, impliedBy } = derived[model];
    if (impliedBy === null) out[model] = raw[model];
    else if (holds === false) out[model] = { ...raw[impliedBy], impliedBy, sentence: `Not ${modelInSentence(impliedBy)}, so not ${modelInSentence(model)} either: ${raw[impliedBy].sentence}` };
    else out[model] = { holds, sentence: null, operations: [], impliedBy };
  }
  return out;
}

function thinAir(read: HistoryOperation, value: unknown, failedWriter: HistoryOperation | null): ModelVerdict {
  const tail = failedWriter ? `, and the only write of ${showValue(value)} (${who(failedWriter)}’s at ${calledAt(failedWriter)}) failed` : `, but no operation wrote ${showValue(value)}`;
  return verdict(false, `${who(read)} ${action(read)} at ${calledAt(read)}${tail}.`, failedWriter ? [read, failedWriter] : [read]);
}

function duplicate(first: HistoryOperation, second: HistoryOperation, value: unknown): ModelVerdict {
  const by = first === second ? `${who(first)} at ${calledAt(first)}, the same as the initial value` : `${who(first)} at ${calledAt(first)} and ${who(second)} at ${calledAt(second)}`;
  return verdict('unknown', `${showValue(value)} was written more than once (${by}), so a read does not name its write; this map needs unique written values.`, first === second ? [first] : [first, second]);
}

function convergence(replicas: Record<string, Record<string, unknown>>): ModelVerdict {
  const result = checkConvergence(replicas);
  return verdict(result.converged, result.converged ? null : result.sentence);
}

export type ConsistencyCheck = { ok: true; map: ConsistencyMapResult; operations: HistoryOperation[] } | { ok: false; error: HistoryIssue };

/** Pairs a register history's events and checks the map; a malformed history gives a coded issue. */
export function checkHistoryConsistency(history: readonly HistoryEvent[], options: ConsistencyMapOptions = {}): ConsistencyCheck {
  const paired = pairOperations(history);
  if (!paired.ok) return paired;
  return { ok: true, map: checkConsistencyMap(paired.operations, options), operations: paired.operations };
}

/** One model of the map decided on its own, without the hierarchy (for tests and tools). */
export function checkConsistencyModel(operations: readonly HistoryOperation[], model: WeakModel, options: { budgetSteps?: number; initialState?: InitialState } = {}): Verdict {
  const normalized = normalize(operations, options.initialState ?? 'nil');
  if (!normalized.ok) return normalized.reason === 'thin-air' ? false : 'unknown';
  const outcome = checkModel(normalized.problem, model, options.budgetSteps ?? DEFAULT_BUDGET_STEPS);
  return outcome.verdict === 'valid' ? true : outcome.verdict === 'invalid' ? false : 'unknown';
}
