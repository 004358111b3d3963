// The locks lab's messages: clients ask lock nodes for a lease and give it back, and read and
// write the storage's counter with the fencing token their lease came with.
import type { Message } from '../../engine/types';
import type { MessageKindSpec } from '../define-lab';

export type LockMessage =
  | { type: 'Acquire'; attempt: number; leaseMs: number }
  | { type: 'Granted'; attempt: number; token: number }
  | { type: 'Denied'; attempt: number }
  | { type: 'Release'; attempt: number }
  /** `section` names the lease a request is made under (its acquisition): not used by the storage's
   * rule, only by the ledger the checker reads. */
  | { type: 'Read'; token: number; section: number }
  | { type: 'ReadOk'; token: number; value: number }
  | { type: 'Write'; token: number; section: number; value: number; writeId: number }
  | { type: 'WriteOk'; writeId: number }
  | { type: 'Rejected'; op: 'read' | 'write'; token: number; highest: number };

export const MESSAGE_KINDS: MessageKindSpec[] = [
  { kind: 'acquire', label: 'Acquire (ask for a lease)', short: 'lock?', glyph: 'circle' },
  { kind: 'grant', label: 'Granted, with a fencing token', short: 'lock #7', glyph: 'diamond' },
  { kind: 'deny', label: 'Denied (someone holds it)', short: 'busy', glyph: 'cross' },
  { kind: 'release', label: 'Release', short: 'unlock', glyph: 'triangle' },
  { kind: 'storage', label: 'Read or write the storage, with the token', short: 'w 5 #7', glyph: 'square' },
  { kind: 'reply', label: 'Storage reply', short: 'ok', glyph: 'wye' },
  { kind: 'reject', label: 'Rejected: a stale token', short: 'stale #6', glyph: 'star' },
];

export function describeLockMessage(payload: Message): { label: string; kind: string } {
  const m = payload as LockMessage;
  switch (m.type) {
    case 'Acquire':
      return { label: 'lock?', kind: 'acquire' };
    case 'Granted':
      return { label: `lock #${m.token}`, kind: 'grant' };
    case 'Denied':
      return { label: 'busy', kind: 'deny' };
    case 'Release':
      return { label: 'unlock', kind: 'release' };
    case 'Read':
      return { label: `r #${m.token}`, kind: 'storage' };
    case 'Write':
      return { label: `w ${m.value} #${m.token}`, kind: 'storage' };
    case 'ReadOk':
      return { label: `=${m.value}`, kind: 'reply' };
    case 'WriteOk':
      return { label: 'ok', kind: 'reply' };
    case 'Rejected':
      return { label: `stale #${m.token}`, kind: 'reject' };
    default:
      return { label: payload.type, kind: 'reply' };
  }
}
