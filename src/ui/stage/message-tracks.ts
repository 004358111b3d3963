// Where each in-flight message travels (its lane, computed once per frame) and where it is at a
// display time (computed every animation frame, so kept to a few numbers per message).
import type { InFlightMessage } from '../../engine/frame';
import { pointAlong, shiftSegment, trimSegment, type Segment } from './geometry';
import type { Point } from './layout';
import type { PlacedActor } from './layouts/types';
import { isLabelled, isStopped, messageProgress, steppedProgress } from './messages';

/** The two directions of a link run in lanes this far apart. */
const LANE_OFFSET = 4;

export interface MessageTrack {
  message: InFlightMessage;
  lane: Segment;
  /** Direction of travel in degrees (SVG axes), for the arrowhead. */
  angleDeg: number;
  stopped: boolean;
}

/** Messages leave and arrive a little outside an actor's outline. */
function rim(actor: PlacedActor): number {
  return actor.radius + (actor.satellite ? 4 : 7);
}

/** One track per message whose ends are both on the stage. */
export function messageTracks(
  messages: readonly InFlightMessage[],
  byId: ReadonlyMap<string, PlacedActor>,
): MessageTrack[] {
  const tracks: MessageTrack[] = [];
  for (const message of messages) {
    const from = byId.get(message.from);
    const to = byId.get(message.to);
    if (!from || !to) continue;
    const lane = shiftSegment(trimSegment(from, to, rim(from), rim(to)), LANE_OFFSET);
    const angleDeg = (Math.atan2(to.y - from.y, to.x - from.x) * 180) / Math.PI;
    tracks.push({ message, lane, angleDeg, stopped: isStopped(message) });
  }
  return tracks;
}

export interface DrawnMessage {
  track: MessageTrack;
  at: Point;
  progress: number;
  labelled: boolean;
}

/** Where each visible message is at `timeMs`; not yet sent and already delivered ones are left out. */
export function drawMessages(tracks: readonly MessageTrack[], timeMs: number, reducedMotion: boolean): DrawnMessage[] {
  const drawn: DrawnMessage[] = [];
  for (const track of tracks) {
    const { message, stopped } = track;
    if (!stopped && (timeMs < message.sentAtMs || (message.fate === 'delivered' && timeMs >= message.deliverAtMs))) {
      continue;
    }
    const glide = messageProgress(message, timeMs);
    const progress = reducedMotion ? steppedProgress(glide, stopped) : glide;
    const labelled = stopped || (!reducedMotion && isLabelled(glide));
    drawn.push({ track, at: pointAlong(track.lane.start, track.lane.end, progress), progress, labelled });
  }
  return drawn;
}
