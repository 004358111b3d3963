// What a swarm of random CAP runs must reach at least once.
import type { CoverageMark } from '../define-lab';
import { noted } from '../coverage';

export const capCoverage: CoverageMark[] = [
  { name: 'leader-elected', description: 'a CP leader was elected', reached: (sim) => noted(sim, 'became-leader') },
  { name: 'committed', description: 'a CP operation committed through the log', reached: (sim) => noted(sim, 'committed') },
  {
    name: 'client-timeout',
    description: 'a client gave up on an operation (its outcome unknown)',
    reached: (sim) => sim.world.history.some((event) => event.type === 'info'),
  },
  { name: 'client-ok', description: 'a client operation succeeded', reached: (sim) => sim.world.history.some((event) => event.type === 'ok') },
];
