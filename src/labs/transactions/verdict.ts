// What the lab adds to a CLI run line, and its projection. A run fails when a lock outlived the
// faults (a participant still in doubt long after every fault healed, the coordinator up), or
// when readers saw a half-done transfer in a run that only ever used correct two-phase commit:
// its locks are what keep readers from seeing one.
import { metricTotal } from '../../engine/metrics';
import type { Simulation } from '../../engine/simulation';
import { openingTotal, TxChecks, type TxView } from './checks';
import type { ParticipantState } from './participant';
import { txParams } from './params';
import { judgeReads } from './reads';
import { usedSaga } from './settings';

/** A stuck lock is looked for only once the run has been quiet this long… */
export const QUIET_FOR_MS = 2000;
/** …and is one taken before the quiet stretch was this old (time enough to resolve it). */
export const RESOLVE_WITHIN_MS = 1000;

/** When the last fault or action of the run ended (a pause ends when it expires). */
export function quietSinceMs(sim: Simulation): number {
  let since = 0;
  for (let i = 0; i < sim.world.nextActionIndex && i < sim.actions.length; i++) {
    const action = sim.actions[i];
    since = Math.max(since, action.at + (action.do === 'pause' ? action.durationMs : 0));
  }
  return since;
}

/**
 * Participants still holding a lock they took before the run had been quiet for
 * RESOLVE_WITHIN_MS, now that every node is up, every link whole, no message lost, and the
 * run has been quiet for at least QUIET_FOR_MS. (A lock's age is at least its time in doubt.)
 */
export function stuckLocks(sim: Simulation): string[] {
  const world = sim.world;
  const quietMs = world.timeMs - quietSinceMs(sim);
  const calm = quietMs >= QUIET_FOR_MS && Object.keys(world.network.cut).length === 0 && world.network.dropPpm === 0;
  if (!calm || world.actorIds.some((id) => !world.nodes[id].up)) return [];
  return world.nodeIds.slice(1).filter((id) => {
    const lock = (world.nodes[id].state as ParticipantState).prepared;
    return lock !== null && lock.waitedMs > quietMs - RESOLVE_WITHIN_MS;
  });
}

export function txProjection(): (sim: Simulation) => TxView {
  const checks = new TxChecks();
  return (sim) => checks.summarize(sim);
}

export function txVerdict(sim: Simulation): { fields: Record<string, unknown>; failed: boolean } {
  const params = txParams(sim.world.config.params);
  const metrics = sim.world.metrics;
  const reads = judgeReads(sim.world.history, openingTotal(sim));
  const stuck = stuckLocks(sim);
  const marks = sim.world.marks;
  const fields = {
    protocol: params.protocol,
    usedSaga: usedSaga(sim),
    committed: metricTotal(metrics, 'committed', 'rate'),
    aborted: metricTotal(metrics, 'aborted', 'rate'),
    compensated: metricTotal(metrics, 'compensated', 'rate'),
    blockedMs: metricTotal(metrics, 'blocked-ms', 'rate'),
    longestBlockMs: metricTotal(metrics, 'blocked-wait', 'max'),
    coordinatorRecoveries: (marks['presumed-abort'] ?? 0) + (marks['recovered-commit'] ?? 0) + (marks['recovered-abort'] ?? 0) + (marks['saga-resumed'] ?? 0),
    recoveredAfterPrepare: marks['recovered-after-prepare'] ?? 0,
    reads: reads.ok,
    readsBlocked: reads.blocked,
    anomalies: reads.anomalies,
    stuckLocks: stuck.length,
  };
  const correct2pc = !usedSaga(sim) && params.inDoubt === 'wait' && params.coordinatorLog === 'durable';
  return { fields, failed: stuck.length > 0 || (correct2pc && reads.anomalies > 0) };
}
