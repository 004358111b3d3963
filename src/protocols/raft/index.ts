// Raft (Ongaro & Ousterhout 2014) as a library: `createRaft({ machine })` replicates the opaque
// commands of any state machine. `raft` is Raft over the key/value store (src/protocols/kv), the
// protocol the Raft lab runs, kept here under its old name.
import type { Invariant, NodeContext, Protocol, Step } from '../../engine/types';
import type { ClientRequest } from '../client/messages';
import { raftKv } from '../kv/raft-kv';
import type { RaftPersisted, RaftState } from './types';

// Typed over any machine state, so callers holding a plain RaftState can use them.
export const raft: Protocol<RaftState<any>, RaftPersisted> = raftKv.protocol;
/** The safety invariants over key/value logs. */
export const raftInvariants: Invariant<RaftState<any>, any>[] = raftKv.invariants;
/** Raft §8 with the key/value machine (tests and the lab call it directly). */
export const onRequest: (state: RaftState<any>, request: ClientRequest, ctx: NodeContext) => Step<RaftState<any>> = raftKv.onRequest;

export { currentLeader } from './view';
export { createRaft, type RaftLibrary, type RaftOptions } from './library';
export type { StateMachine } from './state-machine';
export type { RaftState, RaftPersisted, LogEntry, RaftMessage, ReadMode } from './types';
export { ELECTION_TIMER, HEARTBEAT_TIMER } from './types';
