// Explains a non-linearizable part under any model: the longest linearizable prefix the search
// found, the operations that could come next in real time and why none leads anywhere, and one
// sentence naming them. (The register has sharper proofs of its own, in explain.ts.)

import { calledAt, returnedAt } from './describe';
import type { LinearizabilityExplanation, PrefixStep } from './explain';
import type { ModelProblem } from './model-encoding';
import type { HistoryModel } from './models/model';
import type { SearchOutcome, SearchProblem } from './wgl-search';

/**
 * The operations not in `placed` that could be linearized next: each has a known completion and
 * was invoked before the earliest completion among them (so real time allows it first).
 */
export function candidatesAfter(problem: SearchProblem, placed: ReadonlySet<number>): number[] {
  let firstReturn = Infinity;
  for (let i = 0; i < problem.count; i++) if (!placed.has(i)) firstReturn = Math.min(firstReturn, problem.returnIndex[i]);
  const candidates: number[] = [];
  for (let i = 0; i < problem.count; i++) {
    if (!placed.has(i) && problem.returnIndex[i] !== Infinity && problem.callIndex[i] <= firstReturn) candidates.push(i);
  }
  return candidates;
}

export function explainForModel<State>(model: HistoryModel<State>, problem: ModelProblem<State>, outcome: SearchOutcome, key: string | undefined): LinearizabilityExplanation {
  const prefix: PrefixStep[] = [];
  let state = problem.initial;
  for (const i of outcome.longest) {
    state = problem.step(i, state);
    prefix.push({ operation: problem.source[i], description: model.describeOperation(problem.source[i]), stateAfter: problem.states.state(state) });
  }
  const reached = problem.states.state(state);
  const stuck = candidatesAfter(problem, new Set(outcome.longest))
    .map((index) => {
      const rejected = problem.step(index, state) < 0;
      const op = problem.source[index];
      const reason = rejected ? (model.whyNot?.(reached, op) ?? `it cannot happen to ${model.describeState(reached)}`) : 'it fits here, but no order of the remaining operations works after it';
      return { index, rejected, reason };
    })
    .sort((x, y) => Number(y.rejected) - Number(x.rejected) || problem.returnIndex[x.index] - problem.returnIndex[y.index]);
  const where = key === undefined ? '' : ` on ${key}`;
  const head = `No order of the ${problem.count} ${model.name} operations${where} matches what the clients saw: at best ${outcome.longest.length} of them fit, leaving ${model.describeState(reached)}`;
  let sentence = `${head}.`;
  if (stuck.length > 0) {
    const op = problem.source[stuck[0].index];
    sentence = `${head}, and then ${model.describeOperation(op)}, invoked at ${calledAt(op)} and returned at ${returnedAt(op)}, cannot come next: ${stuck[0].reason}.`;
  }
  return {
    key: key ?? null,
    prefix,
    state: reached,
    stuck: stuck.map(({ index, reason }) => ({ operation: problem.source[index], description: model.describeOperation(problem.source[index]), reason })),
    sentence,
    involved: stuck.slice(0, 3).map(({ index }) => problem.source[index]),
  };
}
