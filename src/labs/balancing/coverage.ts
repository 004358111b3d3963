// What a swarm of random balancing runs (default settings, random crashes, pauses and network
// faults) must reach at least once.
import { noted } from '../coverage';
import type { CoverageMark } from '../define-lab';

export const balancingCoverage: CoverageMark[] = [
  { name: 'health-ejected', description: 'a balancer ejected a server after failed probes', reached: (sim) => noted(sim, 'health-ejected') },
  { name: 'readmitted', description: 'a balancer readmitted a server that passed a probe again', reached: (sim) => noted(sim, 'readmitted') },
  { name: 'stranded', description: 'a server was ejected with requests still waiting on it (lost before it was detected)', reached: (sim) => noted(sim, 'stranded') },
];
