// Infection-style dissemination: a member keeps the updates it learned in a buffer and piggybacks
// the least-sent ones on every message it sends anyway, each until it has been passed on its
// λ·log N times. No message is sent just to gossip.
import { MAX_PIGGYBACK } from './settings';
import type { Rumor } from './view-order';

export interface Queued extends Rumor {
  sent: number;
}

/** Adds (or replaces) the rumor about its member: only the newest belief about each is spread. */
export function enqueue(buffer: readonly Queued[], rumor: Rumor): Queued[] {
  const kept = buffer.filter((item) => item.id !== rumor.id);
  kept.push({ id: rumor.id, status: rumor.status, incarnation: rumor.incarnation, sent: 0 });
  return kept;
}

/** The rumors to piggyback on one message (least-sent first, so new ones spread first) and the
 * buffer after, with the sent ones counted and those passed on `limit` times dropped. Returns the
 * same buffer when there is nothing to send. */
export function takePiggyback(buffer: readonly Queued[], limit: number): { rumors: Rumor[]; buffer: readonly Queued[] } {
  if (buffer.length === 0) return { rumors: [], buffer };
  const order = buffer.map((item, index) => ({ item, index })).sort((a, b) => a.item.sent - b.item.sent || b.index - a.index);
  const chosen = new Set(order.slice(0, MAX_PIGGYBACK).map((entry) => entry.index));
  const rumors: Rumor[] = [];
  const next: Queued[] = [];
  buffer.forEach((item, index) => {
    if (!chosen.has(index)) {
      next.push(item);
      return;
    }
    rumors.push({ id: item.id, status: item.status, incarnation: item.incarnation });
    if (item.sent + 1 < limit) next.push({ ...item, sent: item.sent + 1 });
  });
  return { rumors, buffer: next };
}
