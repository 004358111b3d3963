// Raft (Ongaro & Ousterhout 2014) as a pure Protocol: the object the engine runs.
import type { Protocol } from '../../engine/types';
import { raftInvariants } from './invariants';
import { init, onMessage, onRequest, onTimer, persisted, recover } from './raft';
import { ELECTION_TIMER, type RaftPersisted, type RaftState } from './types';
import { currentLeader, view } from './view';

export const raft: Protocol<RaftState, RaftPersisted> = {
  id: 'raft',
  init,
  onMessage,
  onTimer,
  onRequest,
  persisted,
  recover,
  view,
  invariants: raftInvariants,
  electionTimer: ELECTION_TIMER,
  currentLeader,
};

export type { RaftState, RaftPersisted, LogEntry, RaftMessage } from './types';
export { ELECTION_TIMER, HEARTBEAT_TIMER } from './types';
