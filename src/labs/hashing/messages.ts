// How the stage labels the lab's messages, and each kind's legend entry.
import type { MessageKindSpec } from '../define-lab';
import type { Message } from '../../engine/types';
import { keyName } from './placement';

export const HASHING_MESSAGE_KINDS: MessageKindSpec[] = [
  { kind: 'transfer', label: 'Transfer (keys handed to their new owner)', short: 'n keys', glyph: 'square' },
  { kind: 'transfer-ack', label: 'Transfer acknowledged (the sender may drop them)', short: 'ack n', glyph: 'diamond' },
  { kind: 'fetch', label: 'Fetch (a replica asks for keys it should hold and lacks)', short: 'want n', glyph: 'triangle' },
  { kind: 'member', label: 'Membership announcement (a node joins or leaves)', short: 'n9 in', glyph: 'star' },
  { kind: 'member-ack', label: 'Announcement acknowledged', short: 'ok', glyph: 'cross' },
  { kind: 'get', label: 'Get (a client asks a key’s first replica)', short: 'get k1', glyph: 'circle' },
];

export function describeHashingMessage(payload: Message): { label: string; kind: string } {
  switch (payload.type) {
    case 'Transfer': {
      const count = (payload.items as unknown[]).length;
      return { label: `${count} key${count === 1 ? '' : 's'}`, kind: 'transfer' };
    }
    case 'TransferAck':
      return { label: `ack ${(payload.items as unknown[]).length}`, kind: 'transfer-ack' };
    case 'Fetch': {
      const count = (payload.keys as unknown[]).length;
      return { label: `want ${count}`, kind: 'fetch' };
    }
    case 'Member': {
      const entry = payload.entry as { in: boolean };
      return { label: `${payload.node} ${entry.in ? 'in' : 'out'}`, kind: 'member' };
    }
    case 'MemberAck':
      return { label: 'ok', kind: 'member-ack' };
    case 'Get':
      return { label: `get ${keyName(payload.key as number)}`, kind: 'get' };
    default:
      return { label: payload.type, kind: 'other' };
  }
}
