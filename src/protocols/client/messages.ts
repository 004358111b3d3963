// The request/reply vocabulary between a Jepsen-style client and the servers it talks to: a
// shared building block, so the engine itself never needs to know what a client request is.
import type { Effect, Message, NodeId, Operation } from '../../engine/types';

/** An operation a client asks of the system (Jepsen's vocabulary: read, write, cas…). */
export type { Operation };

export interface ClientRequest {
  requestId: number;
  client: NodeId;
  op: Operation;
}

/** What a server answers a client: done, certainly not done, or "ask that node instead". */
export type ReplyResult =
  | { status: 'ok'; value?: unknown; mode?: string }
  | { status: 'fail'; error: string; mode?: string }
  | { status: 'redirect'; leaderHint?: NodeId };

export const CLIENT_REQUEST = 'ClientRequest';
export const CLIENT_REPLY = 'ClientReply';

/** The request carried by a message, or null when the message is not a client request. */
export function asClientRequest(from: NodeId, message: Message): ClientRequest | null {
  if (message.type !== CLIENT_REQUEST) return null;
  return { requestId: message.requestId as number, client: from, op: message.op as Operation };
}

export function requestMessage(requestId: number, op: Operation): Message {
  return { type: CLIENT_REQUEST, requestId, op };
}

/** The effect that answers a request: a ClientReply message back to the client. */
export function reply(to: NodeId, requestId: number, result: ReplyResult): Effect {
  return { kind: 'send', to, message: { type: CLIENT_REPLY, requestId, result } };
}

/** The reply a send effect carries, or null when it carries none. */
export function replyOf(effect: Effect): { to: NodeId; requestId: number; result: ReplyResult } | null {
  if (effect.kind !== 'send' || effect.message.type !== CLIENT_REPLY) return null;
  return { to: effect.to, requestId: effect.message.requestId as number, result: effect.message.result as ReplyResult };
}
