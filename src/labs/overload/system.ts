// What the engine runs for the overload lab, and the scenario defaults: shared by the lab's
// definition and its experiment (which builds runs without going through the registry).
import type { ActorSystem } from '../../engine/system';
import type { LabDefaults } from '../define-lab';
import { overloadClient } from './client';
import { deadlineRespected } from './invariants';
import { OVERLOAD_DEFAULTS } from './params';
import { overloadServer } from './server';
import { afterRestart } from './settings';

export const OVERLOAD_LAB_DEFAULTS: LabDefaults = {
  nodes: 2,
  params: { ...OVERLOAD_DEFAULTS },
  network: { latencyMs: [2, 8], drop: 0, duplicate: 0 },
};

export const CLIENTS = 4;

export const overloadSystem: ActorSystem = {
  protocols: { server: overloadServer, client: overloadClient },
  serverRole: 'server',
  invariants: [deadlineRespected],
  afterRestart,
};
