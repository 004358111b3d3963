// How operations change the store: client operations served locally in AP, and committed log
// entries folded into the store after Raft applies them (in log order in CP, by LWW in AP).
import type { Operation } from '../../engine/types';
import type { ReplyResult } from '../client/messages';
import { applyOp, isSupported, syncOf, type KeyValue } from '../raft/state-machine';
import type { LogEntry } from '../raft/types';
import { NO_STAMP, StoreDraft, own } from './stamps';
import type { Mode, Stamp, SyncExtra } from './types';

/** What `op` would do to `store` on its own: a read's value, or the value a write or a
 * successful cas sets (`writes`). Evaluated on a one-key scratch copy with Raft's applyOp, so
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

/** Folds the entries (fromIndex, toIndex] Raft has just applied into the store and stamps. CP
 * applies them in log order, exactly as Raft's state machine did, stamping each key with its
 * entry's stamp; a sync entry replaces everything. AP merges each by LWW instead, so a committed
 * entry arriving late (a lagging replica catching up) does not undo newer local writes. */
export function foldApplied(draft: StoreDraft, log: LogEntry[], fromIndex: number, toIndex: number, mode: Mode): void {
  for (let index = fromIndex + 1; index <= toIndex; index++) {
    const entry = log[index - 1];
    const sync = syncOf(entry.op);
    if (sync !== null) {
      foldSync(draft, sync.sync, (sync as unknown as SyncExtra).stamps ?? {}, mode);
      continue;
    }
    const op = entry.op;
    if (op === null || !isSupported(op) || op.f === 'read') continue;
    const { writes, value } = evaluate(draft.store, op);
    if (!writes) continue;
    const stamp = entry.stamp ?? NO_STAMP;
    if (mode === 'cp') draft.set(op.key as string, value, stamp);
    else draft.merge(op.key as string, value, stamp);
  }
}

function foldSync(draft: StoreDraft, store: KeyValue, stamps: Record<string, Stamp>, mode: Mode): void {
  if (mode === 'cp') return draft.replace(store, stamps);
  for (const key of Object.keys(store)) draft.merge(key, store[key], own(stamps, key) ?? NO_STAMP);
}
