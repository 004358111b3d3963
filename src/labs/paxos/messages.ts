// The messages of Paxos (Paxos Made Simple §2.2–2.4), one shape each, and how the stage labels
// them. Phase 1: Prepare → Promise; phase 2: Accept → Accepted. A Nack tells a proposer which
// higher ballot an acceptor has promised (an optimisation the paper mentions); learners tell
// proposers what was chosen; a Multi-Paxos leader sends Heartbeats to the other proposers.
import type { Message } from '../../engine/types';
import type { MessageKindSpec } from '../define-lab';
import { formatBallot } from './ballot';

/** A value an acceptor voted for, and at which ballot. */
export interface Vote {
  ballot: number;
  value: string;
}

export interface Prepare { type: 'Prepare'; ballot: number; fromSlot: number }
export interface PromiseReply { type: 'Promise'; ballot: number; votes: Record<number, Vote> }
export interface Accept { type: 'Accept'; ballot: number; slot: number; value: string }
export interface Accepted { type: 'Accepted'; ballot: number; slot: number; value: string }
export interface Nack { type: 'Nack'; ballot: number; promised: number }
export interface Chosen { type: 'Chosen'; slot: number; value: string }
export interface Heartbeat { type: 'Heartbeat'; ballot: number }

export type PaxosMessage = Prepare | PromiseReply | Accept | Accepted | Nack | Chosen | Heartbeat;

/** The message as one of ours, or null (anything else is ignored). */
export function asPaxos(message: Message): PaxosMessage | null {
  switch (message.type) {
    case 'Prepare': case 'Promise': case 'Accept': case 'Accepted': case 'Nack': case 'Chosen': case 'Heartbeat':
      return message as unknown as PaxosMessage;
    default:
      return null;
  }
}

/** Plain data the engine can send (a Message). */
export function wire(message: PaxosMessage): Message {
  return message as unknown as Message;
}

export function describePaxosMessage(payload: Message): { label: string; kind: string } {
  const message = asPaxos(payload);
  if (!message) return { label: payload.type, kind: 'other' };
  switch (message.type) {
    case 'Prepare': return { label: `prepare ${formatBallot(message.ballot)}`, kind: 'prepare' };
    case 'Promise': return { label: `promise ${formatBallot(message.ballot)}`, kind: 'promise' };
    case 'Accept': return { label: `accept ${message.value}@${formatBallot(message.ballot)}`, kind: 'accept' };
    case 'Accepted': return { label: `accepted ${message.value}`, kind: 'accepted' };
    case 'Nack': return { label: `nack ${formatBallot(message.promised)}`, kind: 'nack' };
    case 'Chosen': return { label: `chosen ${message.value}`, kind: 'chosen' };
    case 'Heartbeat': return { label: `leader ${formatBallot(message.ballot)}`, kind: 'heartbeat' };
  }
}

export const PAXOS_MESSAGE_KINDS: MessageKindSpec[] = [
  { kind: 'prepare', label: 'Prepare (phase 1a: promise me ballot b)', short: 'prepare b', glyph: 'circle' },
  { kind: 'promise', label: 'Promise (phase 1b: with the votes it holds)', short: 'promise b', glyph: 'diamond' },
  { kind: 'accept', label: 'Accept (phase 2a: vote for v at b)', short: 'accept v@b', glyph: 'square' },
  { kind: 'accepted', label: 'Accepted (phase 2b: to proposer and learners)', short: 'accepted v', glyph: 'triangle' },
  { kind: 'nack', label: 'Nack (already promised a higher ballot)', short: 'nack b', glyph: 'cross' },
  { kind: 'chosen', label: 'Chosen (a learner tells the proposers)', short: 'chosen v', glyph: 'star' },
  { kind: 'heartbeat', label: 'Heartbeat (Multi-Paxos leader)', short: 'leader b', glyph: 'wye' },
];
