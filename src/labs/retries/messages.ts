// What clients and the account service say to each other. Every request names its call (so a
// client can tell a late reply from the one it waits for) and the order it belongs to.

/** Read the account's version. `deadlineMs` as for a write. */
export interface ReadRequest { type: 'Read'; call: number; order: number; deadlineMs?: number }
export interface ReadReply { type: 'ReadOk'; call: number; version: number }
/** Charge the order if the account is still at `version` (a conditional write). `key` is the
 * idempotency key, sent only when the clients use one; `deadlineMs` the order's deadline on the
 * client's clock, sent only when deadlines are propagated. */
export interface WriteRequest { type: 'Write'; call: number; order: number; version: number; amount: number; key?: string; deadlineMs?: number }
/** `replayed`: the key had been applied already, so nothing was charged this time. */
export interface WriteOk { type: 'WriteOk'; call: number; order: number; replayed?: boolean }
export interface WriteConflict { type: 'Conflict'; call: number; version: number }
export interface WriteExpired { type: 'Expired'; call: number }

export type RetriesMessage = ReadRequest | ReadReply | WriteRequest | WriteOk | WriteConflict | WriteExpired;

export function orderKey(client: string, order: number): string {
  return `${client}#${order}`;
}
