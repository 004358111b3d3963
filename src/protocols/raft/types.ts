// Raft's data: the node state of Figure 2 (persistent and volatile), its log entries, the RPC
// messages and the tunable parameters. Everything is plain, structured-cloneable data. Raft
// replicates opaque commands: what they mean is the state machine's business (state-machine.ts).
import type { ClientId, NodeId } from '../../engine/types';
import type { ReplyResult } from '../client/messages';

export type Role = 'follower' | 'candidate' | 'leader';

/** The client request an entry was appended for, or a read waits for (Raft §8). */
export interface RequestOrigin {
  client: ClientId;
  requestId: number;
}

/** One log entry. Its index is its position (log[0] is index 1); `command` null is a leader's
 * no-op. Raft never looks inside a command. Entries are immutable once created, so logs can
 * share them. */
export interface LogEntry {
  term: number;
  command: unknown;
  /** Optional: the client request the entry was appended for (Raft §8, so a repeated request is
   * recognised instead of executed twice). */
  request?: RequestOrigin;
}

/** A read answered without a log entry (thesis §6.4), waiting for its leadership check and for
 * the state machine to catch up with `readIndex` (null until the leader's term has a commit). */
export interface PendingRead extends RequestOrigin {
  command: unknown;
  /** The heartbeat round whose majority acknowledgement confirms leadership for this read. */
  round: number;
  readIndex: number | null;
}

/** A leader's heartbeat round (reads 'read-index' and 'lease' only): its number, and the time on
 * the leader's clock when the message was sent. Followers echo it back. */
export interface Probe {
  round: number;
  sentMs: number;
}

/** A client request the leader appended and has not answered yet (volatile). */
export interface PendingRequest {
  index: number;
  term: number;
  client: ClientId;
  requestId: number;
}

/** One applied request of a client session (Raft §8): its id and the answer it got. */
export interface SessionRequest {
  requestId: number;
  result: ReplyResult;
}

/** Raft §8's session table: per client, its latest applied requests (at most SESSION_REQUESTS,
 * oldest first) and the index of the newest, so the least recently active session is the one
 * dropped when the table is full. Part of the applied state, so snapshots carry it. */
export interface ClientSession {
  requests: SessionRequest[];
  index: number;
}

export type SessionTable = Record<ClientId, ClientSession>;

/** Raft §7: the state machine after applying the log up to `index` (whose entry had `term`),
 * standing in for the log prefix it replaces, with §8's session table as of that index. */
export interface RaftSnapshot<M = unknown> {
  index: number;
  term: number;
  machine: M;
  sessions: SessionTable;
}

/** Raft §5, Figure 2 "State". Copy-on-write: handlers never mutate a state or any of its
 * arrays and records; they return a new state sharing everything that did not change. */
export interface RaftState<M = unknown> {
  role: Role;
  // Persistent state on all servers (survives a crash).
  currentTerm: number;
  votedFor: NodeId | null;
  /** The entries after the snapshot: log[0] is index snapshot.index + 1 (index 1 without one). */
  log: LogEntry[];
  /** Raft §7: what replaced the log prefix (snapshotEvery > 0 only), or null. */
  snapshot: RaftSnapshot | null;
  // Volatile state on all servers.
  commitIndex: number;
  lastApplied: number;
  /** The state machine's state: the log applied up to lastApplied (Raft §5.3). */
  machine: M;
  /** Raft §8: the client sessions as of lastApplied (kept only when snapshotEvery > 0). */
  sessions: SessionTable;
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
  /** Thesis §9.6 (preVote on): the peers that granted a pre-vote for currentTerm + 1, self
   * included, while this node campaigns without changing its term; null otherwise. */
  preVotes: NodeId[] | null;
  /** When (on this node's own clock) it last heard from a leader of its term, or was one: pre-vote
   * and lease stickiness refuse to help unseat a leader heard within the minimum election timeout. */
  leaderSeenMs: number | null;
  // Volatile state on leaders for reads without the log (reads 'read-index' and 'lease').
  /** The last heartbeat round started, and the newest round (and its send time) each peer acked. */
  probeRound: number;
  probeAcks: Record<NodeId, Probe>;
  /** Reads waiting for their leadership check or for the state machine (thesis §6.4). */
  reads: PendingRead[];
}

/** What survives a crash (Raft §5, Figure 2: "updated on stable storage before responding"). */
export interface RaftPersisted {
  currentTerm: number;
  votedFor: NodeId | null;
  log: LogEntry[];
  /** Raft §7: the snapshot the log starts after (present only once one was taken). */
  snapshot?: RaftSnapshot;
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

/** Thesis §9.6: "would you vote for me in `term`?", asked without changing the asker's term. */
export type PreVote = {
  type: 'PreVote';
  term: number;
  candidateId: NodeId;
  lastLogIndex: number;
  lastLogTerm: number;
};

/** A granted pre-vote carries the term asked about; a refusal carries the voter's own term. */
export type PreVoteReply = {
  type: 'PreVoteReply';
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
  /** The heartbeat round this message belongs to (reads 'read-index' and 'lease' only). */
  probe?: Probe;
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
  /** The AppendEntries' probe, echoed: this follower took the sender as leader of `term`. */
  probe?: Probe;
};

/** Raft §7, Figure 13: InstallSnapshot RPC, sent whole (no chunks: offset 0, done true) to a
 * follower that needs entries the leader has compacted. */
export type InstallSnapshot = {
  type: 'InstallSnapshot';
  term: number;
  leaderId: NodeId;
  lastIncludedIndex: number;
  lastIncludedTerm: number;
  /** The snapshot's data: the state machine and the §8 session table. */
  machine: unknown;
  sessions: SessionTable;
};

/** The follower's answer: its term, and the index its log now matches the leader's up to (as
 * etcd's MsgAppResp after a snapshot). */
export type InstallSnapshotReply = {
  type: 'InstallSnapshotReply';
  term: number;
  matchIndex: number;
};

export type RaftMessage = RequestVote | RequestVoteReply | PreVote | PreVoteReply | AppendEntries | AppendEntriesReply | InstallSnapshot | InstallSnapshotReply;

/** How a leader answers a read (thesis §6.4): through the log like a write, after a heartbeat
 * round confirms it still leads (read-index), or at once while its lease lasts (lease). */
export type ReadMode = 'log' | 'read-index' | 'lease';

export interface RaftParams {
  electionTimeoutMs: [number, number];
  heartbeatMs: number;
  maxEntriesPerAppend: number;
  /** A deliberate bug, to show what a rule protects: 'vote-twice' drops the vote-once rule
   * (Raft §5.2), and the election-safety invariant catches the two leaders it allows. */
  bug: 'vote-twice' | null;
  /** Thesis §9.6: ask for pre-votes before starting an election (off by default). */
  preVote: boolean;
  reads: ReadMode;
  /** Raft §7: snapshot the state machine when lastApplied is this many entries past the last
   * snapshot, dropping the log prefix; 0 (the default) never compacts. It also switches §8's
   * de-duplication to the session table (dedupe.ts). */
  snapshotEvery: number;
}

export const ELECTION_TIMER = 'election';
export const HEARTBEAT_TIMER = 'heartbeat';
