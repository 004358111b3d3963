// CP mode: every operation is a Raft log entry (reads too, so they are linearizable, Raft §8;
// or no entry for reads with reads 'read-index'/'lease', thesis §6.4). The leader stamps the
// writes it appends, and after an AP period it first appends a sync entry carrying its store, so
// replicas that diverged in AP agree again from that index on.
import type { Effect, NodeContext } from '../../engine/types';
import type { ClientRequest } from '../client/messages';
import { commandOf } from '../kv';
import type { RaftState } from '../raft';
import { lastIndex } from '../raft/log';
import { isSync, syncCommand, type RegisterMachine } from './machine';
import { registerRaft } from './raft';
import type { RegisterState, Stamp } from './types';

/** Raft §5.3, §8 through Raft's own submit: the operation with its write stamp, if any. */
export function appendCommand(raft: RaftState<RegisterMachine>, request: ClientRequest, stamp: Stamp | undefined, ctx: NodeContext, out: Effect[]): RaftState<RegisterMachine> {
  const command = stamp === undefined ? { op: commandOf(request.op) } : { op: commandOf(request.op), stamp };
  return registerRaft.submit(raft, request, command, ctx, out);
}

/** The epoch of the newest sync entry in the log, or -1 if it has none. Entries compacted into a
 * snapshot (Raft §7) are known by the snapshot's machine, which remembers the last sync applied. */
export function lastSyncEpoch(raft: Pick<RaftState<RegisterMachine>, 'log' | 'snapshot'>): number {
  const log = raft.log;
  for (let i = log.length - 1; i >= 0; i--) {
    const command = log[i].command;
    if (isSync(command)) return typeof command.epoch === 'number' ? command.epoch : 0;
  }
  return raft.snapshot == null ? -1 : ((raft.snapshot.machine as RegisterMachine).syncEpoch ?? -1);
}

/** In CP after an AP period (epoch > 0: a switch happened), replicas may have diverged: a leader
 * serves only once its log holds a sync entry made since the latest switch. */
export function needsSync(state: RegisterState): boolean {
  return state.mode === 'cp' && state.modeEpoch > 0 && lastSyncEpoch(state.raft) < state.modeEpoch;
}

/** A leader that needs a sync appends one as soon as its store reflects its whole log (so the
 * snapshot sits at the right index): at once, or when its no-op of a new term is applied. */
export function readyToSync(state: RegisterState): boolean {
  const raft = state.raft;
  return raft.role === 'leader' && raft.lastApplied === lastIndex(raft) && needsSync(state);
}

/** Appends the sync entry: the leader's store and stamps, replacing every replica's on apply. */
export function appendSync(state: RegisterState, ctx: NodeContext, out: Effect[]): RaftState<RegisterMachine> {
  const raft = state.raft;
  const index = lastIndex(raft) + 1;
  out.push({
    kind: 'note',
    tag: 'sync',
    text: `${ctx.id} appended a sync entry (index ${index}) carrying its store, so every replica agrees again in CP`,
    data: { node: ctx.id, term: raft.currentTerm, index },
  });
  return registerRaft.append(raft, syncCommand(raft.machine.store, raft.machine.stamps, state.modeEpoch), ctx, out);
}
