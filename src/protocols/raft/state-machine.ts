// The seam between Raft and what it replicates (etcd's split: the consensus module hands over
// committed entries and knows nothing of the state machine above it). Raft stores commands
// without looking inside them; the state machine says what a client operation becomes, applies
// committed commands in log order (Raft §5.3) and answers with the result the client gets.
import type { NodeContext, Operation } from '../../engine/types';
import type { ReplyResult } from '../client/messages';

export interface StateMachine<M = unknown> {
  /** The machine before any entry is applied (also after a restart: Raft applies again). */
  init(): M;
  /** The command a client's operation becomes, or why it cannot be one. */
  command(op: Operation): { command: unknown } | { error: string };
  /** Applies one committed command. Pure: returns a new machine when it changes (copy-on-write). */
  apply(machine: M, command: unknown): { machine: M; result: ReplyResult };
  /** True for a command that changes nothing (a read): reads 'read-index' and 'lease' answer it
   * without a log entry. */
  isQuery(command: unknown): boolean;
  /** A short label for the stage's log ("x←3"); the no-op (null) is labelled by Raft. */
  label(command: unknown): string;
  /** A canonical text for comparing commands across nodes (the safety invariants). */
  key(command: unknown): string;
  /** One line of the machine for the inspector ("x=3, y=1"). */
  describe(machine: M): string;
  /** Raft §7: the machine a node takes from a snapshot, given the one it has (default: the
   * snapshot's as it is), for state the log does not decide (the register's mode flag). */
  restore?(snapshot: M, current: M): M;
}

/** What Raft's handlers are given: the node's context and the state machine it applies to. */
export interface RaftContext extends NodeContext {
  machine: StateMachine<any>;
}

/** A context that reads through to `ctx` (its clock stays live) and adds the machine. One per
 * engine context and machine, so a handler call allocates nothing. */
export function machineContext(ctx: NodeContext, machine: StateMachine<any>, cache: WeakMap<NodeContext, RaftContext>): RaftContext {
  let bound = cache.get(ctx);
  if (bound === undefined) {
    bound = Object.create(ctx, { machine: { value: machine, enumerable: true } }) as RaftContext;
    cache.set(ctx, bound);
  }
  return bound;
}

/** The stage's label of a command; a leader's no-op is Raft's own. */
export function labelOf(machine: StateMachine<any>, command: unknown): string {
  return command === null ? 'no-op' : machine.label(command);
}

/** The canonical text of a command, for comparing entries across nodes. */
export function keyOf(machine: StateMachine<any>, command: unknown): string {
  return command === null ? 'no-op' : machine.key(command);
}
