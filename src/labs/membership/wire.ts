// Putting a message on the wire: SWIM messages carry the least-sent rumors piggybacked, and every
// send is counted per member for the load chart (all-to-all against SWIM).
import type { Effect, Message, NodeContext } from '../../engine/types';
import { takePiggyback } from './dissemination';
import { readParams, retransmitLimit } from './settings';
import type { MemberState } from './state';

/** The load chart's line for each message type. */
const LOAD_LINE: Record<string, string> = {
  Ping: 'load-probe', Ack: 'load-probe', PingReq: 'load-indirect', Heartbeat: 'load-heartbeat', Join: 'load-join', JoinAck: 'load-join',
};

/** Counts a send as 1/N of a message so that a chart's per-second sum reads "messages per member per second". */
export function countSend(out: Effect[], type: string, members: number): void {
  const share = 1 / Math.max(1, members);
  out.push({ kind: 'metric', name: 'load', metric: 'count', value: share });
  out.push({ kind: 'metric', name: LOAD_LINE[type] ?? 'load-other', metric: 'count', value: share });
}

/** Sends `message` with rumors piggybacked (SWIM); returns the state with the rumors counted. */
export function sendWithRumors(state: MemberState, ctx: NodeContext, out: Effect[], to: string, message: Message): MemberState {
  const { rumors, buffer } = takePiggyback(state.buffer, retransmitLimit(readParams(ctx.params).lambda, ctx.servers.length));
  out.push({ kind: 'send', to, message: { ...message, rumors } });
  countSend(out, message.type, ctx.servers.length);
  return buffer === state.buffer ? state : { ...state, buffer };
}
