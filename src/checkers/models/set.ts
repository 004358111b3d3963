// A grow-only set (Knossos' set): `add` v; `read` returns every element, in any order. The state
// is its elements' canonical keys, sorted, so equal sets are equal states.

import type { HistoryOperation } from '../operations';
import { showValue, valueKey } from '../values';
import { describeAs, onKey } from './describe-model';
import { IMPOSSIBLE, effectOfRequest, type HistoryModel } from './model';

export interface SetState {
  /** Canonical keys of the elements, sorted; `values[i]` is the element of `keys[i]`. */
  keys: readonly string[];
  values: readonly unknown[];
}

function add(state: SetState, value: unknown): SetState {
  const key = valueKey(value);
  let at = 0;
  while (at < state.keys.length && state.keys[at] < key) at++;
  if (state.keys[at] === key) return state;
  return { keys: [...state.keys.slice(0, at), key, ...state.keys.slice(at)], values: [...state.values.slice(0, at), value, ...state.values.slice(at)] };
}

/** Whether a read's array names exactly the set's elements (a repeated element never matches). */
function readMatches(state: SetState, output: unknown): boolean {
  if (!Array.isArray(output) || output.length !== state.keys.length) return false;
  const keys = output.map(valueKey).sort();
  return keys.every((key, i) => key === state.keys[i]);
}

function showSet(values: readonly unknown[]): string {
  return `{${values.map(showValue).join(', ')}}`;
}

/** An unknown add of a value no read returned can only hurt: every later read would miss it. */
function pruneUnseenAdds(operations: HistoryOperation[]): HistoryOperation[] {
  const seen = new Set<string>();
  for (const op of operations) if (op.f === 'read' && op.outcome === 'ok' && Array.isArray(op.output)) for (const value of op.output) seen.add(valueKey(value));
  return operations.filter((op) => op.f !== 'add' || op.outcome !== 'info' || seen.has(valueKey(op.input)));
}

export const setModel: HistoryModel<SetState> = {
  name: 'set',
  functions: ['add', 'read'],
  summary: 'a grow-only set per key, starting empty: add v; read returns all its elements as an array, in any order',
  init: () => ({ keys: [], values: [] }),
  step(state, op: HistoryOperation) {
    if (op.f === 'add') return add(state, op.input);
    if (op.outcome === 'info') return state;
    return readMatches(state, op.output) ? state : IMPOSSIBLE;
  },
  effectKey: effectOfRequest,
  prune: pruneUnseenAdds,
  stateKey: (state) => state.keys.join('\u0001'),
  describeOperation: (op) => describeAs(op, op.f === 'add' ? `add ${showValue(op.input)}${onKey(op)}` : `read${onKey(op)}${op.outcome === 'ok' && Array.isArray(op.output) ? ` ${showSet(op.output)}` : ''}`),
  describeState: (state) => `the set ${showSet(state.values)}`,
  whyNot: (state, op) => `it read ${Array.isArray(op.output) ? showSet(op.output) : showValue(op.output)}, but the set held ${showSet(state.values)}`,
  checkValue: (f, type, value) => (f === 'read' && type === 'ok' && !Array.isArray(value) ? `a set read returns an array of elements, got ${JSON.stringify(value) ?? 'nothing'}` : null),
};
