// What a swarm of random replication runs (async, automatic failover, fencing on) must reach.
import type { CoverageMark } from '../define-lab';
import { noted } from '../coverage';
import { lostWrites } from './checks';

export const replicationCoverage: CoverageMark[] = [
  { name: 'failover', description: 'a follower was elected primary of a new epoch', reached: (sim) => noted(sim, 'promoted') },
  { name: 'fenced', description: 'an old primary saw a newer epoch and stepped down', reached: (sim) => noted(sim, 'fenced') },
  { name: 'lease-expired', description: 'a primary cut off from a majority refused requests once its lease ran out', reached: (sim) => noted(sim, 'lease-expired') },
  { name: 'truncated', description: 'a follower dropped entries the new primary never had', reached: (sim) => noted(sim, 'truncated') },
  { name: 'lost-acknowledged-write', description: 'an acknowledged write was missing from the newest primary’s log (async failover)', reached: (sim) => lostWrites(sim).lost.length > 0 },
  { name: 'client-ok', description: 'a client write was acknowledged', reached: (sim) => sim.world.history.some((e) => e.type === 'ok' && e.f === 'write') },
  { name: 'client-timeout', description: 'a client gave up on an operation (its outcome unknown)', reached: (sim) => sim.world.history.some((e) => e.type === 'info') },
];
