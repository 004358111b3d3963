// What a swarm of random CRDT runs (of the default type, a G-Counter) must reach at least once.
import type { Simulation } from '../../engine/simulation';
import type { CoverageMark } from '../define-lab';
import { convergenceNow, quietCopy } from './checks';
import type { ReplicaState } from './replica';

function states(sim: Simulation): ReplicaState[] {
  return sim.world.nodeIds.map((id) => sim.world.nodes[id]).filter((node) => node.up && node.state).map((node) => node.state as ReplicaState);
}

/** A replica's G-Counter holds counts from more than one replica: it merged a peer's state. */
function merged(sim: Simulation): boolean {
  return states(sim).some((state) => state.type === 'g-counter' && Object.keys(state.crdt as object).length > 1);
}

function restartedWithState(sim: Simulation): boolean {
  const restarted = new Set(sim.world.trace.faults.filter((f) => f.kind === 'restart' && f.node).map((f) => f.node!));
  return [...restarted].some((id) => sim.world.nodes[id].up && ((sim.world.nodes[id].state as ReplicaState | null)?.issued.inc ?? 0) > 0);
}

export const crdtCoverage: CoverageMark[] = [
  { name: 'replicas-merged', description: 'a replica merged a peer\'s state', reached: merged },
  { name: 'restarted-with-state', description: 'a replica restarted after a crash, its durable count intact', reached: restartedWithState },
  {
    name: 'converged-after-partition',
    description: 'a run with a partition converged once quiet',
    reached: (sim) => sim.world.trace.faults.some((f) => f.kind === 'partition') && convergenceNow(quietCopy(sim)).converged,
  },
];
