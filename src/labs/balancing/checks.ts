// The detection check: a failed server — crashed, or answering only errors — leaves every running
// balancer's pool within the time its health-check settings promise, (ejectAfter + 1) probe
// periods plus a probe timeout. It compares the engine's truth (when the server crashed or began
// failing) with each balancer's own pool, so it catches what the balancers cannot see about
// themselves: shallow probes that a failing server passes, or health checks turned off.
import type { Simulation } from '../../engine/simulation';
import type { NodeId } from '../../engine/types';
import type { BalancerState } from './balancer';
import { detectionBoundMs, readParams } from './params';
import { failingSince } from './settings';

export interface DetectionViolation {
  balancer: NodeId;
  server: NodeId;
  /** crashed, or up but answering only errors. */
  failure: 'crashed' | 'failing';
  /** Since when the balancer could have noticed (virtual ms). */
  sinceMs: number;
  /** How long it has stayed in the pool since. */
  forMs: number;
  sentence: string;
}

/** The last fault event of `kinds` that struck `id` (virtual ms), or null. */
function lastEvent(sim: Simulation, id: NodeId, kinds: readonly string[]): number | null {
  const faults = sim.world.trace.faults;
  for (let i = faults.length - 1; i >= 0; i--) {
    if (faults[i].node === id && kinds.includes(faults[i].kind)) return faults[i].timeMs;
  }
  return null;
}

/** Since when `server` has been failed, and how, or null while it is healthy (or its crash is too
 * old for the trace to say when). */
function failedSince(sim: Simulation, server: NodeId): { failure: 'crashed' | 'failing'; sinceMs: number } | null {
  const node = sim.world.nodes[server];
  if (!node.up) {
    const at = lastEvent(sim, server, ['crash']);
    return at === null ? null : { failure: 'crashed', sinceMs: at };
  }
  const since = failingSince(sim, server);
  return since === null ? null : { failure: 'failing', sinceMs: since };
}

/** Every (balancer, failed server) pair that has overstayed the bound now. */
export function detectionViolations(sim: Simulation): DetectionViolation[] {
  const bound = detectionBoundMs(readParams(sim.world.config.params));
  const now = sim.world.timeMs;
  const failed = sim.world.nodeIds.map((id) => ({ id, failed: failedSince(sim, id) })).filter((s) => s.failed !== null);
  if (failed.length === 0) return [];
  const found: DetectionViolation[] = [];
  for (const id of sim.world.roster.balancer ?? []) {
    const node = sim.world.nodes[id];
    // A balancer that is down or paused probes nobody; it is judged from when it runs again.
    if (!node.up || node.pausedUntilMs !== null || node.state === null) continue;
    const state = node.state as BalancerState;
    const runningSince = lastEvent(sim, id, ['restart', 'resume']) ?? 0;
    for (const { id: server, failed: f } of failed) {
      if (state.ejected[server] !== undefined || f === null) continue;
      const readmitted = state.readmittedAt[server] !== undefined ? state.readmittedAt[server] - node.clockSkewMs : 0;
      const sinceMs = Math.max(f.sinceMs, runningSince, readmitted);
      const forMs = now - sinceMs;
      if (forMs <= bound) continue;
      const what = f.failure === 'crashed' ? 'has been down' : 'has answered every request with an error';
      found.push({
        balancer: id, server, failure: f.failure, sinceMs, forMs,
        sentence: `${server} ${what} since ${(f.sinceMs / 1000).toFixed(1)} s, and ${id} has kept it in its pool for ${(forMs / 1000).toFixed(1)} s — longer than its health checks promise (${(bound / 1000).toFixed(2)} s)`,
      });
    }
  }
  return found;
}
