// How Raft's messages look on a stage: a short label ("AE 3", "vote ✓", "HB") and a kind the
// legend explains. Shared by every lab built on Raft.
import type { Message } from '../../engine/types';

export const RAFT_MESSAGE_KINDS = [
  { kind: 'vote-request', label: 'RequestVote', short: 'vote?', glyph: 'diamond' },
  { kind: 'vote-reply', label: 'Vote reply', short: 'vote ✓/✗', glyph: 'triangle' },
  { kind: 'append', label: 'AppendEntries (with entries)', short: 'AE n', glyph: 'square' },
  { kind: 'heartbeat', label: 'Heartbeat (empty AppendEntries)', short: 'HB', glyph: 'circle' },
  { kind: 'append-reply', label: 'AppendEntries reply', short: 'AE ✓/✗', glyph: 'wye' },
  { kind: 'client', label: 'Client request or reply', glyph: 'cross' },
  { kind: 'prevote-request', label: 'PreVote (would you vote for me?)', short: 'pre?', glyph: 'diamond' },
  { kind: 'prevote-reply', label: 'PreVote reply', short: 'pre ✓/✗', glyph: 'triangle' },
  { kind: 'snapshot', label: 'InstallSnapshot (the leader’s snapshot, Raft §7)', short: 'snap ≤ n', glyph: 'star' },
  { kind: 'snapshot-reply', label: 'InstallSnapshot reply', short: 'snap ✓', glyph: 'wye' },
] as const;

const verdict = (ok: unknown) => (ok ? '✓' : '✗');

/** Raft's RPCs (with pre-vote's, thesis §9.6) and the client's request and reply; anything else
 * is left to the caller. */
export function describeRaftMessage(payload: Message): { label: string; kind: string } | null {
  switch (payload.type) {
    case 'RequestVote':
      return { label: 'vote?', kind: 'vote-request' };
    case 'RequestVoteReply':
      return { label: `vote ${verdict(payload.voteGranted)}`, kind: 'vote-reply' };
    case 'PreVote':
      return { label: 'pre?', kind: 'prevote-request' };
    case 'PreVoteReply':
      return { label: `pre ${verdict(payload.voteGranted)}`, kind: 'prevote-reply' };
    case 'AppendEntries': {
      const count = Array.isArray(payload.entries) ? payload.entries.length : 0;
      return count > 0 ? { label: `AE ${count}`, kind: 'append' } : { label: 'HB', kind: 'heartbeat' };
    }
    case 'AppendEntriesReply':
      return { label: `AE ${verdict(payload.success)}`, kind: 'append-reply' };
    case 'InstallSnapshot':
      return { label: `snap ≤ ${String(payload.lastIncludedIndex)}`, kind: 'snapshot' };
    case 'InstallSnapshotReply':
      return { label: 'snap ✓', kind: 'snapshot-reply' };
    case 'ClientRequest':
      return { label: String((payload.op as { f?: unknown } | undefined)?.f ?? 'request'), kind: 'client' };
    case 'ClientReply':
      return { label: 'reply', kind: 'client' };
    default:
      return null;
  }
}
