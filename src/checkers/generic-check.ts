// The exact checker for one part of a history under any model: the model's states interned, the
// Wing–Gong–Lowe search, and when invalid the generic explanation.

import { explainForModel } from './explain-generic';
import { encodeForModel } from './model-encoding';
import type { HistoryModel, PartitionCheck, PartitionContext } from './models/model';
import type { HistoryOperation } from './operations';
import { searchLinearization } from './wgl-search';

export function checkModelPartition<State>(model: HistoryModel<State>, operations: readonly HistoryOperation[], key: string | undefined, context: PartitionContext): PartitionCheck {
  const problem = encodeForModel(model, operations, startingState(model, context));
  const outcome = searchLinearization(problem, problem.step, context.budgetSteps, problem.initial);
  const check: PartitionCheck = { verdict: outcome.verdict, steps: outcome.steps };
  if (outcome.verdict === 'invalid' && context.explain) check.explanation = explainForModel(model, problem, outcome, key);
  return check;
}

function startingState<State>(model: HistoryModel<State>, context: PartitionContext): State {
  if (context.initialState === 'nil') return model.init();
  if (!model.unknownInit) throw new Error(`the ${model.name} model cannot start from an unknown state`);
  return model.unknownInit();
}
