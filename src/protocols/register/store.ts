// How one operation reads and changes the store: evaluated on its own (both modes share the key/
// value store's definition of read, write and cas), and served locally in AP.
import type { Operation } from '../../engine/types';
import type { ReplyResult } from '../client/messages';
import { applyOp, isSupported, type KeyValue } from '../kv';
import { StoreDraft, own } from './stamps';
import type { Stamp } from './types';

/** What `op` would do to `store` on its own: a read's value, or the value a write or a
 * successful cas sets (`writes`). Evaluated on a one-key scratch copy with the kv store's applyOp, so
 * both modes share one definition of read, write and cas. */
export function evaluate(store: KeyValue, op: Operation): { result: ReplyResult; writes: boolean; value: unknown } {
  const key = op.key as string;
  const scratch: KeyValue = Object.hasOwn(store, key) ? { [key]: store[key] } : {};
  const result = applyOp(scratch, op);
  const writes = op.f === 'write' || (op.f === 'cas' && result.status === 'ok' && result.value === true);
  return { result, writes, value: own(scratch, key) ?? null };
}

/** AP: serves `op` from this node's own copy at once. A write is merged by LWW like any other,
 * so a write stamped by a clock that runs behind the key's stamp is acknowledged yet lost. */
export function serveLocally(draft: StoreDraft, op: Operation, stamp: Stamp): ReplyResult {
  if (!isSupported(op)) return { status: 'fail', error: `unsupported operation ${op.f}`, mode: 'ap' };
  const { result, writes, value } = evaluate(draft.store, op);
  if (writes) draft.merge(op.key as string, value, stamp);
  return result.status === 'redirect' ? result : { ...result, mode: 'ap' };
}
