// The balancing lab's messages: a request's path client → balancer → server and back, the
// balancers' health probes, and the servers' periodic load reports.
import type { Message } from '../../engine/types';

/** client → balancer, then balancer → server (with the balancer's request id). */
export interface RequestMessage extends Message {
  type: 'Request';
  id: string;
}
/** server → balancer → client. */
export interface ReplyMessage extends Message {
  type: 'Reply';
  id: string;
}
/** An error answer: the server is failing, its queue is full, the balancer had no server or gave
 * up waiting. */
export type FailReason = 'failing' | 'overloaded' | 'no-server' | 'timeout';
export interface FailedMessage extends Message {
  type: 'Failed';
  id: string;
  reason: FailReason;
}
export interface ProbeMessage extends Message {
  type: 'Probe';
  seq: number;
  /** Deep probes exercise the request path; shallow ones only ask whether the process answers. */
  deep: boolean;
}
export interface ProbeReplyMessage extends Message {
  type: 'ProbeReply';
  seq: number;
  healthy: boolean;
}
/** A server's load (requests held: waiting plus in service), posted to every balancer. */
export interface LoadMessage extends Message {
  type: 'Load';
  load: number;
}

export function describeMessage(payload: Message): { label: string; kind: string } {
  switch (payload.type) {
    case 'Request':
      return { label: String(payload.id), kind: 'request' };
    case 'Reply':
      return { label: `ok ${payload.id}`, kind: 'reply' };
    case 'Failed':
      return { label: `${payload.reason} ${payload.id}`, kind: 'failed' };
    case 'Probe':
      return { label: `probe ${payload.seq}`, kind: 'probe' };
    case 'ProbeReply':
      return { label: payload.healthy ? 'healthy' : 'unhealthy', kind: 'probe-reply' };
    case 'Load':
      return { label: `load ${payload.load}`, kind: 'load' };
    default:
      return { label: payload.type, kind: 'other' };
  }
}
