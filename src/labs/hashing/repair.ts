// Pull repair, the receiving side of the handoff. Pushing alone trusts that a node on a key's
// preference list before a change still holds the key, but views of the ring differ for a while:
// a node may drop a key by its own view (where it is no replica) while a node that has not yet
// heard of a join still counts it one; when a later change makes it a replica again, no holder
// sees it as new, and nobody sends it the key. Only the replica itself knows what it lacks, so a
// replica missing a key asks the key's other replicas for it — once the pushes had time to land,
// and again until the key is there.
import { indexOfSorted } from './handoff';

/** Long enough for a holder's push and one resend (400 ms apart) to arrive first. */
export const FETCH_AFTER_MS = 800;

/** The keys whose preference list holds `me` and that `held` lacks, ascending. */
export function missingKeys(me: string, keyCount: number, held: readonly number[], preferenceOf: (key: number) => readonly string[]): number[] {
  // A node holding every key lacks none: skip placing them.
  if (held.length >= keyCount) return [];
  const missing: number[] = [];
  for (let key = 0; key < keyCount; key++) {
    if (indexOfSorted(held, key) < 0 && preferenceOf(key).includes(me)) missing.push(key);
  }
  return missing;
}

/** Whom `me` asks for which missing key: every other replica on the key's preference list (any
 * of them may hold it; a duplicate answer costs one acknowledgement). */
export function fetchRequests(me: string, missing: readonly number[], preferenceOf: (key: number) => readonly string[]): Record<string, number[]> {
  const byPeer: Record<string, number[]> = {};
  for (const key of missing) {
    for (const peer of preferenceOf(key)) if (peer !== me) (byPeer[peer] ??= []).push(key);
  }
  return byPeer;
}
