// Client requests at the leader (Raft §5.3, §8): append a command, remember whom to answer,
// replicate at once and commit if a majority already has it; redirect when not the leader.
import type { NodeId } from '../../engine/types';
import { reply } from '../client/messages';
import { addPending, maybeAdvanceCommit } from './commit';
import type { Out } from './effects';
import { broadcastAppend } from './replication';
import type { RaftContext } from './state-machine';
import { lastIndex } from './log';
import { growableLog } from './log-lineage';
import type { LogEntry, RaftState, RequestOrigin } from './types';

/** Raft §5.3, §8: the leader appends `command` to its log (answering `request` once the entry
 * is applied, if there is one), sends AppendEntries at once and commits if it can already (a
 * one-node cluster). The one way commands enter a log. */
export function appendCommand(state: RaftState, command: unknown, request: RequestOrigin | null, ctx: RaftContext, out: Out): RaftState {
  const index = lastIndex(state) + 1;
  const entry: LogEntry = request === null ? { term: state.currentTerm, command } : { term: state.currentTerm, command, request: { client: request.client, requestId: request.requestId } };
  const log = growableLog(state.log, index - 1);
  log.push(entry);
  const pending = request === null ? state.pending : addPending(state.pending, { index, term: state.currentTerm, client: request.client, requestId: request.requestId });
  const next: RaftState = { ...state, log, pending };
  broadcastAppend(next, ctx, out);
  return maybeAdvanceCommit(next, ctx, out);
}

/** Raft §8: a node that is not the leader sends the client to the leader it knows of. */
export function redirect(state: RaftState, client: NodeId, requestId: number, out: Out): void {
  const result = state.leaderId === null ? { status: 'redirect' as const } : { status: 'redirect' as const, leaderHint: state.leaderId };
  out.push(reply(client, requestId, result));
}
