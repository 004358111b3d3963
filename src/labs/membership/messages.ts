// How the stage labels the lab's messages, and each kind's legend entry.
import type { Message } from '../../engine/types';
import type { MessageKindSpec } from '../define-lab';

export const MEMBERSHIP_MESSAGE_KINDS: MessageKindSpec[] = [
  { kind: 'ping', label: 'Ping (a probe: are you alive?)', short: 'ping', glyph: 'circle' },
  { kind: 'ack', label: 'Ack (alive; or a relayed ack)', short: 'ack', glyph: 'diamond' },
  { kind: 'ping-req', label: 'Ping-req (ping this member for me)', short: 'req n5', glyph: 'triangle' },
  { kind: 'heartbeat', label: 'Heartbeat (all-to-all: I am alive)', short: 'hb', glyph: 'square' },
  { kind: 'join', label: 'Join / join ack (let me back in)', short: 'join', glyph: 'star' },
];

function rumorSuffix(payload: Message): string {
  const rumors = Array.isArray(payload.rumors) ? payload.rumors.length : 0;
  return rumors > 0 ? ` +${rumors}` : '';
}

export function describeMembershipMessage(payload: Message): { label: string; kind: string } {
  switch (payload.type) {
    case 'Ping':
      return { label: `ping${rumorSuffix(payload)}`, kind: 'ping' };
    case 'Ack':
      return { label: `ack${rumorSuffix(payload)}`, kind: 'ack' };
    case 'PingReq':
      return { label: `req ${String(payload.target)}`, kind: 'ping-req' };
    case 'Heartbeat':
      return { label: 'hb', kind: 'heartbeat' };
    case 'Join':
      return { label: 'join', kind: 'join' };
    case 'JoinAck':
      return { label: 'welcome', kind: 'join' };
    default:
      return { label: payload.type, kind: 'other' };
  }
}
