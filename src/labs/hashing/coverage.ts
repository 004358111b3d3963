// What a swarm of random hashing runs must reach at least once.
import type { CoverageMark } from '../define-lab';
import { noted } from '../coverage';

export const hashingCoverage: CoverageMark[] = [
  { name: 'joined', description: 'a spare node joined the ring on its own', reached: (sim) => noted(sim, 'joined') },
  { name: 'handoff-done', description: 'a node handed every key it no longer owns to its new owner', reached: (sim) => noted(sim, 'handoff-done') },
  { name: 'handoff-retried', description: 'a transfer got no acknowledgement and was sent again', reached: (sim) => noted(sim, 'handoff-retried') },
  { name: 'request-missed', description: 'a request reached a key’s new owner before the key did', reached: (sim) => noted(sim, 'request-missed') },
  { name: 'handoff-resumed', description: 'a node that crashed while handing keys over resumed after its restart', reached: (sim) => noted(sim, 'handoff-resumed') },
];
