// What a swarm of random runs (default params: two-phase commit) must reach at least once.
import { noted } from '../coverage';
import type { CoverageMark } from '../define-lab';

export const txCoverage: CoverageMark[] = [
  { name: 'committed', description: 'a transfer committed at every participant', reached: (sim) => noted(sim, 'tx-committed') },
  { name: 'voted-no', description: 'a participant voted no and the transfer aborted', reached: (sim) => noted(sim, 'voted-no') },
  { name: 'in-doubt', description: 'a participant that voted yes was blocked waiting for the decision', reached: (sim) => noted(sim, 'in-doubt') },
  { name: 'presumed-abort', description: 'the coordinator restarted with an undecided transaction in its log and aborted it', reached: (sim) => noted(sim, 'presumed-abort') },
  { name: 'recovered-commit', description: 'the coordinator restarted with a commit decision in its log and finished it', reached: (sim) => noted(sim, 'recovered-commit') },
  { name: 'recovered-prepared', description: 'a participant restarted still holding a prepared lock', reached: (sim) => noted(sim, 'recovered-prepared') },
  { name: 'read-blocked', description: 'a reader was refused by a 2PC lock', reached: (sim) => noted(sim, 'read-blocked') },
  {
    name: 'read-ok',
    description: 'a reader read every balance at one moment',
    reached: (sim) => sim.world.history.some((event) => event.f === 'read' && event.type === 'ok'),
  },
];
