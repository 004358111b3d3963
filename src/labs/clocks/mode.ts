// The clocks lab's actions: a send from one process to another, a local event, and the switch of
// the timestamp last-writer-wins compares (remembered beside the actors, so a restarted process
// learns it).
import type { Simulation } from '../../engine/simulation';
import type { NodeId } from '../../engine/types';
import { clocksParams, type LwwStamp } from './params';

export function currentLww(sim: Simulation): LwwStamp {
  const mode = sim.world.labState.lww;
  return mode === 'physical' || mode === 'hybrid' ? mode : clocksParams(sim.world.config.params).lww;
}

function controlProcess(sim: Simulation, id: NodeId, control: { do: string; [field: string]: unknown }): void {
  const onControl = sim.protocolOf(id).onControl;
  if (onControl) sim.runHandler(id, (state, ctx) => onControl(state, control, ctx));
}

function running(sim: Simulation, id: unknown): id is NodeId {
  return typeof id === 'string' && sim.isServer(id) && sim.world.nodes[id].up;
}

export function sendAction(sim: Simulation, action: Record<string, unknown>): void {
  const { from, to } = action;
  if (!running(sim, from) || typeof to !== 'string' || !sim.isServer(to) || from === to) {
    return sim.record({ kind: 'control', text: `send ${String(from)} → ${String(to)} skipped: needs two different processes, the sender up` });
  }
  sim.record({ kind: 'control', tag: 'send', node: from, to, text: `${from} sends a message to ${to}` });
  controlProcess(sim, from, { do: 'send', to });
}

export function localAction(sim: Simulation, action: Record<string, unknown>): void {
  const { node } = action;
  if (!running(sim, node)) return sim.record({ kind: 'control', text: `local event on ${String(node)} skipped: no such process up` });
  sim.record({ kind: 'control', tag: 'local', node, text: `${node} writes the register (a local event)` });
  controlProcess(sim, node, { do: 'local' });
}

export function setLww(sim: Simulation, action: Record<string, unknown>): void {
  const mode = action.mode === 'hybrid' ? 'hybrid' : 'physical';
  sim.world.labState.lww = mode;
  // Where the new mode's record starts: the checker's counts at the switch.
  sim.world.labState.lwwSince = countsSoFar(sim);
  sim.record({ kind: 'control', tag: 'setLww', text: `last-writer-wins now compares ${mode === 'hybrid' ? 'hybrid logical' : 'physical'} timestamps`, data: { mode } });
  for (const id of sim.world.nodeIds) if (sim.world.nodes[id].up) controlProcess(sim, id, { do: 'setLww', mode });
}

export interface LwwSince {
  events: number;
  lwwCausalLosses: number;
}

function countsSoFar(sim: Simulation): LwwSince {
  const stats = (sim.world.ghosts[0] as { stats?: LwwSince } | undefined)?.stats;
  return { events: stats?.events ?? 0, lwwCausalLosses: stats?.lwwCausalLosses ?? 0 };
}

/** The checker's counts when the mode last switched (zeros if it never did). */
export function lwwSince(sim: Simulation): LwwSince {
  const since = sim.world.labState.lwwSince as LwwSince | undefined;
  return since ?? { events: 0, lwwCausalLosses: 0 };
}

export function afterRestart(sim: Simulation, id: NodeId): void {
  if (sim.isServer(id)) controlProcess(sim, id, { do: 'setLww', mode: currentLww(sim) });
}
