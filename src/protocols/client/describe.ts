// How the register client's messages look on a stage, in the same style as Raft's ("vote?",
// "vote ✓"): a request is its operation and a question mark ("write?"), a reply its outcome
// ("ok ✓", "fail ✗", "↪ n3" for "ask that node instead").
import type { Message } from '../../engine/types';
import { CLIENT_REPLY, CLIENT_REQUEST, type ReplyResult } from './messages';

export const CLIENT_KIND = 'client';

/** The legend's line for the client's messages. */
export const CLIENT_MESSAGE_KIND = { kind: CLIENT_KIND, label: 'Client request or reply', short: 'write? · ok ✓', glyph: 'cross' } as const;

function replyLabel(result: ReplyResult | undefined): string {
  if (result?.status === 'ok') return 'ok ✓';
  if (result?.status === 'fail') return 'fail ✗';
  if (result?.status === 'redirect') return result.leaderHint ? `↪ ${result.leaderHint}` : '↪ ?';
  return 'reply';
}

/** A client request or reply; null for any other message. */
export function describeClientMessage(payload: Message): { label: string; kind: string } | null {
  if (payload.type === CLIENT_REQUEST) {
    const f = (payload.op as { f?: unknown } | undefined)?.f;
    return { label: `${typeof f === 'string' ? f : 'request'}?`, kind: CLIENT_KIND };
  }
  if (payload.type === CLIENT_REPLY) return { label: replyLabel(payload.result as ReplyResult | undefined), kind: CLIENT_KIND };
  return null;
}
