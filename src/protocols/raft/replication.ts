// Log replication: the leader's AppendEntries, the follower's consistency check and conflict
// truncation, and the leader's nextIndex/matchIndex bookkeeping (Raft §5.3, Figure 2).
import { applyCommitted, maybeAdvanceCommit } from './commit';
import { type Out, note, resetElectionTimer, send } from './effects';
import { entriesFrom, firstIndexOfTerm, lastIndex, lastIndexOfTerm, snapshotIndex, termAt } from './log';
import { derivedLog, growableLog } from './log-lineage';
import { raftParams } from './params';
import { probeFor, seeLeader } from './lease';
import { withEntry } from '../owned-record';
import { sendSnapshot } from './snapshot';
import type { RaftContext } from './state-machine';
import type { AppendEntries, AppendEntriesReply, LogEntry, RaftState } from './types';

/** Sends `peer` the entries from its nextIndex (at most maxEntriesPerAppend), or a heartbeat;
 * the snapshot instead if that entry was compacted (Raft §7). */
export function sendAppend(state: RaftState, peer: string, ctx: RaftContext, out: Out): void {
  const last = lastIndex(state);
  const nextIndex = Math.min(state.nextIndex[peer] ?? last + 1, last + 1);
  if (nextIndex <= snapshotIndex(state)) return sendSnapshot(state, peer, ctx, out);
  const prevLogIndex = nextIndex - 1;
  const maxEntries = raftParams(ctx.params).maxEntriesPerAppend;
  const entries = prevLogIndex === last ? [] : entriesFrom(state, nextIndex, maxEntries);
  const message: AppendEntries = {
    type: 'AppendEntries',
    term: state.currentTerm,
    leaderId: ctx.id,
    prevLogIndex,
    prevLogTerm: termAt(state, prevLogIndex) ?? 0,
    entries,
    leaderCommit: state.commitIndex,
  };
  const probe = probeFor(state, ctx);
  send(out, peer, probe === undefined ? message : { ...message, probe });
}

export function broadcastAppend(state: RaftState, ctx: RaftContext, out: Out): void {
  for (const peer of ctx.peers) sendAppend(state, peer, ctx, out);
}

/** Raft §5.3, Figure 2 (AppendEntries RPC, receiver): called on a follower once the message's
 * term equals currentTerm. Rejects on a prevLogIndex/prevLogTerm mismatch with a back-off hint,
 * else appends, truncating only at a real conflict, and learns the leader's commit index. */
export function handleAppendEntries(state: RaftState, from: string, message: AppendEntries, ctx: RaftContext, out: Out): RaftState {
  let next = seeLeader(state.leaderId === from ? state : { ...state, leaderId: from }, ctx);
  resetElectionTimer(out, ctx); // Raft §5.2: heard from the current leader
  const echo = message.probe === undefined ? {} : { probe: message.probe };
  const reply = { type: 'AppendEntriesReply', term: next.currentTerm, rejectIndex: message.prevLogIndex, ...echo } as const;
  if (message.prevLogIndex > lastIndex(next)) {
    send(out, from, { ...reply, success: false, matchIndex: 0, conflictIndex: lastIndex(next) + 1 });
    return next;
  }
  if (message.prevLogIndex < snapshotIndex(next)) {
    // Raft §7: it starts inside our snapshot, which holds only committed entries, and the leader
    // has every committed entry (§5.4): our log matches its up to our commit index (etcd does so).
    send(out, from, { type: 'AppendEntriesReply', term: next.currentTerm, success: true, matchIndex: next.commitIndex, ...echo });
    return next;
  }
  const prevTerm = termAt(next, message.prevLogIndex) ?? 0;
  if (prevTerm !== message.prevLogTerm) {
    const conflictIndex = firstIndexOfTerm(next, message.prevLogIndex, prevTerm);
    send(out, from, { ...reply, success: false, matchIndex: 0, conflictIndex, conflictTerm: prevTerm });
    return next;
  }
  next = appendNewEntries(next, message, ctx, out);
  const lastNewIndex = message.prevLogIndex + message.entries.length;
  const commitIndex = Math.min(message.leaderCommit, lastNewIndex);
  if (commitIndex > next.commitIndex) next = applyCommitted({ ...next, commitIndex }, ctx, out);
  send(out, from, { type: 'AppendEntriesReply', term: next.currentTerm, success: true, matchIndex: lastNewIndex, ...echo });
  return next;
}

/** Raft §5.3, Figure 2 (receiver steps 3–4): skip entries already present; at the first entry
 * whose term differs, delete it and all that follow; append the rest. A stale or short message
 * whose entries all match never truncates. Copies the log only when it truncates; new entries
 * are pushed onto it in place (see growableLog). */
function appendNewEntries(state: RaftState, message: AppendEntries, ctx: RaftContext, out: Out): RaftState {
  const { entries, prevLogIndex } = message;
  let offset = 0;
  while (offset < entries.length) {
    const existing = termAt(state, prevLogIndex + 1 + offset);
    if (existing === undefined || existing !== entries[offset].term) break;
    offset++;
  }
  if (offset === entries.length) return state;
  const firstNew = prevLogIndex + 1 + offset;
  let log: LogEntry[];
  const last = lastIndex(state);
  if (firstNew <= last) {
    note(out, 'log-truncated', `${ctx.id} dropped entries ${firstNew}–${last} that conflict with leader ${message.leaderId} (term ${message.term})`, {
      node: ctx.id,
      fromIndex: firstNew,
      toIndex: last,
    });
    log = derivedLog(state.log, state.log.slice(0, firstNew - snapshotIndex(state) - 1), firstNew - 1);
  } else {
    log = growableLog(state.log, last);
  }
  for (let i = offset; i < entries.length; i++) log.push(entries[i]);
  return { ...state, log };
}

/** Raft §5.3, Figure 2 (Rules for Servers, Leaders): on success advance matchIndex/nextIndex and
 * try to commit; on rejection move nextIndex back (using the hint) and retry at once. */
export function handleAppendReply(state: RaftState, from: string, message: AppendEntriesReply, ctx: RaftContext, out: Out): RaftState {
  const matchIndex = state.matchIndex[from] ?? 0;
  const nextIndex = state.nextIndex[from] ?? lastIndex(state) + 1;
  if (message.success) {
    if (message.matchIndex <= matchIndex) return state; // duplicate or reordered
    let next: RaftState = {
      ...state,
      matchIndex: withEntry(state.matchIndex, from, message.matchIndex),
      nextIndex: withEntry(state.nextIndex, from, Math.max(nextIndex, message.matchIndex + 1)),
    };
    next = maybeAdvanceCommit(next, ctx, out);
    if (next.nextIndex[from] <= lastIndex(next)) sendAppend(next, from, ctx, out);
    return next;
  }
  const rejectIndex = message.rejectIndex;
  // Stale rejections (etcd maybeDecrTo): only the answer to the latest probe moves nextIndex.
  if (rejectIndex === undefined || rejectIndex !== nextIndex - 1 || rejectIndex <= matchIndex) return state;
  const backedOff = Math.min(rejectIndex, Math.max(matchIndex + 1, backOffTarget(state, message, rejectIndex)));
  const next = { ...state, nextIndex: withEntry(state.nextIndex, from, backedOff) };
  sendAppend(next, from, ctx, out);
  return next;
}

/** Raft §5.3 optimisation: skip a whole conflicting term per round trip. Without a hint, the
 * paper's plain rule: decrement nextIndex by one. */
function backOffTarget(state: RaftState, message: AppendEntriesReply, rejectIndex: number): number {
  if (message.conflictTerm !== undefined) {
    const last = lastIndexOfTerm(state, rejectIndex, message.conflictTerm);
    if (last > 0) return last + 1;
  }
  return message.conflictIndex ?? rejectIndex;
}
