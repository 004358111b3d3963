// A reference linearizability checker for small histories under a model spec: tries every order
// of the operations that respects real-time order; operations of unknown outcome may also never
// take effect. Exponential; only for tests. Shares nothing with the search but pairOperations.

import type { HistoryEvent } from '../../../src/engine/types';
import { pairOperations, type HistoryOperation } from '../../../src/checkers/operations';
import type { ModelSpec } from './model-specs';

export function bruteForceUnderModel(spec: ModelSpec, functions: readonly string[], history: HistoryEvent[]): boolean {
  const paired = pairOperations(history, functions);
  if (!paired.ok) throw new Error(paired.error.message);
  const search = (remaining: HistoryOperation[], state: unknown): boolean => {
    if (remaining.every((op) => op.outcome === 'info')) return true;
    for (const op of remaining) {
      if (remaining.some((other) => other !== op && other.returnIndex < op.callIndex)) continue;
      const stepped = spec.reference(state, op);
      if (stepped && search(remaining.filter((other) => other !== op), stepped.next)) return true;
    }
    return false;
  };
  return search(paired.operations.filter((op) => op.outcome !== 'fail'), spec.initial());
}
