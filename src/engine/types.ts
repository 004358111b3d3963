// The engine's data model: every value here is plain, structured-cloneable data, so a whole
// world can be checkpointed with structuredClone and sent across the worker boundary as is.
import type { MetricKind } from './metrics';

export type NodeId = string; // an actor's id: 'n1', 'c2', 'lb1'…
export type ClientId = string;
export type EndpointId = NodeId;

/** A half-open-free inclusive range of virtual milliseconds, drawn by the engine. */
export interface RangeMs {
  minMs: number;
  maxMs: number;
}

/** Every protocol message carries its type; the rest is the protocol's own. */
export interface Message {
  type: string;
  [field: string]: unknown;
}

/** An operation a client asks of the system (Jepsen's vocabulary); the history model of the lab
 * says which functions exist (register: read, write, cas; queue: enqueue, dequeue…). */
export interface Operation {
  f: string;
  key?: string;
  /** write: the value; cas: [expected, new]; read: the value read (filled on completion). */
  value?: unknown;
}

/** A timer is either drawn from a range by the engine (the protocol asks, the world answers) or
 * set to an exact delay. A quiet timer leaves no trace record when it fires (a client's think
 * time is not an event worth a line; what it causes is). */
export type SetTimer =
  | { kind: 'set-timer'; timer: string; range: RangeMs; quiet?: boolean }
  | { kind: 'set-timer'; timer: string; afterMs: number; quiet?: boolean };

export type Effect =
  | { kind: 'send'; to: NodeId; message: Message }
  | SetTimer
  | { kind: 'cancel-timer'; timer: string }
  /** A notable event for the event log ("n3 became leader for term 4"). */
  | { kind: 'note'; tag: string; text: string; data?: Record<string, unknown> }
  /** A line of the client history (the engine stamps its time). */
  | { kind: 'history'; event: HistoryEvent }
  /** A client's request or outcome, for the event log ("c1 asks n2: write x=3"). */
  | { kind: 'trace'; as: 'request' | 'reply'; to?: NodeId; from?: NodeId; text: string }
  /** A figure for the lab's charts, filed by virtual second (see `engine/metrics.ts`). */
  | { kind: 'metric'; name: string; metric: MetricKind; value?: number };

/** What an actor may know about the world: its id and role, its peers, the time on its own clock,
 * and the seeded randomness and counters the harness hands out. */
export interface NodeContext {
  id: NodeId;
  role: string;
  /** The other actors of the same role. */
  peers: NodeId[];
  /** Every actor id by role (shared, read-only). */
  roster: Readonly<Record<string, readonly NodeId[]>>;
  /** The server role's ids (what a client retries among). */
  servers: readonly NodeId[];
  /** The actor this one sits beside, if any. */
  home: NodeId | null;
  params: Record<string, unknown>;
  /** This node's wall clock: virtual time plus the node's skew. Only for protocols that
   * model clocks (LWW, leases); everything else should use timers. */
  clockMs: number;
  /** This actor's seeded stream (drawn by the engine's PRNG: deterministic, integer-only). */
  rng: RandomSource;
  /** The next value of a run-wide counter (unique write values, request ids), as Jepsen's
   * generator hands out values to its worker processes. `start` is its first value. */
  next(counter: string, start?: number): number;
  /** The counter's next value without taking it. */
  peek(counter: string, start?: number): number;
}

/** The integer-only randomness an actor may draw. */
export interface RandomSource {
  int(bound: number): number;
  rangeInclusive(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chancePpm(ratioPpm: number): boolean;
}

export type Step<S> = [S, Effect[]];

/** A control or command applied to an actor from outside the protocol (a lab-wide mode switch,
 * the operator asking a client to invoke an operation). */
export interface ControlAction {
  do: string;
  [field: string]: unknown;
}

export interface NodeView {
  role: string;
  term?: number;
  /** One line of state for the inspector ("voted n2", "x=3"). */
  summary: string;
  /** A short value drawn beside the node on the stage (a replica's "x=3"), if the lab has one. */
  badge?: string;
  /** Log entries, newest last, when the protocol has a log. */
  log?: { term: number; index: number; label: string; committed: boolean }[];
  commitIndex?: number;
  /** Key/value pairs for the inspector. */
  details: Record<string, string | number | boolean | null>;
}

export interface NodeSnapshot<S> {
  id: NodeId;
  up: boolean;
  state: S | null;
}

/** A named safety property checked after every event. Invariants may keep ghost state
 * (e.g. every entry ever committed) so they can check properties over time. */
export interface Invariant<S, G = unknown> {
  name: string;
  description: string;
  initGhost(): G;
  /** Returns a violation message, or null; may update the ghost in place. */
  check(nodes: NodeSnapshot<S>[], ghost: G, changed: NodeId | null): string | null;
}

/** Handlers are copy-on-write: they return that same object when nothing changed (the engine
 * then skips the invariants) and a new one when something did. A state handed to a handler is
 * used up: the engine keeps only the one returned, so a protocol may let a large part of it grow
 * in place (Raft's log does, see growableLog), and whoever keeps an old state to read later
 * freezes or clones it. */
export interface Protocol<S, P = unknown> {
  id: string;
  init(ctx: NodeContext): Step<S>;
  onMessage(state: S, from: NodeId, message: Message, ctx: NodeContext): Step<S>;
  onTimer(state: S, timer: string, ctx: NodeContext): Step<S>;
  onControl?(state: S, control: ControlAction, ctx: NodeContext): Step<S>;
  /** What survives a crash (Raft: currentTerm, votedFor, log). */
  persisted(state: S): P;
  recover(persisted: P, ctx: NodeContext): Step<S>;
  view(state: S): NodeView;
}

/** One line of a Jepsen-style history: what a client saw, in real-time order. */
export interface HistoryEvent {
  process: number;
  type: 'invoke' | 'ok' | 'fail' | 'info';
  f: string;
  key?: string;
  value?: unknown;
  time?: number;
  /** Extras the checkers ignore: which node served it and in which mode. */
  client?: ClientId;
  node?: NodeId;
  mode?: string;
}
