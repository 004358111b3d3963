// What a swarm of random sharding runs (default settings: a load-based split and move at 1.5 s,
// random shard faults) must reach at least once.
import { noted } from '../coverage';
import type { CoverageMark } from '../define-lab';

export const shardingCoverage: CoverageMark[] = [
  { name: 'rebalanced', description: 'the router split its hottest range and moved half of it', reached: (sim) => noted(sim, 'rebalance') },
  { name: 'keys-moved', description: 'a shard received keys from their old owner', reached: (sim) => noted(sim, 'moved') },
  { name: 'migrated', description: 'every shard became ready for a new map version', reached: (sim) => noted(sim, 'migrated') },
  { name: 'redirected', description: 'a request reached a shard that no longer (or not yet) serves its key, and was routed again', reached: (sim) => noted(sim, 'redirected') },
  { name: 'handoff-resent', description: 'a shard resent keys whose handoff was not acknowledged', reached: (sim) => noted(sim, 'handoff-resent') },
];
