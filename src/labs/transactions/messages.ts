// The lab's messages, and how the stage labels them. Clients ask the coordinator for transfers;
// the coordinator runs two-phase commit (Prepare, Vote, Commit/Abort, Ack; Status from a
// participant in doubt) or a saga (Do/Done forward, Undo/Undone to compensate); readers read
// every participant's balance directly.
import type { Message } from '../../engine/types';
import type { MessageKindSpec } from '../define-lab';

export interface TransferMsg { type: 'Transfer'; req: number; from: number; amount: number }
export interface ResultMsg { type: 'Result'; req: number; tx: number; outcome: 'committed' | 'aborted' | 'busy' }
export interface PrepareMsg { type: 'Prepare'; tx: number; delta: number }
export interface VoteMsg { type: 'Vote'; tx: number; yes: boolean }
/** Commit or abort: the coordinator's decision, also its answer to a participant in doubt. */
export interface DecisionMsg { type: 'Commit' | 'Abort'; tx: number }
export interface AckMsg { type: 'Ack'; tx: number }
/** A participant in doubt asks the coordinator what became of a transaction. */
export interface StatusMsg { type: 'Status'; tx: number }
export interface DoMsg { type: 'Do'; tx: number; delta: number }
export interface DoneMsg { type: 'Done'; tx: number; ok: boolean }
export interface UndoMsg { type: 'Undo'; tx: number; delta: number }
export interface UndoneMsg { type: 'Undone'; tx: number }
export interface ReadMsg { type: 'Read'; round: number; collect: 1 | 2 }
export interface ReadReplyMsg { type: 'ReadReply'; round: number; collect: 1 | 2; balance: number; version: number; lockedBy: number | null }

export type TxMessage =
  | TransferMsg | ResultMsg | PrepareMsg | VoteMsg | DecisionMsg | AckMsg | StatusMsg
  | DoMsg | DoneMsg | UndoMsg | UndoneMsg | ReadMsg | ReadReplyMsg;

export function msg(message: TxMessage): Message {
  return message as unknown as Message;
}

export const TX_MESSAGE_KINDS: MessageKindSpec[] = [
  { kind: 'transfer', label: 'Transfer: a client asks, the coordinator answers', short: 'move 20?', glyph: 'circle' },
  { kind: 'prepare', label: 'Prepare (2PC phase 1: can you commit?)', short: 'prep 4?', glyph: 'diamond' },
  { kind: 'vote', label: 'Vote (yes holds a lock; no aborts)', short: 'yes 4', glyph: 'triangle' },
  { kind: 'decision', label: 'Commit or abort (2PC phase 2), and its ack', short: 'commit 4', glyph: 'square' },
  { kind: 'in-doubt', label: 'In doubt: a prepared participant asks for the outcome', short: 'tx 4?', glyph: 'cross' },
  { kind: 'step', label: 'Saga step: a local transaction, and its answer', short: 'do 4', glyph: 'star' },
  { kind: 'compensate', label: 'Compensation: undo a saga step', short: 'undo 4', glyph: 'wye' },
  { kind: 'read', label: 'Read: a reader asks one participant its balance', short: 'read', glyph: 'circle' },
];

export function describeTxMessage(payload: Message): { label: string; kind: string } {
  const m = payload as unknown as TxMessage;
  switch (m.type) {
    case 'Transfer':
      return { label: `move ${m.amount}?`, kind: 'transfer' };
    case 'Result':
      return { label: m.outcome === 'committed' ? `tx ${m.tx} ✓` : m.outcome === 'busy' ? 'busy ✗' : `tx ${m.tx} ✗`, kind: 'transfer' };
    case 'Prepare':
      return { label: `prep ${m.tx}?`, kind: 'prepare' };
    case 'Vote':
      return { label: `${m.yes ? 'yes' : 'no'} ${m.tx}`, kind: 'vote' };
    case 'Commit':
      return { label: `commit ${m.tx}`, kind: 'decision' };
    case 'Abort':
      return { label: `abort ${m.tx}`, kind: 'decision' };
    case 'Ack':
      return { label: `ack ${m.tx}`, kind: 'decision' };
    case 'Status':
      return { label: `tx ${m.tx}?`, kind: 'in-doubt' };
    case 'Do':
      return { label: `do ${m.tx}`, kind: 'step' };
    case 'Done':
      return { label: `${m.ok ? 'done' : 'refused'} ${m.tx}`, kind: 'step' };
    case 'Undo':
      return { label: `undo ${m.tx}`, kind: 'compensate' };
    case 'Undone':
      return { label: `undone ${m.tx}`, kind: 'compensate' };
    case 'Read':
      return { label: 'read', kind: 'read' };
    case 'ReadReply':
      return { label: m.lockedBy === null ? String(m.balance) : `locked ${m.lockedBy}`, kind: 'read' };
    default:
      return { label: (payload as Message).type, kind: 'other' };
  }
}
