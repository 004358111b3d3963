// What a swarm of random locks runs (default settings: one lock node, fencing on) must reach.
import type { Simulation } from '../../engine/simulation';
import type { CoverageMark } from '../define-lab';
import { noted } from '../coverage';
import type { StorageState } from './storage';

function storageOf(sim: Simulation): StorageState | null {
  const id = sim.world.roster.storage?.[0];
  return id ? (sim.world.nodes[id].state as StorageState | null) : null;
}

export const locksCoverage: CoverageMark[] = [
  { name: 'write-applied', description: 'a critical section wrote the counter', reached: (sim) => (storageOf(sim)?.applied ?? 0) > 0 },
  { name: 'denied', description: 'a lock node refused a lock that was held', reached: (sim) => (sim.world.metrics.series.denials?.total.count ?? 0) > 0 },
  { name: 'lease-expired', description: 'a lease ran out before its holder released it', reached: (sim) => noted(sim, 'lease-expired') },
  { name: 'late-write', description: 'a paused holder woke and wrote after its lease had run out', reached: (sim) => noted(sim, 'late-write') },
  { name: 'stale-token-fenced', description: 'the storage rejected a read or write with a stale fencing token', reached: (sim) => noted(sim, 'rejected-write') || noted(sim, 'rejected-read') },
];
