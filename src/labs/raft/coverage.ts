// What a swarm of random Raft runs must reach at least once, or it tested less than it claims.
import type { Simulation } from '../../engine/simulation';
import type { CoverageMark } from '../define-lab';

import { noted } from '../coverage';

/** How many distinct terms had a leader (from the election-safety ghost's record). */
function leaderTerms(sim: Simulation): number {
  const ghost = sim.world.ghosts[0] as { leaders?: Record<number, string> } | undefined;
  return ghost?.leaders ? Object.keys(ghost.leaders).length : 0;
}

export const raftCoverage: CoverageMark[] = [
  { name: 'leader-elected', description: 'a leader was elected', reached: (sim) => leaderTerms(sim) >= 1 },
  { name: 're-election', description: 'a later term elected a new leader after a fault', reached: (sim) => leaderTerms(sim) >= 2 },
  { name: 'stepped-down', description: 'a leader or candidate stepped down on seeing a higher term', reached: (sim) => noted(sim, 'stepped-down') },
  { name: 'log-truncated', description: 'a follower dropped entries that conflicted with the leader', reached: (sim) => noted(sim, 'log-truncated') },
  { name: 'committed', description: 'an entry was committed by a majority', reached: (sim) => noted(sim, 'committed') },
];
