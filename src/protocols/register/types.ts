// The replicated register's data: one key/value store served in two modes. In CP every operation
// goes through the Raft log; in AP every node answers from its own copy and gossips it to its
// peers, resolving conflicts by last-writer-wins on write stamps. Plain, structured-cloneable data.
import type { NodeId } from '../../engine/types';
import type { KeyValue } from '../kv';
import type { RaftPersisted, RaftState, SessionTable } from '../raft/types';
import type { RegisterMachine } from './machine';

export type Mode = 'cp' | 'ap';

/** When and where a write was made, for last-writer-wins: the writer's clock, its id, then a
 * per-node counter that orders two writes of one node in the same millisecond; compared in that
 * order. */
export interface Stamp {
  ms: number;
  node: NodeId;
  seq: number;
}

/** The state of one node. The store and its stamps are Raft's state machine (`raft.machine`,
 * machine.ts): CP commands apply to it through the log, AP writes change it directly. */
export interface RegisterState {
  raft: RaftState<RegisterMachine>;
  mode: Mode;
  /** How many mode switches this node has seen. Every live node sees each switch, so a higher
   * epoch on a peer's message means this node missed one (it was down): it adopts that mode. */
  modeEpoch: number;
  /** This node's write counter, the last part of its stamps. */
  writeSeq: number;
}

/** What survives a crash: Raft's term, vote and log, and the store as written to disk, with the
 * log index it reflects (a snapshot of the state machine): AP writes not yet gossiped survive. */
export interface RegisterPersisted {
  raft: RaftPersisted;
  store: KeyValue;
  stamps: Record<string, Stamp>;
  lastApplied: number;
  /** Raft §8's session table as of lastApplied, with the store (only once it has sessions:
   * snapshotEvery > 0). */
  sessions?: SessionTable;
  mode: Mode;
  modeEpoch: number;
  writeSeq: number;
}

/** AP anti-entropy (Dynamo §4.7, in its simplest form): a node's whole store with its stamps. */
export interface AntiEntropy {
  type: 'AntiEntropy';
  store: KeyValue;
  stamps: Record<string, Stamp>;
}

/** Every message a register node sends carries its mode and epoch (see `modeEpoch`). */
export interface ModeTag {
  mode: Mode;
  modeEpoch: number;
}

export interface RegisterParams {
  mode: Mode;
  antiEntropyMs: number;
}

export const ANTI_ENTROPY_TIMER = 'anti-entropy';

export type { NodeId };
