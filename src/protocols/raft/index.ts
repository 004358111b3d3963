// Raft (Ongaro & Ousterhout 2014) as a library: `createRaft({ machine })` replicates the opaque
// commands of any state machine. `raft` is Raft over the key/value store (src/protocols/kv), the
// protocol the Raft lab runs, kept here under its old name.
import { raftKv } from '../kv/raft-kv';
import type { RaftState } from './types';

export const raft = raftKv.protocol;
/** The safety invariants over key/value logs. */
export const raftInvariants = raftKv.invariants;
/** Raft §8 with the key/value machine (tests and the lab call it directly). */
export const onRequest = raftKv.onRequest;

export { currentLeader } from './view';
export { createRaft, type RaftLibrary, type RaftOptions } from './library';
export type { StateMachine } from './state-machine';
export type { RaftState, RaftPersisted, LogEntry, RaftMessage, ReadMode } from './types';
export { ELECTION_TIMER, HEARTBEAT_TIMER } from './types';
