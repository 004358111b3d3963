// The `pause-probed` lab action: pauses the member that is about to be probed, chosen in the run
// at the moment the action applies. The tour's short-pause step needs a probe to fail during the
// pause; a member picked from the page's last frame may have been acked already by the time the
// action lands (the page's frame trails the run), and a member nobody probes before it wakes is
// never suspected. Here the choice reads the members' own probe timers and orders.
import { applyAction } from '../../engine/apply-action';
import type { Simulation } from '../../engine/simulation';
import type { NodeId } from '../../engine/types';
import { TIMERS, type MemberState } from './state';

function running(sim: Simulation, id: NodeId): boolean {
  const node = sim.world.nodes[id];
  return node !== undefined && node.up && node.pausedUntilMs === null;
}

/** The member `state` will ping next, when its round-robin order already says so (a new pass
 * reshuffles with the member's own dice, which only the member may draw). */
function knownNextTarget(state: MemberState): NodeId | null {
  for (let i = state.cursor; i < state.order.length; i++) {
    const id = state.order[i];
    const entry = state.view[id];
    if (entry !== undefined && entry.status !== 'dead') return id;
  }
  return null;
}

/** The running member whose next probe starts soonest (its prober's period timer is due first);
 * failing that, one whose probe is open now; failing that, a running member from the middle. */
export function memberAboutToBeProbed(sim: Simulation): NodeId | null {
  let best: { target: NodeId; dueAtMs: number } | null = null;
  let open: NodeId | null = null;
  for (const id of sim.world.nodeIds) {
    if (!running(sim, id)) continue;
    const state = sim.world.nodes[id].state as MemberState | null;
    if (state === null) continue;
    if (open === null && state.probe !== null && running(sim, state.probe.target)) open = state.probe.target;
    const due = sim.world.nodes[id].timers.get(TIMERS.period)?.dueAtMs;
    const target = knownNextTarget(state);
    if (due === undefined || target === null || !running(sim, target)) continue;
    if (best === null || due < best.dueAtMs) best = { target, dueAtMs: due };
  }
  if (best !== null) return best.target;
  if (open !== null) return open;
  const up = sim.world.nodeIds.filter((id) => running(sim, id));
  return up[Math.floor(up.length / 2)] ?? null;
}

export function pauseProbed(sim: Simulation, action: Record<string, unknown>): void {
  const durationMs = typeof action.durationMs === 'number' ? action.durationMs : 1000;
  const target = memberAboutToBeProbed(sim);
  if (target === null) return sim.record({ kind: 'control', text: 'pause skipped: no running member' });
  applyAction(sim, { do: 'pause', node: target, durationMs });
}
