// CP mode: every operation is a Raft log entry (reads too, so they are linearizable, Raft §8).
// The leader stamps the entries it appends, and after an AP period it first appends a sync entry
// carrying its store, so replicas that diverged in AP agree again from that index on.
import type { Effect, NodeContext, Operation } from '../../engine/types';
import type { ClientRequest } from '../client/messages';
export { acceptDuplicate } from '../raft/dedupe';
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
