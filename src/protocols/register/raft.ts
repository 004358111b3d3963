// Raft replicating the register's state machine: what the register runs underneath both modes.
import { createRaft } from '../raft';
import { registerMachine } from './machine';

export const registerRaft = createRaft({ machine: registerMachine });
