// The world: everything a run is, as one plain object. Checkpointing is structuredClone(world);
// nothing outside it (but the protocol code and the action schedule) affects what happens next.
import type { EventQueue } from './event-queue';
import type { InFlightMessage, Violation } from './frame';
import type { NetworkState } from './network';
import type { MetricsStore } from './metrics';
import type { PrngState } from './prng';
import type { TraceState, TripHashes } from './trace';
import type { ActorSpec } from './system';
import type { HistoryEvent, Message, NodeId } from './types';

export interface WorldConfig {
  lab: string;
  seed: number;
  /** Every actor of the run, in order: the first role's members first. */
  actors: ActorSpec[];
  params: Record<string, unknown>;
  network: { latencyMs: [number, number]; drop: number; duplicate: number };
  limits?: Partial<Limits>;
}

export interface Limits {
  inFlightMessages: number;
  historyEvents: number;
  traceEvents: number;
}

export const DEFAULT_LIMITS: Limits = { inFlightMessages: 20_000, historyEvents: 100_000, traceEvents: 4096 };

export interface RunningTimer {
  token: number;
  setAtMs: number;
  dueAtMs: number;
  /** The sequence number it was set with: its place among events due at the same moment. */
  seq: number;
  quiet: boolean;
  /** The queued event that stands for it, or null when none does (held by a paused node). A
   * timer set again for later keeps that event where it is, and the event moves to the new due
   * time when it comes up (see Simulation.setTimer): a follower re-arming its election timer on
   * every heartbeat then costs no queue operation. */
  entry: TimerEvent | null;
}

export interface NodeRecord {
  id: NodeId;
  role: string;
  /** The actor it sits beside and shares links with, or null. */
  home: NodeId | null;
  /** The PRNG stream of its timers and draws. */
  stream: string;
  up: boolean;
  state: unknown;
  /** What survived the last crash (set at crash time, read at restart). */
  persisted: unknown;
  pausedUntilMs: number | null;
  /** Events that arrived during a pause, handled in order when it ends. */
  deferred: QueuedEvent[];
  /** Running timers by name: the token of the live one (a fired timer whose token is stale is
   * ignored), and when it was set and is due (the stage drains an election-timer ring with it).
   * A Map: clients name a timer per request, and object keys that come and go would churn
   * hidden classes in a long run. */
  timers: Map<string, RunningTimer>;
  clockSkewMs: number;
}

/** A message on the wire: what the stage shows (less its label, made when a frame is) plus the payload. */
export interface WireMessage extends Omit<InFlightMessage, 'label' | 'kind'> {
  payload: Message;
}

/** A message's delivery is the message itself, queued for the moment it arrives: one object per
 * message on the wire, and no table of messages beside the queue (see in-flight.ts). It carries
 * the hashes of its names for the trace. */
export type DeliveryEvent = WireMessage & TripHashes & { timeMs: number; seq: number; kind: 'deliver' };

export interface TimerEvent {
  timeMs: number;
  seq: number;
  kind: 'timer';
  node: NodeId;
  timer: string;
  token: number;
  quiet: boolean;
}

export type QueuedEvent = DeliveryEvent | TimerEvent | { timeMs: number; seq: number; kind: 'resume'; node: NodeId };

export interface World {
  config: WorldConfig;
  limits: Limits;
  /** Every actor id, in order (actors spawned during the run are appended). */
  actorIds: NodeId[];
  /** The server role's ids: the nodes of partitions, leaders and invariants. */
  nodeIds: NodeId[];
  /** Actor ids by role. */
  roster: Record<string, NodeId[]>;
  timeMs: number;
  nextSeq: number;
  nextToken: number;
  nextMessageId: number;
  eventCount: number;
  nextActionIndex: number;
  nodes: Record<NodeId, NodeRecord>;
  /** Where each actor with a home sits on the network. */
  home: Record<NodeId, NodeId>;
  /** Run-wide counters handed out to actors (unique write values, request ids…). */
  counters: Record<string, number>;
  /** How often each protocol note tag was emitted: coverage marks read it after a run. */
  marks: Record<string, number>;
  /** What a lab keeps beside the actors (the CAP lab's mode and when it last changed). */
  labState: Record<string, unknown>;
  /** Figures per virtual second for the lab's charts (bounded window). */
  metrics: MetricsStore;
  network: NetworkState;
  /** Messages on the wire: queued deliveries plus those held by paused actors. */
  inFlightCount: number;
  queue: QueuedEvent[];
  rng: Record<string, PrngState>;
  trace: TraceState;
  ghosts: unknown[];
  violations: Violation[];
  /** The client history: its latest events only (the oldest are dropped: see dropOldest). */
  history: HistoryEvent[];
  /** Events dropped from the front of the history so far (the index of `history[0]`, roughly). */
  historyDropped: number;
  /** Completed operations among the dropped events. */
  historyDroppedOps: number;
  limited: string | null;
}

export type Queue = EventQueue<QueuedEvent>;
