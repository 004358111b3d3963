// What a swarm of random quorum runs must reach at least once.
import type { CoverageMark } from '../define-lab';
import { noted } from '../coverage';

export const quorumCoverage: CoverageMark[] = [
  { name: 'read-ok', description: 'a client read completed', reached: (sim) => sim.world.history.some((e) => e.type === 'ok' && e.f === 'read') },
  { name: 'write-ok', description: 'a client write reached its W acknowledgements', reached: (sim) => sim.world.history.some((e) => e.type === 'ok' && e.f === 'write') },
  { name: 'read-failed', description: 'a read missed its R replies and failed', reached: (sim) => sim.world.history.some((e) => e.type === 'fail' && e.f === 'read') },
  { name: 'write-unknown', description: 'a write missed its W acknowledgements (its outcome unknown)', reached: (sim) => noted(sim, 'write-unconfirmed') },
  { name: 'read-repair', description: 'a coordinator repaired a replica that answered with less', reached: (sim) => noted(sim, 'read-repair') },
  { name: 'sloppy-write', description: 'a write reached W only with a stand-in holding a hint (a sloppy quorum)', reached: (sim) => noted(sim, 'sloppy-write') },
  { name: 'handoff', description: 'a hint was handed off to its replica', reached: (sim) => noted(sim, 'handoff') },
  { name: 'anti-entropy', description: 'anti-entropy brought a replica up to date', reached: (sim) => noted(sim, 'anti-entropy') },
];
