// Raft as a library (etcd's split): `createRaft({ machine })` gives the protocol the engine runs,
// its safety invariants and view, and the functions a protocol built on Raft calls, all bound to
// the state machine the log is applied to. Raft itself never looks inside a command.
import type { Effect, Invariant, NodeContext, NodeView, Protocol, Step } from '../../engine/types';
import type { ClientRequest } from '../client/messages';
import { appendCommand } from './append';
import { acceptDuplicate } from './dedupe';
import { raftInvariants } from './invariants';
import { init, onMessage, onTimer, persisted, recover, volatileState } from './raft';
import { onRequest, submit } from './requests';
import { machineContext, type RaftContext, type StateMachine } from './state-machine';
import type { RaftPersisted, RaftState } from './types';
import { restoreMachine } from './snapshot';
import { createView } from './view';

export interface RaftLibrary<M> {
  machine: StateMachine<M>;
  /** The Protocol the engine runs (a server role). */
  protocol: Protocol<RaftState<M>, RaftPersisted>;
  /** Election safety, leader append-only, log matching, leader completeness, state machine safety. */
  invariants: Invariant<RaftState<M>, any>[];
  view(state: RaftState<M>): NodeView;
  /** Raft §8: a client's request: redirect, refuse, read (thesis §6.4) or append. */
  onRequest(state: RaftState<M>, request: ClientRequest, ctx: NodeContext): Step<RaftState<M>>;
  /** A leader takes a command it made itself for `request` (a protocol that adds to commands). */
  submit(state: RaftState<M>, request: ClientRequest, command: unknown, ctx: NodeContext, out: Effect[]): RaftState<M>;
  /** A leader appends a command no client waits for (Raft §5.3). */
  append(state: RaftState<M>, command: unknown, ctx: NodeContext, out: Effect[]): RaftState<M>;
  /** Raft §8: the state after a repeated request (answered once), or null for a new one; with
   * snapshots on, an applied one is answered from the session table into `out`. */
  acceptDuplicate(state: RaftState<M>, request: ClientRequest, ctx?: NodeContext, out?: Effect[]): RaftState<M> | null;
  /** A follower that knows only what survived a crash, with a fresh machine. */
  volatileState(saved: RaftPersisted): RaftState<M>;
}

export interface RaftOptions<M> {
  machine: StateMachine<M>;
  /** The protocol's id (default 'raft'). */
  id?: string;
}

export function createRaft<M>(options: RaftOptions<M>): RaftLibrary<M> {
  const { machine } = options;
  const contexts = new WeakMap<NodeContext, RaftContext>();
  const bind = (ctx: NodeContext) => machineContext(ctx, machine, contexts);
  type S = RaftState<M>;
  const view = createView(machine);
  const protocol: Protocol<S, RaftPersisted> = {
    id: options.id ?? 'raft',
    init: (ctx) => init(bind(ctx)) as Step<S>,
    onMessage: (state, from, message, ctx) => onMessage(state, from, message, bind(ctx)) as Step<S>,
    onTimer: (state, timer, ctx) => onTimer(state, timer, bind(ctx)) as Step<S>,
    persisted,
    recover: (saved, ctx) => recover(saved, bind(ctx)) as Step<S>,
    view,
  };
  return {
    machine,
    protocol,
    invariants: raftInvariants(machine),
    view,
    onRequest: (state, request, ctx) => onRequest(state, request, bind(ctx)) as Step<S>,
    submit: (state, request, command, ctx, out) => submit(state, request, command, bind(ctx), out) as S,
    append: (state, command, ctx, out) => appendCommand(state, command, null, bind(ctx), out) as S,
    acceptDuplicate: (state, request, ctx, out) => acceptDuplicate(state, request, ctx === undefined ? undefined : bind(ctx), out) as S | null,
    volatileState: (saved) => volatileState(saved, saved.snapshot === undefined ? machine.init() : restoreMachine(machine, saved.snapshot.machine as M, machine.init())),
  };
}
