// Turns one part of a history into a search problem for any model: model states are interned to
// integers by their canonical key, so the register's search and its cache of (linearized set,
// state) pairs serve every model; each operation's transitions are memoised, as the search
// revisits the same states often.

import { IMPOSSIBLE, type HistoryModel } from './models/model';
import type { HistoryOperation } from './operations';
import { valueKey } from './values';
import type { SearchProblem, StepFunction } from './wgl-search';

/** Model states by integer id; the first state interned gets id 0. */
export class StateInterner<State> {
  private readonly ids = new Map<string, number>();
  private readonly states: State[] = [];

  constructor(private readonly model: HistoryModel<State>) {}

  id(state: State): number {
    const key = this.model.stateKey(state);
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.states.length;
      this.ids.set(key, id);
      this.states.push(state);
    }
    return id;
  }

  state(id: number): State {
    return this.states[id];
  }
}

export interface ModelProblem<State> extends SearchProblem {
  /** The operation of each entry: those of the part that may have happened (not `fail`). */
  source: HistoryOperation[];
  states: StateInterner<State>;
  step: StepFunction;
  /** The id of the starting state. */
  initial: number;
}

export function encodeForModel<State>(model: HistoryModel<State>, operations: readonly HistoryOperation[], start: State): ModelProblem<State> {
  const happened = operations.filter((op) => op.outcome !== 'fail'); // fail: certainly did not
  const source = model.prune ? model.prune(happened) : happened;
  const count = source.length;
  const states = new StateInterner(model);
  const initial = states.id(start);
  const memo = source.map(() => new Map<number, number>());
  const step: StepFunction = (i, state) => {
    let next = memo[i].get(state);
    if (next === undefined) {
      const after = model.step(states.state(state), source[i]);
      next = after === IMPOSSIBLE ? -1 : states.id(after);
      memo[i].set(state, next);
    }
    return next;
  };
  const problem: ModelProblem<State> = {
    count,
    callIndex: new Float64Array(count),
    returnIndex: new Float64Array(count),
    twinBefore: new Int32Array(count).fill(-1),
    source,
    states,
    step,
    initial,
  };
  const lastTwin = new Map<string, number>();
  source.forEach((op, i) => {
    problem.callIndex[i] = op.callIndex;
    problem.returnIndex[i] = op.outcome === 'info' ? Infinity : op.returnIndex;
    if (op.outcome !== 'info') return;
    // Without an output, an operation's effect depends only on what it was asked to do and, for
    // some models, by whom (a mutex release depends on its client).
    const signature = model.effectKey ? model.effectKey(op) : [op.f, op.key ?? '', valueKey(op.input), op.client ?? '', op.process].join('\u0000');
    const before = lastTwin.get(signature);
    if (before !== undefined) problem.twinBefore[i] = before;
    lastTwin.set(signature, i);
  });
  return problem;
}
