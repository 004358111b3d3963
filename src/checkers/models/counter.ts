// A counter (Jepsen's counter workload): `add` n (a whole number, possibly negative); `read`
// returns the total, starting at 0. Whole numbers only, so every order sums exactly.

import type { HistoryOperation } from '../operations';
import { describeAs, onKey } from './describe-model';
import { IMPOSSIBLE, effectOfRequest, type HistoryModel } from './model';

export const counterModel: HistoryModel<number> = {
  name: 'counter',
  functions: ['add', 'read'],
  summary: 'a counter per key, starting at 0: add n (a whole number); read returns the total',
  init: () => 0,
  step(state, op: HistoryOperation) {
    if (op.f === 'add') return state + (op.input as number);
    if (op.outcome === 'info') return state;
    return op.output === state ? state : IMPOSSIBLE;
  },
  effectKey: effectOfRequest,
  stateKey: (state) => String(state),
  describeOperation: (op) => describeAs(op, op.f === 'add' ? `add ${String(op.input)}${onKey(op)}` : `read${onKey(op)}${op.outcome === 'ok' ? ` ${String(op.output)}` : ''}`),
  describeState: (state) => `the counter at ${state}`,
  whyNot: (state, op) => `it read ${String(op.output)}, but the counter was ${state}`,
  checkValue(f, type, value) {
    if (f === 'add' && type === 'invoke' && !Number.isSafeInteger(value)) return `a counter add needs a whole number, got ${JSON.stringify(value) ?? 'nothing'}`;
    if (f === 'read' && type === 'ok' && !Number.isSafeInteger(value)) return `a counter read returns a whole number, got ${JSON.stringify(value) ?? 'nothing'}`;
    return null;
  },
};
