// Raft §8 "Client interaction": a command must run once, yet a request can reach the leader
// twice (a duplicated message, or a client retrying after a duplicated redirect). Log entries
// remember which request they came from, so a leader recognises a repeat.
import type { ClientRequest } from '../client/messages';
import { addPending } from './commit';
import type { LogEntry, RaftState } from './types';

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
