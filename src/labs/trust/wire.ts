// What travels between the servers, and the route it takes. Every packet names its source and
// destination in fields of its own, as an IP header does: the receiver reads `src` to know who
// sent it, and nothing but a MAC makes that field trustworthy. The link between the first two
// servers (n1–n2) runs through a router, the attacker actor m1: packets for that link go to it,
// and it forwards them (or not) to `dst`.
import type { Effect, Message, NodeContext } from '../../engine/types';
import { tagOf } from './mac';
import type { Auth } from './params';

export type PacketType = 'Hello' | 'Challenge' | 'Proof' | 'Welcome' | 'Replicate' | 'Ack';

export interface Packet extends Message {
  type: PacketType;
  src: string;
  dst: string;
  /** The session (the receiver's challenge nonce) and the packet's number in it. */
  sess?: number;
  seq?: number;
  version?: number;
  value?: number;
  nonce?: number;
  /** The authentication tag over every other field (mac.ts). */
  mac?: number;
  /** What the attacker did to this copy. For the stage and the checks only: no receiver reads it,
   * as no real receiver could. */
  mark?: 'tampered' | 'replayed' | 'forged';
}

export const ATTACKER_ROLE = 'attacker';
export const SERVER_ROLE = 'server';

/** Nominal wire sizes: IP and TCP headers, a word per field, and a 32-byte tag (HMAC-SHA256's). */
const HEADER_BYTES = 40;
const FIELD_BYTES = 8;
export const TAG_BYTES = 32;
const NUMERIC_FIELDS = ['sess', 'seq', 'version', 'value', 'nonce'] as const;

export function packetBytes(packet: Packet): number {
  const fields = NUMERIC_FIELDS.filter((field) => packet[field] !== undefined).length;
  return HEADER_BYTES + FIELD_BYTES * (2 + fields) + (packet.mac !== undefined ? TAG_BYTES : 0);
}

export function isPacket(message: Message): message is Packet {
  return typeof message.src === 'string' && typeof message.dst === 'string';
}

/** The two servers whose link the attacker sits on: n1 (the primary) and n2. */
export function hostileLink(ctx: Pick<NodeContext, 'roster'>): [string, string] | null {
  const servers = ctx.roster[SERVER_ROLE] ?? [];
  return servers.length >= 2 ? [servers[0], servers[1]] : null;
}

export function attackerId(ctx: Pick<NodeContext, 'roster'>): string | null {
  return ctx.roster[ATTACKER_ROLE]?.[0] ?? null;
}

/** The next hop of a packet from `from` to `to`: the attacker for the hostile link, else `to`. */
export function nextHop(ctx: Pick<NodeContext, 'roster'>, from: string, to: string): string {
  const link = hostileLink(ctx);
  const attacker = attackerId(ctx);
  if (!link || !attacker) return to;
  const onLink = (from === link[0] && to === link[1]) || (from === link[1] && to === link[0]);
  return onLink ? attacker : to;
}

/** Puts a packet on the wire: tags it when nodes authenticate, routes it, and counts its bytes. */
export function transmit(ctx: NodeContext, auth: Auth, body: Omit<Packet, 'src' | 'mac'>, out: Effect[]): void {
  const packet: Packet = { ...body, src: ctx.id } as Packet;
  if (auth === 'mac') packet.mac = tagOf(packet);
  out.push({ kind: 'send', to: nextHop(ctx, ctx.id, packet.dst), message: packet });
  countSent(packet, out);
}

export function countSent(packet: Packet, out: Effect[]): void {
  out.push({ kind: 'metric', name: 'messages', metric: 'count' });
  out.push({ kind: 'metric', name: 'bytes', metric: 'count', value: packetBytes(packet) });
  if (packet.type === 'Hello' || packet.type === 'Challenge' || packet.type === 'Proof' || packet.type === 'Welcome') {
    out.push({ kind: 'metric', name: 'handshake-messages', metric: 'count' });
  }
}
