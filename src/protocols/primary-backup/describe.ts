// How primary-backup's messages look on the stage, in the platform's style: a request asks
// ("ship 3?", "vote?"), a reply answers ("ack 7 ✓", "vote ✓").
import type { Message } from '../../engine/types';

export function describeReplicationMessage(payload: Message): { label: string; kind: string } | null {
  switch (payload.type) {
    case 'Append': {
      const count = Array.isArray(payload.entries) ? payload.entries.length : 0;
      return { label: count === 0 ? `hb e${payload.epoch}` : `ship ${count}`, kind: 'append' };
    }
    case 'AppendReply':
      return { label: payload.ok ? `ack ${payload.matchIndex} ✓` : `✗ e${payload.epoch}`, kind: 'append-reply' };
    case 'RequestVote':
      return { label: 'vote?', kind: 'vote' };
    case 'VoteReply':
      return { label: payload.granted ? 'vote ✓' : 'vote ✗', kind: 'vote' };
    default:
      return null;
  }
}

export const REPLICATION_MESSAGE_KINDS = [
  { kind: 'append', label: 'Append (the primary ships log entries; empty: a heartbeat)', short: 'ship 2 · hb e1', glyph: 'circle' },
  { kind: 'append-reply', label: 'Append reply (a follower has the log up to an index, or names a newer epoch)', short: 'ack 7 ✓ · ✗ e2', glyph: 'diamond' },
  { kind: 'vote', label: 'Vote request or reply (failover)', short: 'vote? · vote ✓', glyph: 'triangle' },
] as const;
