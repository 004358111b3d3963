// What the engine shows of itself at a moment: the only thing the UI ever reads.
import type { HistoryEvent, NodeId, NodeView, EndpointId } from './types';

export type MessageFate = 'in-flight' | 'delivered' | 'dropped' | 'duplicated' | 'cut';

export interface InFlightMessage {
  id: number;
  from: EndpointId;
  to: EndpointId;
  type: string;
  /** Short label for the stage ("AE 3", "vote ✓"). */
  label: string;
  sentAtMs: number;
  deliverAtMs: number;
  fate: MessageFate;
  /** True for a copy made by the duplicate fault. */
  duplicate?: boolean;
}

export type TraceKind =
  | 'send'
  | 'deliver'
  | 'drop'
  | 'timer'
  | 'request'
  | 'reply'
  | 'crash'
  | 'restart'
  | 'pause'
  | 'resume'
  | 'timeout'
  | 'cut'
  | 'heal'
  | 'partition'
  | 'network'
  | 'skew'
  | 'control'
  | 'note'
  | 'violation'
  | 'history';

export interface TraceEvent {
  seq: number;
  timeMs: number;
  kind: TraceKind;
  node?: EndpointId;
  from?: EndpointId;
  to?: EndpointId;
  messageId?: number;
  messageType?: string;
  /** Protocol note tag ("became-leader") or fault detail. */
  tag?: string;
  /** Human sentence for the event log. */
  text?: string;
  data?: Record<string, unknown>;
}

export interface Violation {
  invariant: string;
  message: string;
  timeMs: number;
  seed: number;
}

export interface NodeFrame {
  id: NodeId;
  up: boolean;
  paused: boolean;
  pausedUntilMs: number | null;
  clockSkewMs: number;
  view: NodeView;
}

export interface LinkFrame {
  from: NodeId;
  to: NodeId;
  up: boolean;
}

export interface ClientFrame {
  id: string;
  attachedTo: NodeId;
  /** The operation in flight, if any. */
  pending: string | null;
}

export interface Frame {
  lab: string;
  seed: number;
  timeMs: number;
  eventCount: number;
  traceHash: string;
  nodes: NodeFrame[];
  /** Directed links; the stage draws an undirected pair as cut if either direction is. */
  links: LinkFrame[];
  clients: ClientFrame[];
  messages: InFlightMessage[];
  /** Recent notable events (notes, faults, violations), oldest first. */
  notable: TraceEvent[];
  /** Recent faults and controls only (partitions, crashes, mode switches…), oldest first. */
  faults: TraceEvent[];
  violations: Violation[];
  leader: NodeId | null;
  /** Time of the next pending event, or null when nothing is left to happen. */
  nextEventAtMs: number | null;
  /** The client history so far (labs with a workload). */
  history: HistoryEvent[];
  /** True when a limit was hit (events per advance, in-flight messages…), with why. */
  limited: string | null;
  /** Index in the full history of `history[0]` (the frame may carry only the tail). */
  historyOffset: number;
  /** Lab-wide mode (CAP: "cp" or "ap"), null for labs without one. */
  mode: string | null;
  checks: CheckSummary | null;
}

/** Live checker verdicts over the client history (labs with a workload, e.g. CAP). Computed in
 * the worker from the history; the page only shows them. */
export interface CheckSummary {
  /** The verdict over the operations since `windowStartMs` (the last mode switch, or 0). */
  linearizable: true | false | 'unknown';
  windowStartMs: number;
  mode: string | null;
  /** On a violation: one sentence, and the history indexes (of the invoke events) involved. */
  explanation: { sentence: string; operations: number[] } | null;
  /** Session-guarantee violations per client (read-your-writes, monotonic reads, …). */
  sessions: { guarantee: string; client: string; sentence: string; operations: number[] }[];
  /** After healing and quiet: do all replicas hold the same values? null while not quiet. */
  converged: boolean | null;
  divergent: string[];
  /** Share of operations completed ok among those that completed in the last `windowMs`. */
  availability: { ok: number; total: number; windowMs: number };
  checkedOps: number;
}
