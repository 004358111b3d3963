// What the engine shows of itself at a moment: the only thing the UI ever reads.
import type { MetricPoint } from './metrics';
import type { SessionFootprint } from './session';
import type { HistoryEvent, NodeId, NodeView, EndpointId } from './types';

export type MessageFate = 'in-flight' | 'delivered' | 'dropped' | 'duplicated' | 'cut';

export interface InFlightMessage {
  id: number;
  from: EndpointId;
  to: EndpointId;
  type: string;
  /** Short label for the stage ("AE 3", "vote ✓"), from the lab's message descriptor. */
  label: string;
  /** The lab's kind of message ("vote-request", "append", "client"…): picks its glyph and colour
   * and its line in the legend (the lab's `messageKinds`). */
  kind: string;
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
  /** The actor's role in its lab: "server", "client", "balancer", "broker"… */
  role: string;
  /** For an actor that sits beside another (a client beside its home node): that actor's id. It
   * shares that actor's links, so a cut there cuts it off too. Null for a free-standing actor. */
  home: NodeId | null;
  up: boolean;
  paused: boolean;
  pausedUntilMs: number | null;
  clockSkewMs: number;
  view: NodeView;
  /** Running timers: when each was set and when it is due (the stage drains a ring with it). */
  timers: { name: string; setAtMs: number; dueAtMs: number }[];
}

/** A directed link between two actors. Frames list only the links that are cut: every pair of
 * actors not listed can talk (a 64-member cluster would otherwise ship 4,032 links a frame). */
export interface LinkFrame {
  from: NodeId;
  to: NodeId;
  up: boolean;
}

export interface Frame {
  lab: string;
  seed: number;
  timeMs: number;
  eventCount: number;
  traceHash: string;
  /** Every actor of the run (servers, clients, balancers…), in the lab's role order. */
  nodes: NodeFrame[];
  /** The directed links that are cut; the stage draws a pair as cut if either direction is. */
  links: LinkFrame[];
  messages: InFlightMessage[];
  /** Recent sends, deliveries and drops (oldest first) for the space-time view: the trace's own
   * records, at most a few thousand, so an arrow can be drawn from its send to its delivery. */
  traffic: TraceEvent[];
  /** Recent notable events (notes, faults, violations), oldest first. */
  notable: TraceEvent[];
  /** Recent faults and controls only (partitions, crashes, mode switches…), oldest first. */
  faults: TraceEvent[];
  violations: Violation[];
  leader: NodeId | null;
  /** Time of the next pending event, or null when nothing is left to happen. */
  nextEventAtMs: number | null;
  /** The client history so far (labs whose clients record one). */
  history: HistoryEvent[];
  /** True when a limit was hit (events per advance, in-flight messages…), with why. */
  limited: string | null;
  /** Index in the full history of `history[0]` (the frame may carry only the tail). */
  historyOffset: number;
  /** Completed operations a long run has dropped from the front of its history (the engine keeps
   * a bounded window; checks then start from an unknown value). */
  historyDroppedOps?: number;
  /** The lab's own part of the frame (its `project(sim)` and live checks); plain data whose
   * shape only that lab's panels know. Null for labs that add nothing. */
  labView: unknown;
  /** The last seconds of every metric the run records, one point per second (labs with charts). */
  metrics: Record<string, MetricPoint[]>;
  /** What the worker's session holds in memory (each part has a fixed budget), when a session
   * built the frame. */
  footprint?: SessionFootprint;
  /** Set while a long seek is still replaying towards this time (it goes on in slices, so the
   * worker stays responsive and a newer seek can take over). */
  seekingToMs?: number;
}
