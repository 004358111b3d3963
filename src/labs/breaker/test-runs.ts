// A breaker run built from this lab's definition alone (two dependencies and one client, the
// default params with changes), for tests that need no scenario validation or registry.
import type { TimedAction } from '../../engine/actions';
import { Simulation } from '../../engine/simulation';
import lab from './lab';

export function breakerSimulation(seed: number, params: Record<string, unknown> = {}, actions: readonly TimedAction[] = []): Simulation {
  const { network } = lab.defaults;
  return Simulation.create(lab.system, {
    lab: lab.id,
    seed,
    actors: [{ id: 'n1', role: 'dependency' }, { id: 'n2', role: 'dependency' }, { id: 'c1', role: 'client' }],
    params: { ...lab.defaults.params, ...params },
    network: { latencyMs: [network.latencyMs[0], network.latencyMs[1]], drop: network.drop, duplicate: network.duplicate },
  }, actions);
}
