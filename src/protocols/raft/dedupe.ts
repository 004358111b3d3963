// Raft §8 "Client interaction": a command must run once, yet a request can reach the leader
// twice (a duplicated message, or a client retrying after a duplicated redirect). Log entries
// remember which request they came from, so a leader recognises a repeat. With snapshots on, the
// applied ones are looked up in §8's session table (sessions.ts) and only the entries not yet
// applied are searched; without, the whole log is searched, as links recorded before snapshots
// existed replay it.
import type { ClientRequest } from '../client/messages';
import { reply } from '../client/messages';
import { addPending } from './commit';
import type { Out } from './effects';
import { entryAt } from './log';
import { raftParams } from './params';
import { indexOfRequest } from './request-index';
import { lookupSession } from './sessions';
import type { RaftContext } from './state-machine';
import type { LogEntry, RaftState } from './types';

/** Raft §8: a request already in the log is not appended again: if its entry is not applied yet
 * the leader answers when it is (even an entry of an earlier term, adopted as pending); if it is
 * applied, the duplicate is dropped (the client has its answer or times out), or with snapshots
 * on answered from the session table. Returns null for a request that is new. `ctx` and `out`
 * may be left out only by callers that never run with snapshots. */
export function acceptDuplicate(raft: RaftState, request: ClientRequest, ctx?: RaftContext, out?: Out): RaftState | null {
  const sessions = ctx !== undefined && raftParams(ctx.params).snapshotEvery > 0;
  const index = indexOfRequest(raft, request.client, request.requestId, sessions ? raft.lastApplied + 1 : 1);
  if (index === 0) return sessions ? answerApplied(raft, request, out) : null;
  if (index <= raft.lastApplied || raft.pending.some((p) => p.index === index && p.requestId === request.requestId)) return raft;
  const pending = addPending(raft.pending, { index, term: (entryAt(raft, index) as LogEntry).term, client: request.client, requestId: request.requestId });
  return { ...raft, pending };
}

/** Raft §8 with the session table: an applied request is answered again with its recorded
 * result (not executed again); one older than all the session remembers is dropped. */
function answerApplied(raft: RaftState, request: ClientRequest, out: Out | undefined): RaftState | null {
  const known = lookupSession(raft.sessions, request.client, request.requestId);
  if (known.kind === 'new') return null;
  if (known.kind === 'applied' && out !== undefined) out.push(reply(request.client, request.requestId, known.result));
  return raft;
}
