// Raft §8's client session table (thesis §6.3): each applied request is recorded with its answer,
// per client, so a repeat is answered from the table instead of being executed again, even after
// the entry it came from was compacted into a snapshot. Bounded: a few requests per client (a
// keyboard client may have several in flight) and a fixed number of clients, the least recently
// active session dropped first. Part of the applied state: snapshots carry it.
import type { ClientId } from '../../engine/types';
import type { ReplyResult } from '../client/messages';
import type { ClientSession, SessionTable } from './types';

/** Applied requests remembered per client. */
export const SESSION_REQUESTS = 8;
/** Clients remembered; the session applied longest ago goes first. */
export const MAX_SESSIONS = 64;

/** The table after `client`'s request `requestId`, applied at `index`, got `result`. Copies the
 * table and that session only (copy-on-write). */
export function recordSession(table: SessionTable, client: ClientId, requestId: number, index: number, result: ReplyResult): SessionTable {
  const session = Object.hasOwn(table, client) ? table[client] : undefined;
  const requests = session === undefined ? [] : session.requests.filter((request) => request.requestId !== requestId);
  requests.push({ requestId, result });
  if (requests.length > SESSION_REQUESTS) requests.splice(0, requests.length - SESSION_REQUESTS);
  const next: SessionTable = { ...table };
  setOwn(next, client, { requests, index });
  return evictOldest(next);
}

function evictOldest(table: SessionTable): SessionTable {
  const clients = Object.keys(table);
  if (clients.length <= MAX_SESSIONS) return table;
  let oldest = clients[0];
  for (const client of clients) if (table[client].index < table[oldest].index) oldest = client;
  delete table[oldest];
  return table;
}

function setOwn(table: SessionTable, client: ClientId, session: ClientSession): void {
  if (client === '__proto__') Object.defineProperty(table, client, { value: session, writable: true, enumerable: true, configurable: true });
  else table[client] = session;
}

/** What the table knows of a request: its answer if it was applied ('applied'), 'stale' if it is
 * older than every request the session still remembers (it was applied or given up long ago),
 * or 'new'. */
export type SessionLookup = { kind: 'applied'; result: ReplyResult } | { kind: 'stale' } | { kind: 'new' };

export function lookupSession(table: SessionTable, client: ClientId, requestId: number): SessionLookup {
  const session = Object.hasOwn(table, client) ? table[client] : undefined;
  if (session === undefined) return { kind: 'new' };
  let oldest = Infinity;
  for (const request of session.requests) {
    if (request.requestId === requestId) return { kind: 'applied', result: request.result };
    oldest = Math.min(oldest, request.requestId);
  }
  return session.requests.length >= SESSION_REQUESTS && requestId < oldest ? { kind: 'stale' } : { kind: 'new' };
}
