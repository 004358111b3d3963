// What a history model is (as in Porcupine's model.go): a starting state, a step function, an
// equality (here a canonical key, so states can be interned to integers), a partition of the
// history into independent parts, and how to describe operations and states.

import type { LinearizabilityExplanation } from '../explain';
import type { HistoryOperation } from '../operations';
import { valueKey } from '../values';
import type { SearchVerdict } from '../wgl-search';

/** What `step` returns when an operation cannot happen in a state (null may be a state: nil). */
export const IMPOSSIBLE: unique symbol = Symbol('impossible');
export type Impossible = typeof IMPOSSIBLE;

export interface HistoryModel<State = unknown> {
  /** The name `--model` and the registry use: `register`, `set`… */
  readonly name: string;
  /** The operations (`f` values) the model understands. */
  readonly functions: readonly string[];
  /** One sentence: what the model is and what its operations return. */
  readonly summary: string;
  /** The state before any operation. */
  init(): State;
  /**
   * The state after `op` takes effect in `state`, or IMPOSSIBLE when it cannot happen there. An `ok`
   * operation must agree with its output; an `info` one (outcome unknown) takes effect without
   * an output to check, so its effect may depend only on its f, key, input, client and process.
   * Never mutates `state`.
   */
  step(state: State, op: HistoryOperation): State | Impossible;
  /**
   * What an operation of unknown outcome would do, as a string: operations with equal keys have
   * equal effects, so the search places such twins in call order only. Default: its f, key,
   * input, client and process (safe whatever the step reads); models whose effects ignore who
   * asked say so, which prunes far more.
   */
  effectKey?(op: HistoryOperation): string;
  /**
   * Leaves out operations of unknown outcome that could only hurt if they took effect (as the
   * register leaves out unknown writes nobody reads): fewer unknowns, far less search. Given and
   * returns operations that may have happened (no `fail`), in order.
   */
  prune?(operations: HistoryOperation[]): HistoryOperation[];
  /** A canonical string per state: two states are equal iff their keys are. */
  stateKey(state: State): string;
  /** Independent parts of a history, each checked alone, named by key (default: by `key`). */
  partition?(operations: readonly HistoryOperation[]): Map<string | undefined, HistoryOperation[]>;
  /** `c1 enqueue 3 (ok)`. */
  describeOperation(op: HistoryOperation): string;
  /** A noun phrase for a state, as in "leaving the queue [1, 2]": `the counter at 3`. */
  describeState(state: State): string;
  /** What is wrong with an event's value for this model, or null (checked when pairing). */
  checkValue?(f: string, type: 'invoke' | 'ok', value: unknown): string | null;
  /** Why `op` cannot happen in `state`, for explanations. */
  whyNot?(state: State, op: HistoryOperation): string;
  /** A state that stands for "nobody has observed it yet", for checks that start mid-run. */
  unknownInit?(): State;
  /** A specialised exact checker for one part (the register's encoded search and proofs). */
  checkPartition?(operations: readonly HistoryOperation[], key: string | undefined, context: PartitionContext): PartitionCheck;
}

export interface PartitionContext {
  /** Search steps this part may spend. */
  budgetSteps: number;
  initialState: 'nil' | 'unknown';
  /** Whether an invalid verdict needs an explanation (only the first invalid part gets one). */
  explain: boolean;
}

export interface PartitionCheck {
  verdict: SearchVerdict;
  steps: number;
  explanation?: LinearizabilityExplanation;
}

/** An effect key for models whose operations' effects depend on f, key and input alone. */
export function effectOfRequest(op: HistoryOperation): string {
  return `${op.f}\u0000${op.key ?? ''}\u0000${valueKey(op.input)}`;
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
