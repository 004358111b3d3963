// Plain English for operations: who did it (client, else process), what, and when (seconds from
// the events' `time` in ms, else the event's position in the history).

import type { HistoryOperation } from './operations';
import { showValue } from './values';

export function who(op: HistoryOperation): string {
  return op.client ?? `process ${op.process}`;
}

/** `c1's` / `process 3's`. */
export function whose(op: HistoryOperation): string {
  return `${who(op)}'s`;
}

function keyPrefix(key: string | undefined): string {
  return key === undefined ? '' : `${key}=`;
}

/** `read x=1`, `write x=2`, `cas x 1→3`; without a key: `read 1`, `write 2`, `cas 1→3`. */
export function action(op: HistoryOperation): string {
  if (op.f === 'read') {
    return op.outcome === 'ok' ? `read ${keyPrefix(op.key)}${showValue(op.output)}` : `read${op.key === undefined ? '' : ` ${op.key}`}`;
  }
  if (op.f === 'write') return `write ${keyPrefix(op.key)}${showValue(op.input)}`;
  if (op.f !== 'cas') return otherAction(op);
  const [expected, next] = op.input as [unknown, unknown];
  return `cas ${op.key === undefined ? '' : `${op.key} `}${showValue(expected)}→${showValue(next)}`;
}

/** Another model's operation: `enqueue 3`, `dequeue q → 3`, `acquire`. */
function otherAction(op: HistoryOperation): string {
  const key = op.key === undefined ? '' : ` ${op.key}`;
  const input = op.input === null || op.input === undefined ? '' : ` ${showValue(op.input)}`;
  const output = op.outcome === 'ok' && op.output !== null && op.output !== undefined ? ` → ${showValue(op.output)}` : '';
  return `${op.f}${key}${input}${output}`;
}

/** `c1 write x=2 (ok)`, with the cas result when it is known. */
export function describeOperation(op: HistoryOperation): string {
  let result: string = op.outcome;
  if (op.f === 'cas' && op.outcome === 'ok') result = op.output === false ? 'returned false' : 'succeeded';
  if (op.outcome === 'info') result = 'outcome unknown';
  return `${who(op)} ${action(op)} (${result})`;
}

/** `3.2 s`, or `event 14` when the history has no times. */
export function at(timeMs: number | undefined, eventIndex: number): string {
  if (timeMs === undefined || !Number.isFinite(timeMs)) return `event ${eventIndex + 1}`;
  return `${seconds(timeMs)} s`;
}

export function seconds(timeMs: number): string {
  const rounded = Math.round(timeMs) / 1000;
  return String(Number(rounded.toFixed(3)));
}

export function calledAt(op: HistoryOperation): string {
  return at(op.callTime, op.callIndex);
}

export function returnedAt(op: HistoryOperation): string {
  return at(op.returnTime, op.returnIndex);
}
