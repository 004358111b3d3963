// What the overload lab adds to a frame (`frame.labView`): the settings in force, the service's
// capacity, the slowdowns (the trigger windows), the live state of the last two seconds and the
// whole run's counts — all from engine state and metrics, computed in the worker.
import type { Simulation } from '../../engine/simulation';
import { capacityOf, livePhase, runTotals, type LivePhase } from './figures';
import { readParams, type OverloadSettings } from './params';
import type { ServerState } from './server';
import { configuredAtMs, currentSettings, slowdowns, type SlowdownWindow } from './settings';

export interface OverloadView {
  settings: OverloadSettings;
  /** Requests per second the service finishes at full speed. */
  capacity: number;
  timeoutMs: number;
  /** Whether the deadline is checked only on arrival (the broken rule). */
  arrivalOnlyDeadlines: boolean;
  configuredAtMs: number;
  slowdowns: SlowdownWindow[];
  live: LivePhase;
  totals: ReturnType<typeof runTotals>;
  /** Requests waiting at the servers now. */
  queued: number;
  /** Requests the servers dropped because they could no longer make their deadline. */
  expired: number;
}

export function overloadView(sim: Simulation): OverloadView {
  const servers = sim.world.nodeIds.map((id) => sim.world.nodes[id]).filter((node) => node.up && node.state !== null).map((node) => node.state as ServerState);
  const params = readParams(sim.world.config.params);
  return {
    settings: currentSettings(sim),
    capacity: capacityOf(sim),
    timeoutMs: params.timeoutMs,
    arrivalOnlyDeadlines: currentSettings(sim).shed === 'deadline-on-arrival',
    configuredAtMs: configuredAtMs(sim),
    slowdowns: slowdowns(sim),
    live: livePhase(sim),
    totals: runTotals(sim),
    queued: servers.reduce((sum, s) => sum + s.queue.length, 0),
    expired: servers.reduce((sum, s) => sum + s.expired, 0),
  };
}

export function overloadProjection(): (sim: Simulation) => OverloadView {
  return overloadView;
}
