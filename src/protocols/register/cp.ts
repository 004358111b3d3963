// CP mode: every operation is a Raft log entry (reads too, so they are linearizable, Raft §8).
// The leader stamps the entries it appends, and after an AP period it first appends a sync entry
// carrying its store, so replicas that diverged in AP agree again from that index on.
import type { ClientRequest, Effect, NodeContext, Operation } from '../../engine/types';
import { addPending, maybeAdvanceCommit } from '../raft/commit';
import { broadcastAppend } from '../raft/replication';
import { syncOf, syncOperation } from '../raft/state-machine';
import type { LogEntry, RaftState } from '../raft/types';
import type { RegisterState, Stamp, SyncExtra } from './types';

/** A copy of the op: the entry must not change if the caller later fills in a read's value. */
function entryOp(op: Operation): Operation {
  return op.f === 'read' ? { f: op.f, key: op.key } : { f: op.f, key: op.key, value: op.value };
}

/** Raft §5.3, §8 as in raft's onRequest, plus a write stamp on writes and cas: append, remember
 * whom to answer, replicate at once, commit if a majority already has it (one-node clusters). */
export function appendCommand(raft: RaftState, request: ClientRequest, stamp: Stamp | undefined, ctx: NodeContext, out: Effect[]): RaftState {
  const index = raft.log.length + 1;
  const entry: LogEntry = { term: raft.currentTerm, op: entryOp(request.op), request: { client: request.client, requestId: request.requestId } };
  if (stamp !== undefined) entry.stamp = stamp;
  const pending = addPending(raft.pending, { index, term: raft.currentTerm, client: request.client, requestId: request.requestId });
  const next: RaftState = { ...raft, log: [...raft.log, entry], pending };
  broadcastAppend(next, ctx, out);
  return maybeAdvanceCommit(next, ctx, out);
}

/** The index of the entry appended for `request`, or 0 if the log has none. */
function indexOfRequest(log: LogEntry[], request: ClientRequest): number {
  for (let i = log.length - 1; i >= 0; i--) {
    const origin = log[i].request;
    if (origin !== undefined && origin.requestId === request.requestId && origin.client === request.client) return i + 1;
  }
  return 0;
}

/** Raft §8: a command must run once, yet a request can reach the leader twice (a duplicated
 * message, or a client retrying after a duplicated redirect). A request already in the log is
 * not appended again: if its entry is not applied yet the leader answers when it is (even an
 * entry of an earlier term, adopted as pending); if it is applied, the duplicate is dropped (the
 * client has its answer or times out). Returns null for a request that is new. */
export function acceptDuplicate(raft: RaftState, request: ClientRequest): RaftState | null {
  const index = indexOfRequest(raft.log, request);
  if (index === 0) return null;
  if (index <= raft.lastApplied || raft.pending.some((p) => p.index === index && p.requestId === request.requestId)) return raft;
  const pending = addPending(raft.pending, { index, term: raft.log[index - 1].term, client: request.client, requestId: request.requestId });
  return { ...raft, pending };
}

/** The epoch of the newest sync entry in `log`, or -1 if it has none. */
export function lastSyncEpoch(log: LogEntry[]): number {
  for (let i = log.length - 1; i >= 0; i--) {
    const sync = syncOf(log[i].op);
    if (sync !== null) return typeof sync.epoch === 'number' ? sync.epoch : 0;
  }
  return -1;
}

/** In CP after an AP period (epoch > 0: a switch happened), replicas may have diverged: a leader
 * serves only once its log holds a sync entry made since the latest switch. */
export function needsSync(state: RegisterState): boolean {
  return state.mode === 'cp' && state.modeEpoch > 0 && lastSyncEpoch(state.raft.log) < state.modeEpoch;
}

/** A leader that needs a sync appends one as soon as its store reflects its whole log (so the
 * snapshot sits at the right index): at once, or when its no-op of a new term is applied. */
export function readyToSync(state: RegisterState): boolean {
  const raft = state.raft;
  return raft.role === 'leader' && raft.lastApplied === raft.log.length && needsSync(state);
}

/** Appends the sync entry: the leader's store and stamps, replacing every replica's on apply. */
export function appendSync(state: RegisterState, ctx: NodeContext, out: Effect[]): RaftState {
  const raft = state.raft;
  const extra: SyncExtra = { stamps: { ...state.stamps }, epoch: state.modeEpoch };
  const next: RaftState = { ...raft, log: [...raft.log, { term: raft.currentTerm, op: syncOperation(raft.kv, extra) }] };
  out.push({
    kind: 'note',
    tag: 'sync',
    text: `${ctx.id} appended a sync entry (index ${next.log.length}) carrying its store, so every replica agrees again in CP`,
    data: { node: ctx.id, term: raft.currentTerm, index: next.log.length },
  });
  broadcastAppend(next, ctx, out);
  return maybeAdvanceCommit(next, ctx, out);
}
