// The checks of the locks lab, pure functions over what the storage and the lock nodes recorded.
// - Double writes: the storage's own order of requests is the truth about its data. A critical
//   section is a client's use of one lease (its client and token); it begins at the storage with
//   its first request. A write is a double write when another section began at the storage after
//   the writer's own did: two writers in one critical section, the paused holder's write landing
//   on top of its successor's. This does not trust tokens to order sections (Redlock's do not).
// - Lost increments: every applied write was meant to add one, so the counter must equal the
//   writes applied; what it falls short by was lost to writes made from stale reads.
// - The lock service's own linearizability: each lock node's grants and releases (or expiries),
//   as the node saw them, checked with the platform's mutex model, one key per node.
import { checkLinearizability, mutexModel, pairOperations } from '../../checkers/index';
import type { HistoryOperation } from '../../checkers/index';
import type { HistoryEvent } from '../../engine/types';

/** The highest token the storage accepted and whose request carried it; the critical section
 * that began last at the storage, and the latest ones that began (to know a section seen before). */
export interface Ledger {
  highest: number;
  by: string | null;
  latest: string | null;
  recent: string[];
}

export const EMPTY_LEDGER: Ledger = { highest: 0, by: null, latest: null, recent: [] };

/** How many recent sections the ledger remembers (a duplicate of an old request is not new). */
export const LEDGER_SECTIONS = 16;

/** A critical section: a client's use of one lease, named by the acquisition it came from (a
 * token alone does not name one: Redlock's repeat). */
export function sectionKey(client: string, token: number, section: number): string {
  return `${client}#${token}#${section}`;
}

/** "c2's section (token 8)" for a section key "c2#8#41". */
export function describeSection(key: string | null): string {
  if (key === null) return 'no section';
  const [client, token] = key.split('#');
  return `${client}'s section (token ${token})`;
}

/** The ledger after the storage accepted a request of `client`'s section with `token`. */
export function recordAccess(ledger: Ledger, client: string, token: number, section: number): Ledger {
  const key = sectionKey(client, token, section);
  const raised = token >= ledger.highest && (token !== ledger.highest || client !== ledger.by);
  const begins = key !== ledger.latest && !ledger.recent.includes(key);
  if (!raised && !begins) return ledger;
  return {
    highest: raised ? token : ledger.highest,
    by: raised ? client : ledger.by,
    latest: begins ? key : ledger.latest,
    recent: begins ? [...ledger.recent, key].slice(-LEDGER_SECTIONS) : ledger.recent,
  };
}

/** One request as the storage handled it (for the side panel). */
export interface Access {
  client: string;
  op: 'read' | 'write';
  token: number;
  /** read: the value returned; write: the value written; null for a rejected read. */
  value: number | null;
  outcome: 'accepted' | 'rejected' | 'double';
  /** The highest token the storage had accepted before this request. */
  highest: number;
  /** The critical section that had begun last at the storage before this request. */
  during: string | null;
  /** On the storage's clock. */
  atMs: number;
}

/** Whether a write of `client`'s section, accepted now, lands in a section that began at the
 * storage after its own. */
export function isDoubleWrite(ledger: Ledger, client: string, token: number, section: number): boolean {
  return ledger.latest !== null && ledger.latest !== sectionKey(client, token, section);
}

/** Increments applied that the counter does not show. */
export function lostIncrements(applied: number, value: number): number {
  return Math.max(0, applied - value);
}

export interface MutexVerdict {
  /** Whether every lock node behaved as a mutex, from its own point of view. */
  linearizable: boolean | 'unknown';
  operations: number;
  /** On a violation, the checker's sentence. */
  explanation: string | null;
}

/** At most this many grant and release operations are checked (the latest; older ones left out). */
export const MUTEX_MAX_OPS = 2000;

/** The lock nodes' mutex history checked with the platform's mutex model. */
export function checkLockService(history: readonly HistoryEvent[]): MutexVerdict {
  const paired = pairOperations(history.filter((event) => event.f === 'acquire' || event.f === 'release'), mutexModel);
  if (!paired.ok) return { linearizable: 'unknown', operations: 0, explanation: paired.error.message };
  const kept = recentMutexOperations(paired.operations, MUTEX_MAX_OPS);
  const result = checkLinearizability(kept, { model: mutexModel });
  return { linearizable: result.valid, operations: kept.length, explanation: result.explanation?.sentence ?? null };
}

/** The latest `max` operations, each key's starting at an acquire: a window that opened while a
 * lock was held would start with its release, which a mutex starting free cannot explain. Never
 * stricter than the whole history. */
export function recentMutexOperations(operations: readonly HistoryOperation[], max: number): HistoryOperation[] {
  const tail = operations.slice(-max);
  if (tail.length === operations.length) return tail;
  const started = new Set<string | undefined>();
  return tail.filter((op) => {
    if (!started.has(op.key) && op.f !== 'acquire') return false;
    started.add(op.key);
    return true;
  });
}
