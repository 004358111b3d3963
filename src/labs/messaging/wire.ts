// What travels between the messaging lab's actors: the items producers publish and the protocol
// messages of the three delivery models, with their stage labels and legend entries.
import type { Message } from '../../engine/types';
import type { MessageKindSpec } from '../define-lab';
import type { Mode } from './settings';

/** A produced message as the broker stored it. */
export interface Item {
  id: number;
  key: string;
  amount: number;
  /** No unpatched consumer can process it. */
  poison: boolean;
  producer: string;
  /** Stamped by the broker: the mode it was accepted in, its partition (0 outside streams) and its
   * position there (a stream offset; the arrival order in a queue or topic). */
  mode?: Mode;
  partition?: number;
  offset?: number;
}

export type Stamped = Item & { mode: Mode; partition: number; offset: number };

/** A delivery to a consumer: the queue's receive count, or the stream position it came from. */
export interface Delivery {
  item: Stamped;
  /** Whose copy: the consumer group, or the subscriber. */
  target: string;
  receives: number;
  generation?: number;
  /** A replayed stream record: rebuild the projection, repeat no side effect. */
  replay?: boolean;
}

export const KEYS = ['a', 'b', 'c', 'd'] as const;

/** Which partition a key goes to (the same key always to the same partition: ordering per key). */
export function partitionOf(key: string, partitions: number): number {
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) % 65_521;
  return hash % Math.max(1, partitions);
}

function itemOf(payload: Message): Item | null {
  const item = (payload.item ?? (payload.delivery as Delivery | undefined)?.item) as Item | undefined;
  return item && typeof item.id === 'number' ? item : null;
}

export function describeMessagingMessage(payload: Message): { label: string; kind: string } {
  const item = itemOf(payload);
  const id = item ? `m${item.id}` : '';
  switch (payload.type) {
    case 'Publish':
      return { label: `pub ${id}${item?.poison ? '☠' : ''}`, kind: 'publish' };
    case 'Deliver':
      return { label: `${id}${(payload.delivery as Delivery).receives > 1 ? ` ×${(payload.delivery as Delivery).receives}` : ''}`, kind: 'deliver' };
    case 'Apply':
      return { label: `apply ${id}`, kind: 'apply' };
    case 'Applied':
      return { label: `done m${payload.id}`, kind: 'ack' };
    case 'Delete':
      return { label: `del m${payload.id}`, kind: 'ack' };
    case 'Commit':
      return { label: `commit p${payload.partition}@${payload.offset}`, kind: 'ack' };
    case 'Ack':
      return { label: `ack m${payload.id}`, kind: 'ack' };
    case 'Parked':
      return { label: `parked m${payload.id}`, kind: 'dead-letter' };
    case 'DeadLetter':
      return { label: `dlq ${id}`, kind: 'dead-letter' };
    case 'Receive':
      return { label: 'receive?', kind: 'poll' };
    case 'Fetch':
      return { label: 'fetch?', kind: 'poll' };
    case 'Assign':
      return { label: `gen ${payload.generation}: p${(payload.partitions as number[]).join(',p') || '–'}`, kind: 'group' };
    case 'Join':
    case 'Heartbeat':
    case 'Subscribe':
      return { label: payload.type === 'Heartbeat' ? '♥' : payload.type.toLowerCase(), kind: 'group' };
    default:
      return { label: payload.type, kind: 'other' };
  }
}

export const MESSAGING_MESSAGE_KINDS: MessageKindSpec[] = [
  { kind: 'publish', label: 'Publish (a producer sends a message)', short: 'pub m7', glyph: 'circle' },
  { kind: 'deliver', label: 'Deliver (broker → consumer; ×n is a redelivery)', short: 'm7 ×2', glyph: 'diamond' },
  { kind: 'apply', label: 'Apply (consumer → effect store)', short: 'apply m7', glyph: 'square' },
  { kind: 'ack', label: 'Acknowledge (effect done, delete, commit, ack)', short: 'del m7', glyph: 'triangle' },
  { kind: 'poll', label: 'Receive / fetch (a consumer asks for more)', short: 'fetch?', glyph: 'wye' },
  { kind: 'group', label: 'Group membership (join, heartbeat, assignment)', short: '♥', glyph: 'cross' },
  { kind: 'dead-letter', label: 'Dead letter (a consumer parks a poison message)', short: 'dlq m9', glyph: 'star' },
];
