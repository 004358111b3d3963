// The CAP lab's mode switch: a lab action that records the switch, remembers the mode beside the
// actors (so a restarted node learns it) and hands it to every live server.
import type { Simulation } from '../../engine/simulation';
import type { NodeId } from '../../engine/types';
import { registerParams } from '../../protocols/register/params';

/** The mode the cluster is in: the last switch's, or the scenario's starting mode. */
export function currentMode(sim: Simulation): string {
  const mode = sim.world.labState.mode;
  return typeof mode === 'string' ? mode : registerParams(sim.world.config.params).mode;
}

/** When the mode last changed (0 if never): where a per-mode consistency window starts. */
export function modeSinceMs(sim: Simulation): number {
  const since = sim.world.labState.modeSinceMs;
  return typeof since === 'number' ? since : 0;
}

export function setMode(sim: Simulation, action: Record<string, unknown>): void {
  const mode = String(action.mode);
  if (mode !== currentMode(sim)) {
    sim.world.labState.mode = mode;
    sim.world.labState.modeSinceMs = sim.world.timeMs;
  }
  sim.record({ kind: 'control', tag: 'setMode', text: `mode switched to ${mode.toUpperCase()}`, data: { mode } });
  for (const id of sim.world.nodeIds) {
    if (sim.world.nodes[id].up) controlServer(sim, id, mode);
  }
}

/** A server restarted after a switch it missed gets the current mode, like any operator setting. */
export function afterRestart(sim: Simulation, id: NodeId): void {
  if (sim.isServer(id)) controlServer(sim, id, currentMode(sim));
}

function controlServer(sim: Simulation, id: NodeId, mode: string): void {
  const onControl = sim.protocolOf(id).onControl;
  if (onControl) sim.runHandler(id, (state, ctx) => onControl(state, { do: 'setMode', mode }, ctx));
}
