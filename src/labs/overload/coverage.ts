// What a swarm of random overload runs (default settings, random faults) must reach at least once.
import { noted } from '../coverage';
import type { CoverageMark } from '../define-lab';

export const overloadCoverage: CoverageMark[] = [
  { name: 'slowdown', description: 'the scheduled trigger slowed a server down', reached: (sim) => noted(sim, 'slowdown') },
  { name: 'retried', description: 'a client retried after a timeout or a refusal', reached: (sim) => noted(sim, 'retried') },
  { name: 'answered-after-retry', description: 'a retry got an answer', reached: (sim) => noted(sim, 'answered-after-retry') },
  { name: 'refused', description: 'a server refused a request (its queue was full)', reached: (sim) => noted(sim, 'refused') },
  { name: 'wasted', description: 'an answer reached a client that had stopped waiting for it (wasted work)', reached: (sim) => noted(sim, 'wasted') },
  { name: 'gave-up', description: 'a client gave up on a request', reached: (sim) => noted(sim, 'gave-up') },
];
