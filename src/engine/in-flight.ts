// The messages on the wire, read from where they live: the event queue (each delivery is the
// message itself) and the sockets of paused actors. For frames, faults and checks; the hot path
// never needs the whole set.
import type { DeliveryEvent, World } from './world';

/** Every message on the wire, oldest first (by message id). */
export function inFlightMessages(world: World): DeliveryEvent[] {
  const messages: DeliveryEvent[] = [];
  for (const event of world.queue) if (event.kind === 'deliver') messages.push(event);
  for (const id of world.actorIds) {
    for (const event of world.nodes[id].deferred) if (event.kind === 'deliver') messages.push(event);
  }
  return messages.sort((a, b) => a.id - b.id);
}
