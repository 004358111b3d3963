// Dynamo-style leaderless replication (DeCandia et al., SOSP 2007): plain, structured-cloneable
// data. Every server is a replica of the keys whose preference list holds it and a coordinator
// for the clients that talk to it.
import type { NodeId, Operation } from '../../engine/types';

/** How concurrent versions are told apart: by timestamp (last writer wins) or by version vector
 * (Dynamo §4.4: versions that do not descend from each other are all kept, as siblings). */
export type Versioning = 'lww' | 'vv';

/** A version vector: per coordinator, how many of its writes this version has seen. */
export type VersionVector = Record<NodeId, number>;

/** When and where a write was made: the coordinator's clock (skewable), its id and its write
 * counter, compared in that order. Node and seq together name the write uniquely. */
export interface Stamp {
  ms: number;
  node: NodeId;
  seq: number;
}

/** One version of a key's value. Both orders are always carried, so the versioning can change
 * while the cluster runs; only the comparison depends on it. */
export interface Version {
  value: unknown;
  stamp: Stamp;
  vv: VersionVector;
}

/** The quorum settings every server follows (the lab changes them while it runs). */
export interface QuorumConfig {
  /** Replicas per key. */
  n: number;
  /** Acknowledgements a write waits for. */
  w: number;
  /** Replies a read waits for. */
  r: number;
  versioning: Versioning;
  readRepair: boolean;
  hintedHandoff: boolean;
  sloppyQuorum: boolean;
  antiEntropy: boolean;
}

/** A write kept for a replica that did not acknowledge it, to be handed off later (§4.6). */
export interface Hint {
  id: number;
  /** The replica the versions are meant for. */
  for: NodeId;
  key: string;
  versions: Version[];
}

/** A request this server coordinates: the client's, fanned out to replicas. */
export interface Coordination {
  id: number;
  client: NodeId;
  requestId: number;
  op: Operation;
  key: string;
  /** The write's new version (writes only). */
  version: Version | null;
  /** Nodes asked, in order; fallbacks carry the replica they stand in for. */
  asked: { node: NodeId; hintFor: NodeId | null }[];
  /** Nodes that acknowledged (writes) or answered (reads). */
  answered: NodeId[];
  /** Each reader's versions (reads only), in the order they answered. */
  responses: { node: NodeId; versions: Version[] }[];
  replied: boolean;
}

/** A write this server coordinated: what the lab joins with the history to find writes that
 * last-writer-wins ranked below an earlier one. */
export interface CoordinatedWrite {
  key: string;
  value: unknown;
  stamp: Stamp;
  versioning: Versioning;
}

export interface DynamoState {
  config: QuorumConfig;
  /** Each key's versions: one under LWW, one or more siblings under version vectors. */
  store: Record<string, Version[]>;
  hints: Hint[];
  /** Open coordinations by id. */
  coordinating: Record<string, Coordination>;
  /** This node's write counter (stamps and its version-vector entry). */
  seq: number;
  /** The latest writes it coordinated, oldest first (bounded). */
  writes: CoordinatedWrite[];
  /** Requests it recently finished, as `client:requestId` (bounded): a duplicated request
   * arriving late must not write its value again with a newer stamp. */
  finished: string[];
}

/** What survives a crash: the store, hints and counters are on disk; open requests are lost. */
export type DynamoPersisted = Omit<DynamoState, 'coordinating' | 'finished'>;

// Messages between servers (clients use the shared ClientRequest/ClientReply).
export type Put = { type: 'Put'; cid: number; key: string; versions: Version[]; hintFor: NodeId | null };
export type PutAck = { type: 'PutAck'; cid: number };
export type Get = { type: 'Get'; cid: number; key: string };
export type GetReply = { type: 'GetReply'; cid: number; versions: Version[] };
export type Repair = { type: 'Repair'; key: string; versions: Version[] };
export type Handoff = { type: 'Handoff'; hints: { id: number; key: string; versions: Version[] }[] };
export type HandoffAck = { type: 'HandoffAck'; ids: number[] };
/** Anti-entropy: a hash per shared key (a Merkle tree's leaves under one root). */
export type Digest = { type: 'Digest'; root: number; leaves: Record<string, number> };
/** The keys that differ: the sender's versions of them, and which it wants back. */
export type Sync = { type: 'Sync'; versions: Record<string, Version[]>; want: string[] };

export type DynamoMessage = Put | PutAck | Get | GetReply | Repair | Handoff | HandoffAck | Digest | Sync;
