// What a swarm of random caching runs (default settings, random faults) must reach at least once.
import { metricTotal } from '../../engine/metrics';
import type { Simulation } from '../../engine/simulation';
import { noted } from '../coverage';
import type { CoverageMark } from '../define-lab';
import { historyChecks } from './checks';
import { staleAfterQuiescence } from './quiescence';

const counted = (sim: Simulation, metric: string) => metricTotal(sim.world.metrics, metric, 'rate') > 0;

export const cachingCoverage: CoverageMark[] = [
  { name: 'hit', description: 'a lookup found its key in the cache', reached: (sim) => counted(sim, 'hits') },
  { name: 'fill', description: 'a miss was filled from the database', reached: (sim) => counted(sim, 'fills') },
  { name: 'invalidated', description: 'a write deleted its key from the cache', reached: (sim) => counted(sim, 'deletes') },
  { name: 'herd', description: 'three or more reads of one key reached the database at once', reached: (sim) => noted(sim, 'herd') },
  { name: 'slow-fill', description: 'an app server stalled between reading the database and filling the cache', reached: (sim) => noted(sim, 'slow-fill') },
  { name: 'cache-cold', description: 'the cache restarted empty after a crash', reached: (sim) => noted(sim, 'cache-cold') },
  { name: 'cache-unavailable', description: 'an app server read the database directly because the cache did not answer', reached: (sim) => noted(sim, 'cache-unavailable') },
  { name: 'stale-read', description: 'a client read a value older than a write that had completed before the read began', reached: (sim) => historyChecks(sim.world.history, 0).staleness.stale > 0 },
  { name: 'stale-past-quiescence', description: 'the cache-aside race left a key stale after the clients stopped and the system settled', reached: (sim) => staleAfterQuiescence(sim).length > 0 },
];
