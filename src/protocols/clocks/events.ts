// The events a clocks process records: every local, send and receive event with each clock's
// timestamp, so a checker can rebuild happens-before from the messages and judge the clocks.
import type { Hlc } from './hybrid';

export type ClockEventKind = 'local' | 'send' | 'receive';

/** A last-writer-wins decision taken at this event: the write kept and the one discarded. */
export interface LwwDecision {
  kept: number;
  dropped: number;
}

export interface ClockEvent {
  /** Run-wide, in the order events happened (so a causal path runs through ascending ids). */
  id: number;
  node: string;
  /** The process's position in the process order (its vector entry). */
  index: number;
  /** 1-based position among its process's events. */
  seq: number;
  kind: ClockEventKind;
  /** Send: the receiver; receive: the sender. */
  peer?: string;
  /** Receive: the id of the send event of the message. */
  sendId?: number;
  lamport: number;
  vector: number[];
  /** The process's physical clock reading (skewed and drifting). */
  physicalMs: number;
  hlc: Hlc;
  /** Local events write the register; local and receive events may decide last-writer-wins. */
  lww?: LwwDecision;
}
