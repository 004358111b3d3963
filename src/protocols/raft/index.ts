// Raft (Ongaro & Ousterhout 2014) as a pure Protocol: the object the engine runs.
import type { Protocol } from '../../engine/types';
import { raftInvariants } from './invariants';
import { init, onMessage, onRequest, onTimer, persisted, recover } from './raft';
import type { RaftPersisted, RaftState } from './types';
import { currentLeader, view } from './view';

export const raft: Protocol<RaftState, RaftPersisted> = {
  id: 'raft',
  init,
  onMessage,
  onTimer,
  persisted,
  recover,
  view,
};

export { raftInvariants, currentLeader, onRequest };

export type { RaftState, RaftPersisted, LogEntry, RaftMessage } from './types';
export { ELECTION_TIMER, HEARTBEAT_TIMER } from './types';
