// Raft's data: the node state of Figure 2 (persistent and volatile), its log entries, the four
// RPC messages and the tunable parameters. Everything is plain, structured-cloneable data.
import type { ClientId, NodeId, Operation } from '../../engine/types';

export type Role = 'follower' | 'candidate' | 'leader';

/** When and where a write was made, for last-writer-wins (the register lab): the writer's clock,
 * its id, then a per-node counter that orders two writes of one node in the same millisecond. */
export interface WriteStamp {
  ms: number;
  node: NodeId;
  seq: number;
}

/** One log entry. Its index is its position (log[0] is index 1); `op` null is a leader's no-op.
 * Entries are immutable once created, so logs can share them. */
export interface LogEntry {
  term: number;
  op: Operation | null;
  /** Optional, for protocols built on Raft (the register's write stamp); Raft carries it with the
   * entry and never reads it. */
  stamp?: WriteStamp;
  /** Optional: the client request the entry was appended for (Raft §8, so a protocol built on
   * Raft can recognise a duplicate request instead of executing it twice). */
  request?: { client: ClientId; requestId: number };
}

/** A client request the leader appended and has not answered yet (volatile). */
export interface PendingRequest {
  index: number;
  term: number;
  client: ClientId;
  requestId: number;
}

/** Raft §5, Figure 2 "State". Copy-on-write: handlers never mutate a state or any of its
 * arrays and records; they return a new state sharing everything that did not change. */
export interface RaftState {
  role: Role;
  // Persistent state on all servers (survives a crash).
  currentTerm: number;
  votedFor: NodeId | null;
  log: LogEntry[];
  // Volatile state on all servers.
  commitIndex: number;
  lastApplied: number;
  /** The key/value state machine: the log applied up to lastApplied. */
  kv: Record<string, unknown>;
  /** The leader of currentTerm as far as this node knows (for redirects). */
  leaderId: NodeId | null;
  /** Candidate: peers that granted their vote this term, self included. */
  votes: NodeId[];
  // Volatile state on leaders (reinitialised after election).
  nextIndex: Record<NodeId, number>;
  matchIndex: Record<NodeId, number>;
  /** Requests appended while leader, answered once their index is applied. Kept after a
   * step-down: an entry may still commit, so only its application can tell the outcome. */
  pending: PendingRequest[];
}

/** What survives a crash (Raft §5, Figure 2: "updated on stable storage before responding"). */
export interface RaftPersisted {
  currentTerm: number;
  votedFor: NodeId | null;
  log: LogEntry[];
}

/** RequestVote RPC arguments (Raft §5.2, Figure 2). */
export type RequestVote = {
  type: 'RequestVote';
  term: number;
  candidateId: NodeId;
  lastLogIndex: number;
  lastLogTerm: number;
};

export type RequestVoteReply = {
  type: 'RequestVoteReply';
  term: number;
  voteGranted: boolean;
};

/** AppendEntries RPC arguments (Raft §5.3, Figure 2); a heartbeat has no entries. */
export type AppendEntries = {
  type: 'AppendEntries';
  term: number;
  leaderId: NodeId;
  prevLogIndex: number;
  prevLogTerm: number;
  entries: LogEntry[];
  leaderCommit: number;
};

/** AppendEntries results. On success `matchIndex` is the last index known to match the leader;
 * on rejection `rejectIndex` echoes prevLogIndex and `conflictIndex`/`conflictTerm` are the
 * fast back-off hint (Raft §5.3, "the follower can include the term of the conflicting entry"). */
export type AppendEntriesReply = {
  type: 'AppendEntriesReply';
  term: number;
  success: boolean;
  matchIndex: number;
  rejectIndex?: number;
  conflictIndex?: number;
  conflictTerm?: number;
};

export type RaftMessage = RequestVote | RequestVoteReply | AppendEntries | AppendEntriesReply;

export interface RaftParams {
  electionTimeoutMs: [number, number];
  heartbeatMs: number;
  maxEntriesPerAppend: number;
  /** A deliberate bug, to show what a rule protects: 'vote-twice' drops the vote-once rule
   * (Raft §5.2), and the election-safety invariant catches the two leaders it allows. */
  bug: 'vote-twice' | null;
}

export const ELECTION_TIMER = 'election';
export const HEARTBEAT_TIMER = 'heartbeat';
