// A reference checker for small histories: tries every order of the operations that respects
// real-time order, where operations of unknown outcome may also never take effect. Exponential;
// only for tests. Written independently of the search (plain values, no interning, no cache).

import type { HistoryEvent } from '../../../src/engine/types';
import { pairOperations, type HistoryOperation } from '../../../src/checkers/operations';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The new register value, or undefined when the operation cannot happen in `state`. */
function apply(op: HistoryOperation, state: unknown): { next: unknown } | undefined {
  if (op.f === 'read') {
    if (op.outcome === 'info') return { next: state };
    return same(op.output, state) ? { next: state } : undefined;
  }
  if (op.f === 'write') return { next: op.input };
  const [expected, next] = op.input as [unknown, unknown];
  const matches = same(state, expected);
  if (op.outcome === 'info') return { next: matches ? next : state };
  if (op.output === false) return matches ? undefined : { next: state };
  return matches ? { next } : undefined;
}

/** Linearizable from some starting value of each key, tried among every value the history names. */
export function bruteForceLinearizableFromAnyStart(history: HistoryEvent[]): boolean {
  const paired = pairOperations(history);
  if (!paired.ok) throw new Error(paired.error.message);
  const keys = [...new Set(paired.operations.map((op) => op.key ?? ''))];
  const values: unknown[] = [null];
  for (const op of paired.operations) {
    for (const value of [op.input, op.output, ...(Array.isArray(op.input) ? op.input : [])]) {
      if (value !== undefined && typeof value !== 'boolean' && !Array.isArray(value) && !values.some((v) => same(v, value))) values.push(value);
    }
  }
  // Keys are independent registers: each needs some start of its own.
  return keys.every((key) => {
    const own = history.filter((event) => (event.key ?? '') === key);
    return values.some((start) => bruteForceLinearizable(own, new Map([[key, start]])));
  });
}

export function bruteForceLinearizable(history: HistoryEvent[], start: Map<string, unknown> = new Map()): boolean {
  const paired = pairOperations(history);
  if (!paired.ok) throw new Error(paired.error.message);
  const ops = paired.operations.filter((op) => op.outcome !== 'fail');
  const search = (remaining: HistoryOperation[], state: Map<string, unknown>): boolean => {
    if (remaining.every((op) => op.outcome === 'info')) return true;
    for (const op of remaining) {
      const blocked = remaining.some((other) => other !== op && other.returnIndex < op.callIndex);
      if (blocked) continue;
      const key = op.key ?? '';
      const stepped = apply(op, state.has(key) ? state.get(key) : null);
      if (!stepped) continue;
      const nextState = new Map(state).set(key, stepped.next);
      if (search(remaining.filter((other) => other !== op), nextState)) return true;
    }
    return false;
  };
  return search(ops, start);
}
