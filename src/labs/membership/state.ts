// A member's state, shared by both detectors: what it believes about every member (itself
// included), its incarnation, SWIM's probe in progress and its relays for other members' probes,
// the updates it is spreading, a join in progress, and the heartbeat detector's last-heard ticks.
import type { Queued } from './dissemination';
import type { LiveSettings } from './settings';
import type { Entry } from './view-order';

export interface Probe {
  target: string;
  seq: number;
  /** The ack timeout passed and ping-reqs went out. */
  indirect: boolean;
}

/** A ping this member sends for another member's probe (ping-req), to answer it when acked. */
export interface Relay {
  seq: number;
  origin: string;
  originSeq: number;
}

export interface Counts {
  probes: number;
  suspected: number;
  declared: number;
  refuted: number;
  rejoined: number;
}

export interface MemberState {
  settings: LiveSettings;
  incarnation: number;
  /** Beliefs by member id, this member's own entry included (always alive at `incarnation`). */
  view: Readonly<Record<string, Entry>>;
  /** Round-robin probe order (a shuffled list of the others) and the next position in it. */
  order: readonly string[];
  cursor: number;
  probe: Probe | null;
  seq: number;
  relays: readonly Relay[];
  buffer: readonly Queued[];
  /** Trying to (re)join: attempts made so far, each after a longer backoff. */
  joining: { attempt: number } | null;
  /** Heartbeat detector: the period count when each member was last heard (missing: 0, so SWIM
   * members carry no table), and this one's count. */
  heard: Readonly<Record<string, number>>;
  tick: number;
  /** When this member last came to believe each member dead (kept after it revives, as a
   * membership list keeps dead members a while): how the lab times detection spreading. */
  deaths: Readonly<Record<string, number>>;
  counts: Counts;
}

/** What survives a crash: the incarnation, so a restarted member comes back with a higher one. */
export interface MemberPersisted {
  incarnation: number;
}

export const TIMERS = { period: 'period', ack: 'ack', join: 'join' } as const;
export const suspectTimer = (id: string): string => `suspect:${id}`;

export function freshState(ids: readonly string[], self: string, incarnation: number, settings: LiveSettings, nowMs: number): MemberState {
  const view: Record<string, Entry> = {};
  for (const id of ids) view[id] = { status: 'alive', incarnation: id === self ? incarnation : 0, sinceMs: nowMs };
  return {
    settings, incarnation, view, order: [], cursor: 0, probe: null, seq: 0, relays: [], buffer: [], joining: null,
    heard: {}, tick: 0, deaths: {}, counts: { probes: 0, suspected: 0, declared: 0, refuted: 0, rejoined: 0 },
  };
}

/** How many members this one believes alive, suspect and dead (itself included). */
export function tally(state: MemberState): { alive: number; suspect: number; dead: number } {
  const counts = { alive: 0, suspect: 0, dead: 0 };
  for (const entry of Object.values(state.view)) counts[entry.status]++;
  return counts;
}
