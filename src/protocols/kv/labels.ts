// How a key/value operation reads in a log: a short label for the stage and a canonical text for
// comparing commands across nodes.
import type { Operation } from '../../engine/types';

/** A short label for the stage: "x←3", "read x", "x: 1→2". */
export function operationLabel(op: Operation): string {
  const key = op.key ?? '?';
  if (op.f === 'write') return `${key}←${formatValue(op.value)}`;
  if (op.f === 'read') return `read ${key}`;
  const [expected, next] = Array.isArray(op.value) ? op.value : [undefined, undefined];
  return `${key}: ${formatValue(expected)}→${formatValue(next)}`;
}

export function formatValue(value: unknown): string {
  if (value === undefined) return '?';
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
}

/** Canonical texts already made: entries are immutable and shared between logs and messages,
 * so the same operation object is keyed many times by the invariants. */
const opKeys = new WeakMap<Operation, string>();

/** A canonical text for an operation, to compare commands across nodes. */
export function operationKey(op: Operation): string {
  let key = opKeys.get(op);
  if (key === undefined) {
    key = JSON.stringify([op.f, op.key ?? null, op.value ?? null]);
    opKeys.set(op, key);
  }
  return key;
}
