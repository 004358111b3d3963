// Primary-backup replication's data: one primary per epoch streams its log of writes to the
// followers; what survives a crash (epoch, vote, role, log) is kept apart from what does not.
import type { NodeId } from '../../engine/types';

/** When the primary answers a write: at once (async), after one follower has it (semi-sync),
 * or after every follower has it (sync). */
export type ReplicationMode = 'async' | 'semi-sync' | 'sync';
/** Where reads go: the primary, or the client's own node even when it is a follower. */
export type ReadTarget = 'primary' | 'followers';
/** Who replaces a failed primary: the operator (a `promote` control) or an election on a lease. */
export type Failover = 'manual' | 'auto';
export type ServerRole = 'primary' | 'follower' | 'candidate';

/** One write in the log. Values are unique run-wide, so a value names its write. */
export interface LogEntry {
  epoch: number;
  key: string;
  value: unknown;
  /** The primary's clock when it appended the entry: replication lag in ms is measured from it. */
  atMs: number;
  /** The client request that wrote it, so a duplicated request is not applied twice. */
  client: NodeId;
  requestId: number;
}

/** A client request the primary has appended and not yet answered (semi-sync, sync). */
export interface WaitingWrite {
  client: NodeId;
  requestId: number;
  index: number;
  /** What the client is told once the write is acknowledged (a cas answers its new value). */
  value: unknown;
}

export interface PrimaryState {
  /** Per follower: the highest index known to match ours. */
  matchIndex: Record<NodeId, number>;
  /** Per follower: the next index to send. */
  nextIndex: Record<NodeId, number>;
  /** Per follower: our clock at the send of the latest heartbeat round it answered in our epoch. */
  confirmedSentMs: Record<NodeId, number>;
  /** Entries up to here are acknowledged to clients (async: the whole log). */
  commitIndex: number;
  /** The log's end when it became primary: reads wait until the mode has acknowledged it, so a
   * new primary never shows a value older than one its predecessor acknowledged (nor newer ones
   * a later failover could lose). */
  readyIndex: number;
  waiting: WaitingWrite[];
  /** True while it refuses requests for want of a lease (so the event log says so once). */
  refusing: boolean;
}

export interface CandidateState {
  /** Who has granted us their vote this epoch (ourselves included once our own promise ran out). */
  votes: NodeId[];
  /** Chosen by the operator: voters skip the up-to-date check (an operator may pick any node). */
  forced: boolean;
}

export interface PrimaryBackupState {
  epoch: number;
  /** The epoch we voted in and for whom (one vote per epoch). */
  votedEpoch: number;
  votedFor: NodeId | null;
  role: ServerRole;
  log: LogEntry[];
  /** Entries up to here are applied: what reads on this node see (followers apply after a delay). */
  appliedIndex: number;
  /** A follower's knowledge of the primary's commit index (what a promotion may show at once). */
  knownCommit: number;
  /** While an apply is due: the index it will apply up to (0: none due). */
  applyTarget: number;
  /** The primary we follow, if we know one. */
  primaryId: NodeId | null;
  /** Our clock when we last accepted the primary's append: we promised not to vote for another
   * primary until a lease has passed since then. */
  heardMs: number;
  mode: ReplicationMode;
  reads: ReadTarget;
  fencing: boolean;
  /** Writes this node has acknowledged to clients as primary, ever (the split-brain check reads it). */
  acks: number;
  /** Its clock at its latest acknowledgement (volatile): when a split-brain write happened. */
  lastAckMs: number;
  /** Requests this node refused lately (`client#id`): a late copy is refused too, so "fail" stays true. */
  refused: string[];
  primary: PrimaryState | null;
  candidate: CandidateState | null;
}

/** What a crash keeps: the log and the epoch bookkeeping are on disk, and so is the node's
 * configured role — an old primary restarts believing it is the primary. */
export interface PersistedState {
  epoch: number;
  votedEpoch: number;
  votedFor: NodeId | null;
  role: ServerRole;
  log: LogEntry[];
  acks: number;
  refused: string[];
  /** A primary's commit index: after a restart it must not show writes it never acknowledged. */
  commitIndex: number;
}

export type Append = {
  type: 'Append';
  epoch: number;
  prevIndex: number;
  prevEpoch: number;
  entries: LogEntry[];
  commitIndex: number;
  /** The primary's clock at the send, echoed back so the primary can date its lease. */
  sentMs: number;
};

export type AppendReply = {
  type: 'AppendReply';
  epoch: number;
  ok: boolean;
  /** On ok: the index up to which our log matches the primary's. On a mismatch: where to retry. */
  matchIndex: number;
  sentMs: number;
};

export type RequestVote = {
  type: 'RequestVote';
  epoch: number;
  lastIndex: number;
  lastEpoch: number;
  forced: boolean;
};

export type VoteReply = {
  type: 'VoteReply';
  epoch: number;
  granted: boolean;
};

export type ReplicationMessage = Append | AppendReply | RequestVote | VoteReply;
