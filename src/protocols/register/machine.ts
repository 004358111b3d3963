// The register's state machine for Raft: a key/value store with a write stamp per key. Its
// commands are client operations carrying the leader's stamp, and sync commands that install a
// whole store (the hand-over from AP back to CP). Applied in log order in CP; in AP (`lww`) each
// applied write merges by last-writer-wins instead, so a committed entry arriving late does not
// undo newer local writes.
import type { Operation } from '../../engine/types';
import { commandOf, describeKeyValue, isSupported, type KeyValue } from '../kv';
import { formatValue, operationKey, operationLabel } from '../kv/labels';
import type { StateMachine } from '../raft';
import { NO_STAMP, StoreDraft, own } from './stamps';
import { evaluate } from './store';
import type { Stamp } from './types';

export interface RegisterMachine {
  store: KeyValue;
  /** The stamp of the write that set each key of the store. */
  stamps: Record<string, Stamp>;
  /** True in AP: applied entries merge by last-writer-wins rather than overwrite. */
  lww: boolean;
  /** The epoch of the last sync command applied, once one was: a snapshot (Raft §7) keeps it, so
   * a leader knows its log holds a sync after the log prefix holding it was compacted. */
  syncEpoch?: number;
}

/** A client's operation as appended by a CP leader, with its stamp if it writes. */
export interface OperationCommand {
  op: Operation;
  stamp?: Stamp;
}

/** Installs `sync` and its stamps on every replica, so they agree again from its index on; the
 * epoch says which switch to CP it follows. */
export interface SyncCommand {
  stamps: Record<string, Stamp>;
  epoch: number;
  sync: KeyValue;
}

export type RegisterCommand = OperationCommand | SyncCommand;

export function isSync(command: unknown): command is SyncCommand {
  return typeof command === 'object' && command !== null && 'sync' in command;
}

export function syncCommand(store: KeyValue, stamps: Record<string, Stamp>, epoch: number): SyncCommand {
  return { stamps: { ...stamps }, epoch, sync: { ...store } };
}

function applySync(draft: StoreDraft, command: SyncCommand, lww: boolean): void {
  if (!lww) return draft.replace(command.sync, command.stamps);
  for (const key of Object.keys(command.sync)) draft.merge(key, command.sync[key], own(command.stamps, key) ?? NO_STAMP);
}

export const registerMachine: StateMachine<RegisterMachine> = {
  init: () => ({ store: {}, stamps: {}, lww: false }),
  command: (op) => (isSupported(op) ? { command: { op: commandOf(op) } } : { error: `unsupported operation ${op.f}` }),
  apply(machine, command) {
    const draft = new StoreDraft(machine.store, machine.stamps);
    if (isSync(command)) {
      applySync(draft, command, machine.lww);
      const syncEpoch = typeof command.epoch === 'number' ? command.epoch : 0;
      return { machine: { ...machine, store: draft.store, stamps: draft.stamps, syncEpoch }, result: { status: 'ok' } };
    }
    const { op, stamp } = command as OperationCommand;
    const { result, writes, value } = evaluate(machine.store, op);
    if (!writes) return { machine, result };
    if (machine.lww) draft.merge(op.key as string, value, stamp ?? NO_STAMP);
    else draft.set(op.key as string, value, stamp ?? NO_STAMP);
    return { machine: draft.changed ? { ...machine, store: draft.store, stamps: draft.stamps } : machine, result };
  },
  isQuery: (command) => !isSync(command) && (command as OperationCommand).op.f === 'read',
  // A sync reads as the write without a key it used to be, so invariant messages stay as they were.
  label: (command) => (isSync(command) ? `?←${formatValue(command)}` : operationLabel((command as OperationCommand).op)),
  key: (command) => (isSync(command) ? JSON.stringify(['write', null, command]) : operationKey((command as OperationCommand).op)),
  describe: (machine) => describeKeyValue(machine.store),
  restore: restoreSnapshot,
};

/** Raft §7: a node installing a snapshot keeps its own mode flag. In CP the snapshot's store is
 * the log applied up to its index and replaces the node's; in AP (last-writer-wins) it is merged
 * key by key like any replica's copy, so the node's newer local writes survive. */
function restoreSnapshot(snapshot: RegisterMachine, current: RegisterMachine): RegisterMachine {
  if (!current.lww) return { ...snapshot, lww: false };
  const draft = new StoreDraft(current.store, current.stamps);
  for (const key of Object.keys(snapshot.store)) draft.merge(key, snapshot.store[key], own(snapshot.stamps, key) ?? NO_STAMP);
  return { ...snapshot, store: draft.store, stamps: draft.stamps, lww: true };
}
