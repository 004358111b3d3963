// How Dynamo's messages look on a stage: requests ask ("put?", "get?"), replies answer ("put ✓").
import type { Message } from '../../engine/types';

const LABELS: Record<string, { label: string; kind: string }> = {
  Put: { label: 'put?', kind: 'replicate' },
  PutAck: { label: 'put ✓', kind: 'replicate' },
  Get: { label: 'get?', kind: 'read' },
  GetReply: { label: 'get ✓', kind: 'read' },
  Repair: { label: 'repair', kind: 'repair' },
  Handoff: { label: 'handoff', kind: 'handoff' },
  HandoffAck: { label: 'handoff ✓', kind: 'handoff' },
  Digest: { label: 'digest', kind: 'anti-entropy' },
  Sync: { label: 'sync', kind: 'anti-entropy' },
};

/** A Dynamo message's label and kind; a hinted put says so. Null for any other message. */
export function describeDynamoMessage(payload: Message): { label: string; kind: string } | null {
  const known = Object.hasOwn(LABELS, payload.type) ? LABELS[payload.type] : null;
  if (!known) return null;
  if (payload.type === 'Put' && typeof payload.hintFor === 'string') return { label: `put? (for ${payload.hintFor})`, kind: 'hint' };
  return known;
}

export const DYNAMO_MESSAGE_KINDS = [
  { kind: 'replicate', label: 'Write to a replica, and its acknowledgement', short: 'put? · put ✓', glyph: 'circle' },
  { kind: 'read', label: 'Read from a replica, and its answer', short: 'get? · get ✓', glyph: 'diamond' },
  { kind: 'hint', label: 'Write to a stand-in, with a hint for the replica it stands in for (sloppy quorum)', short: 'put? (for n3)', glyph: 'triangle' },
  { kind: 'repair', label: 'Read repair: the newer version to a replica that answered with less', short: 'repair', glyph: 'square' },
  { kind: 'handoff', label: 'Hinted handoff: hints delivered to their replica', short: 'handoff', glyph: 'wye' },
  { kind: 'anti-entropy', label: 'Anti-entropy: hashes compared, differing keys exchanged', short: 'digest · sync', glyph: 'star' },
] as const;
