// A key/value map and the three operations Jepsen's register workloads use on it: read, write
// and compare-and-set. A missing key reads as null; a cas answers ok with true (swapped) or false.
import type { Operation } from '../../engine/types';
import type { ReplyResult } from '../client/messages';

export type KeyValue = Record<string, unknown>;

export function isSupported(op: Operation): boolean {
  if (typeof op.key !== 'string') return false;
  if (op.f === 'cas') return Array.isArray(op.value) && op.value.length === 2;
  return op.f === 'read' || op.f === 'write';
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Applies one operation to `kv` IN PLACE (the caller owns a fresh copy) and returns its result. */
export function applyOp(kv: KeyValue, op: Operation | null): ReplyResult {
  if (op === null || typeof op.key !== 'string') return { status: 'ok' };
  const current = Object.hasOwn(kv, op.key) ? kv[op.key] : null;
  if (op.f === 'read') return { status: 'ok', value: current };
  if (op.f === 'write') {
    setKey(kv, op.key, op.value);
    return { status: 'ok', value: op.value };
  }
  const [expected, next] = Array.isArray(op.value) ? op.value : [undefined, undefined];
  if (!sameValue(current, expected)) return { status: 'ok', value: false };
  setKey(kv, op.key, next);
  return { status: 'ok', value: true };
}

/** Sets an own property, even for keys like "__proto__". */
export function setKey(kv: KeyValue, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(kv, key, { value, writable: true, enumerable: true, configurable: true });
  else kv[key] = value;
}

/** "x=3, y=1" for the inspector, cut to `maxChars`; "(empty)" before the first write. */
export function describeKeyValue(kv: KeyValue, maxChars = 60): string {
  if (Object.keys(kv).length === 0) return '(empty)';
  const text = Object.keys(kv)
    .sort()
    .map((key) => `${key}=${JSON.stringify(kv[key])}`)
    .join(', ');
  return text.length <= maxChars ? text : `${text.slice(0, maxChars - 1)}…`;
}
