// How the stage labels the lab's messages, and the legend's kinds. A copy the attacker altered,
// replayed or forged is labelled so (from the packet's ground-truth mark, which receivers ignore).
import type { Message } from '../../engine/types';
import type { MessageKindSpec } from '../define-lab';

export function describeTrustMessage(payload: Message): { label: string; kind: string } {
  const mark = typeof payload.mark === 'string' ? ` (${payload.mark})` : '';
  switch (payload.type) {
    case 'Write':
      return { label: `write x=${payload.value}`, kind: 'client' };
    case 'WriteOk':
      return { label: 'ok', kind: 'client' };
    case 'Replicate':
      return { label: `x=${payload.value} v${payload.version}${mark}`, kind: payload.mark ? 'attack' : 'replicate' };
    case 'Ack':
      return { label: `ack v${payload.version}`, kind: 'ack' };
    case 'Hello':
    case 'Challenge':
    case 'Proof':
    case 'Welcome':
      return { label: payload.type.toLowerCase(), kind: 'handshake' };
    default:
      return { label: payload.type, kind: 'other' };
  }
}

export const TRUST_MESSAGE_KINDS: MessageKindSpec[] = [
  { kind: 'client', label: 'A client’s write and its answer', short: 'write x=…', glyph: 'circle' },
  { kind: 'replicate', label: 'Replicate (the primary’s state)', short: 'x=… v…', glyph: 'diamond' },
  { kind: 'ack', label: 'Ack (a follower holds a version)', short: 'ack v…', glyph: 'square' },
  { kind: 'handshake', label: 'Handshake (hello, challenge, proof, welcome)', short: 'challenge', glyph: 'triangle' },
  { kind: 'attack', label: 'A Replicate the attacker altered, replayed or forged', short: '(tampered)', glyph: 'cross' },
];
