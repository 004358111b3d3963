// What the engine runs: a set of actors, each with a role, and a protocol per role. A lab hands
// the engine one of these; the engine knows roles and protocols, never a lab.
import type { Simulation } from './simulation';
import type { Invariant, NodeId, NodeSnapshot, Operation, Protocol } from './types';

/** One actor of a run. */
export interface ActorSpec {
  id: NodeId;
  role: string;
  /** The actor it sits beside and shares links with (a client on a server's machine), if any. */
  home?: NodeId;
  /** The PRNG stream its timers and draws use; by default its own, `node:<id>`. */
  stream?: string;
}

export interface ActorSystem {
  /** The protocol each role runs. */
  protocols: Record<string, Protocol<any, any>>;
  /** The role whose members are "the nodes" (faults by default, leader, invariants). */
  serverRole: string;
  /** Safety properties over the server role's snapshots, checked after every event. */
  invariants: Invariant<any, any>[];
  /** Which server the protocol considers leader, for `"leader"` in actions. */
  leader?(servers: NodeSnapshot<any>[]): NodeId | null;
  /** The timer the `timeout` fault fires early (Raft's election timer). */
  timeoutTimer?: string;
  /** Runs after a restart's `recover` (a lab-wide setting the actor missed while down). */
  afterRestart?(sim: Simulation, id: NodeId): void;
  /** A lab action (`{"do": "lab", "name": …}`), already validated by the lab's schema. */
  labAction?(sim: Simulation, action: { name: string; [field: string]: unknown }): void;
  /** The person at the keyboard asks `node` to perform `op` (the node menu's client write). */
  userRequest?(sim: Simulation, node: NodeId, op: Operation, client?: string): void;
}
