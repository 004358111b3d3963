// Shared wording for the models' operation descriptions: `c1 enqueue 3 (ok)`.

import { who } from '../describe';
import type { HistoryOperation } from '../operations';

/** `who action (result)`, the result being ok, fail or "outcome unknown". */
export function describeAs(op: HistoryOperation, action: string): string {
  const result = op.outcome === 'info' ? 'outcome unknown' : op.outcome;
  return `${who(op)} ${action} (${result})`;
}

/** ` on x` for an operation with a key. */
export function onKey(op: HistoryOperation): string {
  return op.key === undefined ? '' : ` on ${op.key}`;
}
