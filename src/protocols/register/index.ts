// The CAP lab's replicated register as a Protocol: CP through the Raft log, AP local with
// last-writer-wins anti-entropy, switchable at any moment with the setMode control.
import type { Protocol } from '../../engine/types';
import { registerInvariants } from './invariants';
import { init, onControl, onMessage, onTimer, persisted, recover } from './register';
import type { RegisterPersisted, RegisterState } from './types';
import { currentLeader, view } from './view';

export const register: Protocol<RegisterState, RegisterPersisted> = {
  id: 'register',
  init,
  onMessage,
  onTimer,
  onControl,
  persisted,
  recover,
  view,
};

export { registerInvariants, currentLeader };

export { replicaValues } from './view';
export { isNewer } from './stamps';
export type { Mode, RegisterPersisted, RegisterState, Stamp, AntiEntropy } from './types';
export { registerMachine, isSync, syncCommand, type RegisterMachine, type RegisterCommand } from './machine';
export { registerRaft } from './raft';
export { ANTI_ENTROPY_TIMER } from './types';
