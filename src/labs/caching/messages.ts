// The caching lab's wire vocabulary between clients, app servers, the cache and the database,
// and how the stage labels each message.
import type { Message } from '../../engine/types';
import type { MessageKindSpec } from '../define-lab';

/** Where a value came from, for the stage: the database assigns each key's versions 1, 2, 3… */
export interface Versioned {
  value: number | null;
  version: number;
}

const CLIENT_TYPES = new Set(['Get', 'Put']);
const ANSWER_TYPES = new Set(['Value', 'Stored', 'Failed']);
const DB_TYPES = new Set(['DbRead', 'DbWrite']);
const DB_ANSWERS = new Set(['DbValue', 'DbAck']);
const INVALIDATIONS = new Set(['CacheDelete', 'Invalidate']);
const FILLS = new Set(['CacheSet', 'CacheWrite']);
const ACKS = new Set(['SetDone', 'Deleted', 'Written', 'Invalidated']);

const show = (value: unknown) => (value === null || value === undefined ? 'nil' : String(value));

export function describeCachingMessage(m: Message): { label: string; kind: string } {
  const key = String(m.key ?? '');
  if (CLIENT_TYPES.has(m.type)) return { label: m.type === 'Get' ? `get ${key}` : `put ${key}=${show(m.value)}`, kind: 'client' };
  if (ANSWER_TYPES.has(m.type)) return { label: m.type === 'Value' ? `${key}=${show(m.value)}` : m.type === 'Stored' ? `ok ${key}` : `fail ${key}`, kind: 'answer' };
  if (m.type === 'CacheGet' || m.type === 'CacheRead') return { label: `get ${key}`, kind: 'lookup' };
  if (m.type === 'Hit') return { label: `hit ${key}=${show(m.value)}`, kind: 'hit' };
  if (m.type === 'Miss' || m.type === 'Wait') return { label: `${m.type === 'Miss' ? 'miss' : 'wait'} ${key}${m.lease ? ` L${m.lease}` : ''}`, kind: 'miss' };
  if (FILLS.has(m.type)) return { label: `set ${key}=${show(m.value)}${m.lease ? ` L${m.lease}` : ''}`, kind: 'fill' };
  if (INVALIDATIONS.has(m.type)) return { label: `del ${key}`, kind: 'invalidate' };
  if (DB_TYPES.has(m.type)) return { label: m.type === 'DbRead' ? `read ${key}` : `write ${key}=${show(m.value)}`, kind: 'db' };
  if (DB_ANSWERS.has(m.type)) return { label: `${key} v${show(m.version)}`, kind: 'db-answer' };
  if (ACKS.has(m.type)) return { label: `${m.type.toLowerCase()} ${key}`, kind: 'ack' };
  return { label: m.type, kind: 'other' };
}

export const CACHING_MESSAGE_KINDS: MessageKindSpec[] = [
  { kind: 'client', label: 'Client request (get or put)', glyph: 'circle' },
  { kind: 'answer', label: 'Answer to a client', glyph: 'diamond' },
  { kind: 'lookup', label: 'Cache lookup', glyph: 'triangle' },
  { kind: 'hit', label: 'Cache hit', glyph: 'star' },
  { kind: 'miss', label: 'Cache miss (with a lease token) or "wait"', glyph: 'cross' },
  { kind: 'fill', label: 'Cache set (a fill or a write)', glyph: 'square' },
  { kind: 'invalidate', label: 'Cache delete (invalidation)', glyph: 'wye' },
  { kind: 'db', label: 'Database read or write (origin load)', glyph: 'circle' },
  { kind: 'db-answer', label: 'Database answer (value and version)', glyph: 'diamond' },
  { kind: 'ack', label: 'Cache acknowledgement (set, deleted, written)', glyph: 'triangle' },
];
