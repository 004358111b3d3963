// The replicated state machine: a key/value map the log is applied to, in log order (Raft §5.3).
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

/** Applies one command to `kv` IN PLACE (the caller owns a fresh copy) and returns its result.
 * A missing key reads as null; cas answers ok with true (swapped) or false (did not). */
export function applyOp(kv: KeyValue, op: Operation | null): ReplyResult {
  const sync = syncOf(op);
  if (sync !== null) {
    replaceAll(kv, sync.sync);
    return { status: 'ok' };
  }
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

/** The value of a sync command: the whole store it installs, plus whatever the protocol that
 * appended it carries along (the register: LWW stamps and its mode epoch). */
export interface SyncValue {
  sync: KeyValue;
  [field: string]: unknown;
}

/** A command that replaces the whole store when applied, so every replica agrees again from its
 * index on (the register lab's hand-over from AP to CP). It is a write without a key, so it is
 * still an Operation; clients cannot send one (`isSupported` wants a key). */
export function syncOperation(store: KeyValue, extra: Record<string, unknown> = {}): Operation {
  const value: SyncValue = { ...extra, sync: { ...store } };
  return { f: 'write', value };
}

/** The sync command's value, or null when `op` is not a sync. */
export function syncOf(op: Operation | null): SyncValue | null {
  if (op === null || op.f !== 'write' || op.key !== undefined) return null;
  const value = op.value;
  if (typeof value !== 'object' || value === null) return null;
  const sync = (value as { sync?: unknown }).sync;
  return typeof sync === 'object' && sync !== null && !Array.isArray(sync) ? (value as SyncValue) : null;
}

function replaceAll(kv: KeyValue, store: KeyValue): void {
  for (const key of Object.keys(kv)) delete kv[key];
  for (const key of Object.keys(store)) setKey(kv, key, store[key]);
}

/** Sets an own property, even for keys like "__proto__". */
function setKey(kv: KeyValue, key: string, value: unknown): void {
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
