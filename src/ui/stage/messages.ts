// How an in-flight message is drawn: its kind (shape, colour, legend) and where it is at a display time.
import { symbol, symbolCircle, symbolDiamond, symbolSquare, symbolTriangle, symbolWye, symbolCross } from 'd3-shape';
import type { SymbolType } from 'd3-shape';
import type { InFlightMessage } from '../../engine/frame';

export type MessageKind =
  | 'vote-request'
  | 'vote-reply'
  | 'append'
  | 'heartbeat'
  | 'append-reply'
  | 'client'
  | 'other';

export interface MessageKindInfo {
  kind: MessageKind;
  label: string;
  symbol: SymbolType;
  /** Symbol area in square units (d3-shape's measure). */
  area: number;
}

export const MESSAGE_KINDS: readonly MessageKindInfo[] = [
  { kind: 'vote-request', label: 'RequestVote', symbol: symbolDiamond, area: 150 },
  { kind: 'vote-reply', label: 'Vote reply', symbol: symbolTriangle, area: 110 },
  { kind: 'append', label: 'AppendEntries (with entries)', symbol: symbolSquare, area: 150 },
  { kind: 'heartbeat', label: 'Heartbeat (empty AppendEntries)', symbol: symbolCircle, area: 80 },
  { kind: 'append-reply', label: 'AppendEntries reply', symbol: symbolWye, area: 110 },
  { kind: 'client', label: 'Client request or reply', symbol: symbolCross, area: 110 },
  { kind: 'other', label: 'Other message', symbol: symbolCircle, area: 110 },
];

const REPLY = /(reply|response|resp|ack|granted|result)$/;
const HEARTBEAT_LABEL = /heartbeat|\bhb\b|♥|❤/i;
const CLIENT_ID = /^c\d+$/;

/** Classifies by type name (Raft's names or close variants) and, for heartbeats, by label. */
export function messageKind(message: Pick<InFlightMessage, 'type' | 'label' | 'from' | 'to'>): MessageKind {
  if (CLIENT_ID.test(message.from) || CLIENT_ID.test(message.to)) return 'client';
  const type = message.type.toLowerCase().replace(/[^a-z]/g, '');
  const reply = REPLY.test(type);
  if (type.includes('vote')) return reply ? 'vote-reply' : 'vote-request';
  if (type.includes('heartbeat')) return reply ? 'append-reply' : 'heartbeat';
  if (type.includes('append') || type === 'ae' || type === 'aereply') {
    if (reply) return 'append-reply';
    return HEARTBEAT_LABEL.test(message.label) ? 'heartbeat' : 'append';
  }
  if (type.startsWith('client')) return 'client';
  return 'other';
}

export function kindInfo(kind: MessageKind): MessageKindInfo {
  return MESSAGE_KINDS.find((info) => info.kind === kind) ?? MESSAGE_KINDS[MESSAGE_KINDS.length - 1];
}

/** The SVG path of a kind's symbol, centred on the origin. */
export function symbolPath(kind: MessageKind, scale = 1): string {
  const info = kindInfo(kind);
  return symbol(info.symbol, info.area * scale)() ?? '';
}

/** A message that will never arrive (lost or cut) stops where it is drawn and turns red. */
export function isStopped(message: Pick<InFlightMessage, 'fate'>): boolean {
  return message.fate === 'cut' || message.fate === 'dropped';
}

/** Stopped messages halt halfway, at the cut. */
export const STOPPED_AT = 0.5;

/** Fraction of the way along its link at `timeMs` (DESIGN §1.7), clamped to [0, 1]. */
export function messageProgress(
  message: Pick<InFlightMessage, 'sentAtMs' | 'deliverAtMs' | 'fate'>,
  timeMs: number,
): number {
  const span = message.deliverAtMs - message.sentAtMs;
  const raw = span <= 0 ? 1 : (timeMs - message.sentAtMs) / span;
  const progress = Math.min(1, Math.max(0, raw));
  return isStopped(message) ? Math.min(progress, STOPPED_AT) : progress;
}

/** Near either end of its link a message's label would pile up with its neighbours'. */
export function isLabelled(progress: number): boolean {
  return progress > 0.12 && progress < 0.88;
}

const VERDICT = /[✓✗]\s*$/;

/** A few characters for the stage ("vote?", "vote ✓", "AE 3", "HB", "AE ✓"); the legend explains them. */
export function stageLabel(message: Pick<InFlightMessage, 'label'>, kind: MessageKind): string {
  const verdict = message.label.match(VERDICT)?.[0].trim();
  const withVerdict = (word: string) => (verdict ? `${word} ${verdict}` : word);
  switch (kind) {
    case 'vote-request':
      return 'vote?';
    case 'vote-reply':
      return withVerdict('vote');
    case 'heartbeat':
      return 'HB';
    case 'append': {
      const count = message.label.match(/\((\d+)\)/)?.[1];
      return count ? `AE ${count}` : 'AE';
    }
    case 'append-reply':
      return withVerdict('AE');
    default:
      return message.label.length > 14 ? `${message.label.slice(0, 13)}…` : message.label;
  }
}

/**
 * With reduced motion a message does not glide: it sits at its sender for the first half of its
 * flight and at its receiver for the second (a lost one at the cut, where it stops).
 */
export function steppedProgress(progress: number, stopped: boolean): number {
  if (progress < 0.5) return 0;
  return stopped ? STOPPED_AT : 1;
}
