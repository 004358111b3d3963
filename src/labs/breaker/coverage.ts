// What a swarm of random breaker runs must reach at least once: every edge of the statechart,
// each kind of refusal, a timeout, a slow call, and an answer nobody was waiting for.
import { metricTotal } from '../../engine/metrics';
import type { Simulation } from '../../engine/simulation';
import { noted } from '../coverage';
import type { CoverageMark } from '../define-lab';
import { DEPENDENCIES } from './params';

const counted = (sim: Simulation, metric: string) => DEPENDENCIES.some((d) => metricTotal(sim.world.metrics, `${d}.${metric}`, 'rate') > 0);

export const breakerCoverage: CoverageMark[] = [
  { name: 'breaker-opened', description: 'a breaker tripped from CLOSED to OPEN', reached: (sim) => noted(sim, 'breaker-opened') },
  { name: 'breaker-half-open', description: 'an open breaker let a trial call through (HALF_OPEN)', reached: (sim) => noted(sim, 'breaker-half-open') },
  { name: 'breaker-reopened', description: 'trial calls failed and the breaker opened again', reached: (sim) => noted(sim, 'breaker-reopened') },
  { name: 'breaker-closed', description: 'trial calls passed and the breaker closed', reached: (sim) => noted(sim, 'breaker-closed') },
  { name: 'rejected-by-breaker', description: 'a breaker refused a call (failed fast)', reached: (sim) => counted(sim, 'rejected-breaker') },
  { name: 'rejected-by-bulkhead', description: 'a call found its pool full', reached: (sim) => counted(sim, 'rejected-bulkhead') },
  { name: 'timed-out', description: 'a call ran into its time limit', reached: (sim) => counted(sim, 'timeout') },
  { name: 'slow-call', description: 'a call succeeded, but slower than the slow-call threshold', reached: (sim) => counted(sim, 'slow') },
  { name: 'late-reply', description: 'a dependency answered a call its client had given up on', reached: (sim) => counted(sim, 'late') },
];
