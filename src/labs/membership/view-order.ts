// What a member believes about another, and SWIM's rule for which of two beliefs wins: the higher
// incarnation, and at the same incarnation dead over suspect over alive. Because every update is
// applied only when it wins, a member's belief about another only ever moves forward.
export type Status = 'alive' | 'suspect' | 'dead';

export interface Entry {
  status: Status;
  incarnation: number;
  /** The member's own clock when this belief began (for detection times). */
  sinceMs: number;
}

/** A belief as it travels, piggybacked on probes. */
export interface Rumor {
  id: string;
  status: Status;
  incarnation: number;
}

const RANK: Record<Status, number> = { alive: 0, suspect: 1, dead: 2 };

export function statusRank(status: Status): number {
  return RANK[status];
}

/** Whether `rumor` replaces what is believed now (`current` undefined: nothing is). */
export function supersedes(rumor: Pick<Rumor, 'status' | 'incarnation'>, current: Pick<Entry, 'status' | 'incarnation'> | undefined): boolean {
  if (current === undefined) return true;
  if (rumor.incarnation !== current.incarnation) return rumor.incarnation > current.incarnation;
  return RANK[rumor.status] > RANK[current.status];
}

/** -1, 0 or 1: how (incarnation, status) pairs order. */
export function compareBeliefs(a: Pick<Entry, 'status' | 'incarnation'>, b: Pick<Entry, 'status' | 'incarnation'>): number {
  if (a.incarnation !== b.incarnation) return a.incarnation < b.incarnation ? -1 : 1;
  return Math.sign(RANK[a.status] - RANK[b.status]);
}
