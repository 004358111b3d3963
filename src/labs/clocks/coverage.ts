// What a swarm of random clocks runs must reach at least once.
import type { CoverageMark } from '../define-lab';
import { causalityOf } from './checks';

export const clocksCoverage: CoverageMark[] = [
  { name: 'message-received', description: 'a process received a message (a receive event)', reached: (sim) => causalityOf(sim).recent.some((e) => e.kind === 'receive') },
  { name: 'lamport-orders-concurrent', description: 'two concurrent events got different Lamport stamps', reached: (sim) => causalityOf(sim).stats.lamportOrderedConcurrent > 0 },
  { name: 'physical-inversion', description: 'an event that happened after another had a smaller physical timestamp', reached: (sim) => causalityOf(sim).stats.physicalInversions > 0 },
  { name: 'lww-causal-loss', description: 'last-writer-wins dropped a write that causally followed the one it kept', reached: (sim) => causalityOf(sim).stats.lwwCausalLosses > 0 },
  { name: 'lww-concurrent-drop', description: 'last-writer-wins chose between two concurrent writes', reached: (sim) => causalityOf(sim).stats.lwwConcurrentDrops > 0 },
];
