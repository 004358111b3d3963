// What a swarm of random membership runs must reach at least once.
import type { CoverageMark } from '../define-lab';
import { noted } from '../coverage';
import { finalView } from './verdict';

export const membershipCoverage: CoverageMark[] = [
  { name: 'suspected', description: 'a probe failed, directly and indirectly, and its target became suspect', reached: (sim) => noted(sim, 'suspected') },
  { name: 'indirect-ack', description: 'a lost direct ping was answered through a ping-req', reached: (sim) => noted(sim, 'indirect-ack') },
  { name: 'refuted', description: 'a suspected member that was alive refuted with a higher incarnation', reached: (sim) => noted(sim, 'refuted') },
  { name: 'declared-dead', description: 'a suspect was declared dead', reached: (sim) => noted(sim, 'declared-dead') },
  { name: 'told-dead', description: 'a member declared dead while alive heard so and rejoined', reached: (sim) => noted(sim, 'told-dead') },
  { name: 'rejoined', description: 'a member came back in through a join', reached: (sim) => noted(sim, 'rejoined') },
  { name: 'join-retry', description: 'a join went unanswered and was retried after a backoff', reached: (sim) => noted(sim, 'join-retry') },
  { name: 'all-know', description: 'every running member came to believe a crashed member dead (completeness)', reached: (sim) => finalView(sim).crashes.some((c) => c.allKnowMs !== null) },
];
