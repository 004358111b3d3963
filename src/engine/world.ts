// The world: everything a run is, as one plain object. Checkpointing is structuredClone(world);
// nothing outside it (but the protocol code and the action schedule) affects what happens next.
import type { EventQueue } from './event-queue';
import type { InFlightMessage, Violation } from './frame';
import type { NetworkState } from './network';
import type { PrngState } from './prng';
import type { TraceState } from './trace';
import type { ClientId, EndpointId, HistoryEvent, Message, NodeId, Operation } from './types';

export interface WorkloadConfig {
  clients: number;
  intervalMs: [number, number];
  timeoutMs: number;
  mix: { read: number; write: number; cas: number };
  keys: string[];
}

export interface WorldConfig {
  lab: string;
  seed: number;
  nodes: number;
  params: Record<string, unknown>;
  network: { latencyMs: [number, number]; drop: number; duplicate: number };
  workload: WorkloadConfig | null;
  limits?: Partial<Limits>;
}

export interface Limits {
  inFlightMessages: number;
  historyEvents: number;
  traceEvents: number;
  /** How many attempts (redirects) a client makes for one operation. */
  clientAttempts: number;
}

export const DEFAULT_LIMITS: Limits = { inFlightMessages: 20_000, historyEvents: 100_000, traceEvents: 4096, clientAttempts: 5 };

export interface NodeRecord {
  id: NodeId;
  up: boolean;
  state: unknown;
  /** What survived the last crash (set at crash time, read at restart). */
  persisted: unknown;
  pausedUntilMs: number | null;
  /** Events that arrived during a pause, handled in order when it ends. */
  deferred: QueuedEvent[];
  /** Active timer tokens by name; a fired timer whose token is stale is ignored. */
  timers: Record<string, number>;
  clockSkewMs: number;
}

export interface PendingOperation {
  requestId: number;
  process: number;
  op: Operation;
  target: NodeId;
  attempts: number;
}

export interface ClientRecord {
  id: ClientId;
  home: NodeId;
  /** Jepsen process number of the client's next operation. */
  process: number;
  /** True for workload clients; user clicks make one-shot requests. */
  workload: boolean;
  pending: PendingOperation[];
}

/** A message on the wire: what the stage shows (less its label, made when a frame is) plus the payload. */
export interface WireMessage extends Omit<InFlightMessage, 'label'> {
  payload: Message;
}

export type QueuedEvent =
  | { timeMs: number; seq: number; kind: 'deliver'; messageId: number }
  | { timeMs: number; seq: number; kind: 'timer'; node: NodeId; timer: string; token: number }
  | { timeMs: number; seq: number; kind: 'resume'; node: NodeId }
  | { timeMs: number; seq: number; kind: 'client-issue'; client: ClientId }
  | { timeMs: number; seq: number; kind: 'client-timeout'; client: ClientId; requestId: number };

export interface World {
  config: WorldConfig;
  limits: Limits;
  nodeIds: NodeId[];
  timeMs: number;
  nextSeq: number;
  nextToken: number;
  nextMessageId: number;
  nextRequestId: number;
  nextUserProcess: number;
  nextWriteValue: number;
  eventCount: number;
  nextActionIndex: number;
  nodes: Record<NodeId, NodeRecord>;
  clients: Record<ClientId, ClientRecord>;
  clientHome: Record<EndpointId, NodeId>;
  network: NetworkState;
  inFlight: Map<number, WireMessage>;
  queue: QueuedEvent[];
  rng: Record<string, PrngState>;
  trace: TraceState;
  ghosts: unknown[];
  violations: Violation[];
  history: HistoryEvent[];
  historyDropped: number;
  /** Lab-wide mode set by setMode (e.g. "cp" or "ap"). */
  mode: string | null;
  /** When the mode last changed (0 if never): where a per-mode consistency window starts. */
  modeSinceMs: number;
  limited: string | null;
}

export type Queue = EventQueue<QueuedEvent>;
