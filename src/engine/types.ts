// The engine's data model: every value here is plain, structured-cloneable data, so a whole
// world can be checkpointed with structuredClone and sent across the worker boundary as is.

export type NodeId = string; // 'n1' … 'n9'
export type ClientId = string; // 'c1' … 'cK'
export type EndpointId = NodeId | ClientId;

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

/** An operation a client asks of the system (Jepsen's vocabulary). */
export interface Operation {
  f: 'read' | 'write' | 'cas';
  key?: string;
  /** write: the value; cas: [expected, new]; read: the value read (filled on completion). */
  value?: unknown;
}

export interface ClientRequest {
  requestId: number;
  client: ClientId;
  op: Operation;
}

/** What a node answers a client: done, certainly not done, or "ask that node instead". */
export type ReplyResult =
  | { status: 'ok'; value?: unknown; mode?: string }
  | { status: 'fail'; error: string; mode?: string }
  | { status: 'redirect'; leaderHint?: NodeId };

export type Effect =
  | { kind: 'send'; to: NodeId; message: Message }
  | { kind: 'set-timer'; timer: string; range: RangeMs }
  | { kind: 'cancel-timer'; timer: string }
  | { kind: 'reply'; to: ClientId; requestId: number; result: ReplyResult }
  /** A notable event for the event log ("n3 became leader for term 4"). */
  | { kind: 'note'; tag: string; text: string; data?: Record<string, unknown> };

/** What a node may know about the world: its id, its peers, the time on its own clock. */
export interface NodeContext {
  id: NodeId;
  peers: NodeId[];
  params: Record<string, unknown>;
  /** This node's wall clock: virtual time plus the node's skew. Only for protocols that
   * model clocks (LWW, leases); everything else should use timers. */
  clockMs: number;
}

export type Step<S> = [S, Effect[]];

/** A lab-level control applied to every live node, e.g. {do: 'setMode', mode: 'ap'}. */
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

/** Handlers are pure and copy-on-write: they never change the state they are given, and return
 * that same object when nothing changed (the engine then skips the invariants). */
export interface Protocol<S, P = unknown> {
  id: string;
  init(ctx: NodeContext): Step<S>;
  onMessage(state: S, from: NodeId, message: Message, ctx: NodeContext): Step<S>;
  onTimer(state: S, timer: string, ctx: NodeContext): Step<S>;
  onRequest(state: S, request: ClientRequest, ctx: NodeContext): Step<S>;
  onControl?(state: S, control: ControlAction, ctx: NodeContext): Step<S>;
  /** What survives a crash (Raft: currentTerm, votedFor, log). */
  persisted(state: S): P;
  recover(persisted: P, ctx: NodeContext): Step<S>;
  view(state: S): NodeView;
  invariants: Invariant<S, any>[];
  /** The election timer, fired by the `timeout` fault ("time out now"). */
  electionTimer?: string;
  /** Which node the protocol considers leader, for `"leader"` in actions. */
  currentLeader?(nodes: NodeSnapshot<S>[]): NodeId | null;
}

/** One line of a Jepsen-style history: what a client saw, in real-time order. */
export interface HistoryEvent {
  process: number;
  type: 'invoke' | 'ok' | 'fail' | 'info';
  f: 'read' | 'write' | 'cas';
  key?: string;
  value?: unknown;
  time?: number;
  /** Extras the checkers ignore: which node served it and in which mode. */
  client?: ClientId;
  node?: NodeId;
  mode?: string;
}
