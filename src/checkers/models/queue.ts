// A FIFO queue (Knossos' fifo-queue): `enqueue` v; `dequeue` returns the oldest element, or nil
// when the queue is empty (so an empty dequeue is an observation, not a failure).

import type { HistoryOperation } from '../operations';
import { sameValue, showValue, valueKey } from '../values';
import { describeAs, onKey } from './describe-model';
import { IMPOSSIBLE, effectOfRequest, type HistoryModel, type Impossible } from './model';

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

/**
 * Unknown operations that could only hurt. An unknown enqueue of a value no dequeue returned:
 * in the queue it would delay every later element and make an empty dequeue wrong. Unknown
 * dequeues, when every value is returned by at least as many dequeues as there are enqueues of
 * it: every element is then someone's ok dequeue, so none is left for them to take.
 */
function pruneUnknowns(operations: HistoryOperation[]): HistoryOperation[] {
  const returned = new Map<string, number>();
  for (const op of operations) if (op.f === 'dequeue' && op.outcome === 'ok') returned.set(valueKey(op.output), (returned.get(valueKey(op.output)) ?? 0) + 1);
  const kept = operations.filter((op) => op.f !== 'enqueue' || op.outcome !== 'info' || returned.has(valueKey(op.input)));
  const enqueued = new Map<string, number>();
  for (const op of kept) if (op.f === 'enqueue') enqueued.set(valueKey(op.input), (enqueued.get(valueKey(op.input)) ?? 0) + 1);
  const nothingSpare = [...enqueued].every(([value, count]) => (returned.get(value) ?? 0) >= count);
  return nothingSpare ? kept.filter((op) => op.f !== 'dequeue' || op.outcome !== 'info') : kept;
}

export const queueModel: HistoryModel<QueueState> = {
  name: 'queue',
  functions: ['enqueue', 'dequeue'],
  summary: 'a FIFO queue per key, starting empty: enqueue v; dequeue returns the oldest element, or nil when empty',
  init: () => [],
  step: (state, op) => (op.f === 'enqueue' ? [...state, op.input] : dequeue(state, op)),
  effectKey: effectOfRequest,
  prune: pruneUnknowns,
  stateKey: (state) => state.map(valueKey).join('\u0001'),
  describeOperation: (op) => describeAs(op, op.f === 'enqueue' ? `enqueue ${showValue(op.input)}${onKey(op)}` : `dequeue${onKey(op)}${op.outcome === 'ok' ? ` → ${showValue(op.output)}` : ''}`),
  describeState: (state) => `the queue ${showQueue(state)} (oldest first)`,
  whyNot: (state, op) => (state.length === 0 ? `it dequeued ${showValue(op.output)}, but the queue was empty` : `it dequeued ${showValue(op.output)}, but the oldest element was ${showValue(state[0])}`),
};
