// The lab's actions. `configure` changes the workload (hot key, salting, sequential inserts,
// scans) at every client and the router; `split`, `move` and `repartition` ask the router, the
// operator of the shard map, for the next version (it queues them, one change at a time).
import type { Simulation } from '../../engine/simulation';
import type { ControlAction, NodeId } from '../../engine/types';
import { describeSettings, pickSettings, readParams, type WorkloadSettings } from './settings';
import { ROUTER_ROLE } from './shard';

export function currentSettings(sim: Simulation): WorkloadSettings {
  return (sim.world.labState.sharding as WorkloadSettings | undefined) ?? pickSettings(readParams(sim.world.config.params));
}

/** When the workload last changed (0 if never). */
export function configuredAtMs(sim: Simulation): number {
  const at = sim.world.labState.configuredAtMs;
  return typeof at === 'number' ? at : 0;
}

function control(sim: Simulation, id: NodeId, action: ControlAction): void {
  const onControl = sim.protocolOf(id).onControl;
  if (onControl && sim.world.nodes[id].up) sim.runHandler(id, (state, ctx) => onControl(state, action, ctx));
}

function router(sim: Simulation): NodeId {
  return sim.world.roster[ROUTER_ROLE][0];
}

export function configure(sim: Simulation, action: Record<string, unknown>): void {
  const { name: _name, do: _do, at: _at, ...fields } = action;
  const settings: WorkloadSettings = { ...currentSettings(sim), ...(fields as Partial<WorkloadSettings>) };
  sim.world.labState.sharding = settings;
  sim.world.labState.configuredAtMs = sim.world.timeMs;
  sim.record({ kind: 'control', tag: 'configure', text: `workload: ${describeSettings(settings)}` });
  for (const id of sim.world.actorIds) if (!sim.isServer(id)) control(sim, id, { do: 'configure', settings });
}

/** `split`, `move` or `repartition`, handed to the router as it is. */
export function askRouter(kind: 'split' | 'move' | 'repartition') {
  return (sim: Simulation, action: Record<string, unknown>): void => {
    const { name: _name, do: _do, at: _at, ...fields } = action;
    const id = router(sim);
    if (!sim.world.nodes[id].up) {
      sim.record({ kind: 'control', tag: kind, text: `${id} is down: the shard map cannot change until it is back` });
      return;
    }
    sim.record({ kind: 'control', tag: kind, text: `asked the router to ${kind}${Object.keys(fields).length ? ` (${JSON.stringify(fields)})` : ''}` });
    control(sim, id, { do: kind, ...fields });
  };
}

/** A client or router back from a crash gets the workload in force. */
export function afterRestart(sim: Simulation, id: NodeId): void {
  if (!sim.isServer(id) && sim.world.labState.sharding) control(sim, id, { do: 'configure', settings: currentSettings(sim) });
}
