// What a swarm of random Paxos runs (default settings, random faults) must reach at least once.
import type { CoverageMark } from '../define-lab';
import { noted } from '../coverage';

export const paxosCoverage: CoverageMark[] = [
  { name: 'chosen', description: 'a proposer got a majority of acceptors to accept a value', reached: (sim) => noted(sim, 'chosen') },
  { name: 'learned', description: 'a learner learned a chosen value', reached: (sim) => noted(sim, 'learned') },
  { name: 'preempted', description: 'a higher ballot pre-empted a proposer', reached: (sim) => noted(sim, 'preempted') },
  { name: 'adopted', description: 'a proposer proposed a value it found accepted instead of its own', reached: (sim) => noted(sim, 'adopted') },
  { name: 'no-majority', description: 'a proposer could not reach a majority of acceptors and tried again', reached: (sim) => noted(sim, 'no-majority') },
];
