// Raft replicating the key/value store: what the Raft lab runs.
import { createRaft } from '../raft/library';
import { kvMachine } from './machine';

export const raftKv = createRaft({ machine: kvMachine });
