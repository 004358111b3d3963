// What travels: clients ask the router; the router sends each part of a request to the shard its
// map names; shards answer, redirect or (under the broken rule) refuse; the router hands each
// new map to every shard; shards hand moved keys to each other and acknowledge them.
import type { Message } from '../../engine/types';
import type { MessageKindSpec } from '../define-lab';

export type Op = 'get' | 'put' | 'incr' | 'scan';

/** One piece of work for one shard: a key's get/put/incr, or a scan of keys [from, to) — under
 * range partitioning only the positions [lo, hi) the router's map gave that shard. */
export interface Part {
  op: Op;
  key?: number;
  value?: number;
  from?: number;
  to?: number;
  lo?: number;
  hi?: number;
}

export function describeShardingMessage(payload: Message): { label: string; kind: string } {
  switch (payload.type) {
    case 'Req':
      return { label: `${payload.op} ${payload.op === 'scan' ? `k${payload.key}…` : `k${payload.key}`}`, kind: payload.op === 'scan' ? 'scan' : 'request' };
    case 'Res':
      return { label: payload.ok ? `ok ${payload.id}` : `lost ${payload.id}`, kind: payload.ok ? 'reply' : 'refused' };
    case 'Part': {
      const part = payload.part as Part;
      return { label: part.op === 'scan' ? `scan ${part.from}–${part.to}` : `${part.op} k${part.key}`, kind: part.op === 'scan' ? 'scan' : 'request' };
    }
    case 'PartDone':
      return { label: `done ${payload.rid}`, kind: 'reply' };
    case 'Redirect':
      return { label: `not mine ${payload.rid}`, kind: 'redirect' };
    case 'Refused':
      return { label: `refused ${payload.rid}`, kind: 'refused' };
    case 'NewMap':
      return { label: `map v${(payload.map as { version: number }).version}`, kind: 'map' };
    case 'MapReady':
      return { label: `ready v${payload.version}`, kind: 'map' };
    case 'Handoff':
      return { label: `${(payload.keys as unknown[]).length} keys`, kind: 'handoff' };
    case 'HandoffAck':
      return { label: `got v${payload.version}`, kind: 'handoff' };
    default:
      return { label: payload.type, kind: 'other' };
  }
}

export const SHARDING_MESSAGE_KINDS: MessageKindSpec[] = [
  { kind: 'request', label: 'Request (get, put or increment a key)', glyph: 'circle' },
  { kind: 'scan', label: 'Range scan (keys in order)', glyph: 'square' },
  { kind: 'reply', label: 'Answer', glyph: 'diamond' },
  { kind: 'redirect', label: 'Redirect (this shard does not serve the key now)', glyph: 'triangle' },
  { kind: 'refused', label: 'Refused (a request lost: the broken rule)', glyph: 'cross' },
  { kind: 'map', label: 'Shard map (a new version, and each shard ready for it)', glyph: 'star' },
  { kind: 'handoff', label: 'Moved keys (and their acknowledgement)', glyph: 'wye' },
];
