// A FIFO queue (Knossos' fifo-queue): `enqueue` v; `dequeue` returns the oldest element, or nil
// when the queue is empty (so an empty dequeue is an observation, not a failure).

import type { HistoryOperation } from '../operations';
import { sameValue, showValue, valueKey } from '../values';
import { describeAs, onKey } from './describe-model';
import { IMPOSSIBLE, type HistoryModel, type Impossible } from './model';

/** The elements, oldest first. */
export type QueueState = readonly unknown[];

function dequeue(state: QueueState, op: HistoryOperation): QueueState | Impossible {
  if (op.outcome === 'info') return state.length === 0 ? state : state.slice(1);
  if (state.length === 0) return op.output === null ? state : IMPOSSIBLE;
  return op.output !== null && sameValue(state[0], op.output) ? state.slice(1) : IMPOSSIBLE;
}

function showQueue(state: QueueState): string {
  return `[${state.map(showValue).join(', ')}]`;
}

export const queueModel: HistoryModel<QueueState> = {
  name: 'queue',
  functions: ['enqueue', 'dequeue'],
  summary: 'a FIFO queue per key, starting empty: enqueue v; dequeue returns the oldest element, or nil when empty',
  init: () => [],
  step: (state, op) => (op.f === 'enqueue' ? [...state, op.input] : dequeue(state, op)),
  stateKey: (state) => state.map(valueKey).join('\u0001'),
  describeOperation: (op) => describeAs(op, op.f === 'enqueue' ? `enqueue ${showValue(op.input)}${onKey(op)}` : `dequeue${onKey(op)}${op.outcome === 'ok' ? ` → ${showValue(op.output)}` : ''}`),
  describeState: (state) => `the queue ${showQueue(state)} (oldest first)`,
  whyNot: (state, op) => (state.length === 0 ? `it dequeued ${showValue(op.output)}, but the queue was empty` : `it dequeued ${showValue(op.output)}, but the oldest element was ${showValue(state[0])}`),
};
