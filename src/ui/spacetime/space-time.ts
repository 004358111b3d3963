// The space-time (Lamport) diagram as data: one lane per actor, one arrow per message from its
// sender's lane at send time to its receiver's lane at delivery (or to now while in flight, or to
// a × where it was lost), and faults on the lanes they hit. Pure, so it is tested without a DOM.
import type { Frame, InFlightMessage, TraceEvent } from '../../engine/frame';

export const DEFAULT_WINDOW_MS = 2000;
/** More arrows than this are unreadable and slow; the oldest are left off. */
export const ARROW_LIMIT = 1500;

export type ArrowEnd = 'delivered' | 'dropped' | 'in-flight';

export interface SpaceTimeArrow {
  /** Unique per drawn arrow: a duplicated message is delivered (and drawn) more than once. */
  key: string;
  messageId: number;
  from: string;
  to: string;
  type: string;
  /** The lab's kind when known (picks the colour), else null. */
  kind: string | null;
  sentAtMs: number;
  /** Delivery or loss time; for a message in flight, the frame's time. */
  endAtMs: number;
  end: ArrowEnd;
  /** How far from the sender's lane towards the receiver's the arrow reaches: 1 delivered, ½ lost
   * (the × sits between the lanes), the share of its trip made so far while in flight. */
  reach: number;
  /** Why a lost message was lost ("cut", "node-down"…), when the trace says. */
  lostBecause?: string;
}

export interface SpaceTimeFault {
  key: string;
  kind: string;
  timeMs: number;
  /** The lanes it marks, or every lane (a partition, a heal). */
  lanes: string[] | 'all';
  text: string;
}

export interface SpaceTime {
  lanes: string[];
  startMs: number;
  endMs: number;
  arrows: SpaceTimeArrow[];
  faults: SpaceTimeFault[];
  /** Arrows in the window left off to stay under the limit (the oldest). */
  leftOff: number;
}

type Input = Pick<Frame, 'nodes' | 'traffic' | 'messages' | 'faults' | 'timeMs'>;

/** The lab's kind of a traced message: from the event's data if the engine put it there, else
 * from an in-flight message of the same type. */
function kindResolver(messages: readonly InFlightMessage[]): (event: TraceEvent) => string | null {
  const byType = new Map(messages.map((message) => [message.type, message.kind]));
  return (event) => {
    const fromData = event.data?.kind;
    if (typeof fromData === 'string') return fromData;
    return (event.messageType && byType.get(event.messageType)) || null;
  };
}

/** Arrows for every delivery and loss in the traffic, paired with their send by message id. */
function finishedArrows(traffic: readonly TraceEvent[], kindOf: (event: TraceEvent) => string | null): SpaceTimeArrow[] {
  const sends = new Map<number, TraceEvent>();
  const arrows: SpaceTimeArrow[] = [];
  for (const event of traffic) {
    if (event.messageId === undefined || !event.from || !event.to) continue;
    if (event.kind === 'send') {
      sends.set(event.messageId, event);
      continue;
    }
    if (event.kind !== 'deliver' && event.kind !== 'drop') continue;
    const send = sends.get(event.messageId);
    // A delivery whose send fell out of the traffic ring cannot be drawn honestly; a loss with
    // no send was refused at the sender (a cut link), so it starts and ends there.
    if (!send && event.kind === 'deliver') continue;
    const dropped = event.kind === 'drop';
    arrows.push({
      key: `${event.messageId}:${event.seq}`,
      messageId: event.messageId,
      from: event.from,
      to: event.to,
      type: send?.messageType ?? event.messageType ?? 'message',
      kind: kindOf(send ?? event),
      sentAtMs: send?.timeMs ?? event.timeMs,
      endAtMs: event.timeMs,
      end: dropped ? 'dropped' : 'delivered',
      reach: dropped ? 0.5 : 1,
      ...(dropped && event.tag ? { lostBecause: event.tag } : {}),
    });
  }
  return arrows;
}

/** Arrows for messages still on the wire, drawn up to the frame's time. */
function inFlightArrows(messages: readonly InFlightMessage[], ended: ReadonlySet<number>, nowMs: number): SpaceTimeArrow[] {
  return messages
    .filter((message) => !ended.has(message.id) && message.sentAtMs <= nowMs)
    .filter((message) => message.fate !== 'delivered' || message.deliverAtMs > nowMs)
    .map((message) => {
      const lost = message.fate === 'cut' || message.fate === 'dropped';
      const span = message.deliverAtMs - message.sentAtMs;
      const progress = span <= 0 ? 1 : Math.min(1, Math.max(0, (nowMs - message.sentAtMs) / span));
      return {
        key: `${message.id}:live`,
        messageId: message.id,
        from: message.from,
        to: message.to,
        type: message.type,
        kind: message.kind,
        sentAtMs: message.sentAtMs,
        endAtMs: lost ? Math.min(nowMs, message.deliverAtMs) : nowMs,
        end: lost ? 'dropped' : 'in-flight',
        reach: lost ? 0.5 : progress,
        ...(lost ? { lostBecause: message.fate } : {}),
      };
    });
}

const ALL_LANES = new Set(['partition', 'heal', 'network', 'control', 'violation']);

function faultMarks(faults: readonly TraceEvent[], lanes: ReadonlySet<string>, startMs: number, endMs: number): SpaceTimeFault[] {
  return faults
    .filter((event) => event.timeMs >= startMs && event.timeMs <= endMs)
    .map((event) => {
      const own = [event.node, event.from, event.to].filter((id): id is string => !!id && lanes.has(id));
      const across = ALL_LANES.has(event.kind) || own.length === 0;
      return {
        key: `${event.seq}`,
        kind: event.kind,
        timeMs: event.timeMs,
        lanes: across ? 'all' : [...new Set(own)],
        text: event.text ?? [event.kind, event.node ?? (event.from && event.to ? `${event.from}–${event.to}` : ''), event.tag].filter(Boolean).join(' '),
      };
    });
}

export function buildSpaceTime(frame: Input, windowMs: number = DEFAULT_WINDOW_MS, limit: number = ARROW_LIMIT): SpaceTime {
  const endMs = frame.timeMs;
  const startMs = endMs - windowMs;
  const lanes = frame.nodes.map((node) => node.id);
  const onLanes = new Set(lanes);
  const finished = finishedArrows(frame.traffic, kindResolver(frame.messages));
  const ended = new Set(finished.map((arrow) => arrow.messageId));
  const all = [...finished, ...inFlightArrows(frame.messages, ended, endMs)]
    .filter((arrow) => onLanes.has(arrow.from) && onLanes.has(arrow.to))
    .filter((arrow) => arrow.sentAtMs <= endMs && arrow.endAtMs >= startMs)
    .sort((a, b) => a.sentAtMs - b.sentAtMs || a.endAtMs - b.endAtMs || a.messageId - b.messageId);
  const leftOff = Math.max(0, all.length - limit);
  return {
    lanes,
    startMs,
    endMs,
    arrows: leftOff > 0 ? all.slice(leftOff) : all,
    faults: faultMarks(frame.faults, onLanes, startMs, endMs),
    leftOff,
  };
}

function seconds(timeMs: number): string {
  return `${(timeMs / 1000).toFixed(3)} s`;
}

/** "AppendEntries n1→n3, sent 1.204 s, delivered 1.219 s". */
export function arrowName(arrow: SpaceTimeArrow): string {
  const head = `${arrow.type} ${arrow.from}→${arrow.to}, sent ${seconds(arrow.sentAtMs)}`;
  if (arrow.end === 'delivered') return `${head}, delivered ${seconds(arrow.endAtMs)}`;
  if (arrow.end === 'in-flight') return `${head}, in flight`;
  return `${head}, lost ${seconds(arrow.endAtMs)}${arrow.lostBecause ? ` (${arrow.lostBecause})` : ''}`;
}
