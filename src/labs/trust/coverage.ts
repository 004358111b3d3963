// What a swarm of random runs with the default settings (no attack; MACs; sessions with
// challenge-response) must reach at least once.
import { noted } from '../coverage';
import type { CoverageMark } from '../define-lab';

export const trustCoverage: CoverageMark[] = [
  { name: 'peer-authenticated', description: 'the primary answered a follower’s challenge and opened a session', reached: (sim) => noted(sim, 'session-open') },
  {
    name: 'write-acknowledged',
    description: 'a client’s write reached a majority and was acknowledged',
    reached: (sim) => sim.world.history.some((event) => event.f === 'write' && event.type === 'ok'),
  },
  { name: 'stale-rejected', description: 'a follower refused a packet whose sequence number was not new (a duplicate or a late copy)', reached: (sim) => noted(sim, 'rejected-replay') },
  { name: 'session-lost', description: 'a follower refused a packet from a session it no longer had (after a restart) and challenged again', reached: (sim) => noted(sim, 'rejected-session') },
];
