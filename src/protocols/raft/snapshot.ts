// Log compaction (Raft §7): a node snapshots its state machine and drops the log prefix the
// snapshot stands for; a leader that has compacted an entry a follower still needs sends it the
// snapshot instead (InstallSnapshot, Figure 13). On only with the snapshotEvery param.
import { reply } from '../client/messages';
import { type Out, note, resetElectionTimer, send } from './effects';
import { seeLeader } from './lease';
import { entriesFrom, lastIndex, snapshotIndex, termAt } from './log';
import { derivedLog } from './log-lineage';
import { raftParams } from './params';
import { handleAppendReply } from './replication';
import { lookupSession } from './sessions';
import type { RaftContext, StateMachine } from './state-machine';
import type { InstallSnapshot, InstallSnapshotReply, PendingRequest, RaftSnapshot, RaftState, SessionTable } from './types';

/** The machine a node takes from a snapshot: the machine's own `restore`, or the snapshot's. */
export function restoreMachine<M>(machine: StateMachine<M>, snapshot: M, current: M): M {
  return machine.restore === undefined ? snapshot : machine.restore(snapshot, current);
}

/** Raft §7: once lastApplied is snapshotEvery entries past the last snapshot, snapshot the machine
 * at lastApplied (with its term and §8's session table) and drop the entries it covers. Called
 * before a new batch is applied, so every compacted entry was seen committed in an earlier step
 * (the invariants compare committed entries across nodes, then may forget them). */
export function compactIfDue(state: RaftState, ctx: RaftContext, out: Out): RaftState {
  const every = raftParams(ctx.params).snapshotEvery;
  const base = snapshotIndex(state);
  if (every === 0 || state.lastApplied - base < every) return state;
  const index = state.lastApplied;
  const snapshot: RaftSnapshot = { index, term: termAt(state, index) ?? 0, machine: state.machine, sessions: state.sessions };
  note(out, 'snapshot', `${ctx.id} took a snapshot up to index ${index} (term ${snapshot.term}) and dropped ${index - base} log entries`, {
    node: ctx.id,
    index,
    term: snapshot.term,
  });
  return { ...state, snapshot, log: derivedLog(state.log, state.log.slice(index - base), lastIndex(state)) };
}

/** Raft §7: the leader sends its snapshot to a follower whose next entry it has compacted. */
export function sendSnapshot(state: RaftState, peer: string, ctx: RaftContext, out: Out): void {
  const snapshot = state.snapshot as RaftSnapshot;
  const message: InstallSnapshot = {
    type: 'InstallSnapshot',
    term: state.currentTerm,
    leaderId: ctx.id,
    lastIncludedIndex: snapshot.index,
    lastIncludedTerm: snapshot.term,
    machine: snapshot.machine,
    sessions: snapshot.sessions,
  };
  send(out, peer, message);
}

/** Raft §7, Figure 13 (InstallSnapshot RPC, receiver), once the message's term equals
 * currentTerm. A snapshot the node's committed prefix already covers changes nothing. Otherwise
 * it becomes the node's snapshot: the log entries after it are kept if the log has its last
 * included entry (same index and term), else the whole log is discarded; the state machine and
 * the session table are reset from it. */
export function handleInstallSnapshot(state: RaftState, from: string, message: InstallSnapshot, ctx: RaftContext, out: Out): RaftState {
  let next = seeLeader(state.leaderId === from ? state : { ...state, leaderId: from }, ctx);
  resetElectionTimer(out, ctx); // Raft §5.2: heard from the current leader
  const index = message.lastIncludedIndex;
  if (index <= next.commitIndex) {
    send(out, from, { type: 'InstallSnapshotReply', term: next.currentTerm, matchIndex: next.commitIndex });
    return next;
  }
  const keeps = termAt(next, index) === message.lastIncludedTerm;
  const log = keeps ? entriesFrom(next, index + 1, Infinity) : [];
  const snapshot: RaftSnapshot = { index, term: message.lastIncludedTerm, machine: message.machine, sessions: message.sessions };
  note(out, 'snapshot-installed', `${ctx.id} installed ${from}'s snapshot up to index ${index} (term ${snapshot.term})${keeps ? '' : ', discarding its log'}`, {
    node: ctx.id,
    index,
    term: snapshot.term,
  });
  next = {
    ...next,
    log,
    snapshot,
    machine: restoreMachine(ctx.machine, message.machine, next.machine),
    sessions: message.sessions,
    commitIndex: index,
    lastApplied: index,
    pending: answerCovered(next.pending, index, message.sessions, out),
  };
  send(out, from, { type: 'InstallSnapshotReply', term: next.currentTerm, matchIndex: index });
  return next;
}

/** Requests this node appended as leader at indexes the snapshot now covers: answered from the
 * session table if it recorded them; otherwise their outcome is unknown here and they are left
 * to the client's timeout. */
function answerCovered(pending: PendingRequest[], index: number, sessions: SessionTable, out: Out): PendingRequest[] {
  let covered = 0;
  while (covered < pending.length && pending[covered].index <= index) {
    const request = pending[covered++];
    const known = lookupSession(sessions, request.client, request.requestId);
    if (known.kind === 'applied') out.push(reply(request.client, request.requestId, known.result));
  }
  return covered === 0 ? pending : pending.slice(covered);
}

/** The leader learns that `from`'s log now matches its own up to `matchIndex` (Figure 13's reply,
 * with the index as etcd's MsgAppResp carries it): the same bookkeeping as a successful
 * AppendEntries reply. */
export function handleInstallSnapshotReply(state: RaftState, from: string, message: InstallSnapshotReply, ctx: RaftContext, out: Out): RaftState {
  const matchIndex = Math.min(message.matchIndex, lastIndex(state));
  return handleAppendReply(state, from, { type: 'AppendEntriesReply', term: message.term, success: true, matchIndex }, ctx, out);
}
