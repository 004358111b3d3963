// What the quorum lab adds to a frame (its live checks) and to a CLI run line: stale reads and
// t-visibility, the linearizability verdict, session violations and LWW's lost writes over the
// whole run. A run fails only on what a strict quorum promises: with W + R > N, no sloppy quorum
// and no clock skew, no read may miss a write that completed before it began.
import { checkHistory } from '../../checkers/index';
import { historyScope } from '../history-scope';
import type { Simulation } from '../../engine/simulation';
import { quorumsOverlap } from '../../protocols/dynamo/index';
import { coordinatedWrites, QuorumChecks, type QuorumView } from './checks';
import { findLostWrites } from './lost-writes';
import { configuredAtMs, currentConfig } from './settings';
import { measureStaleness } from './staleness';

export function quorumProjection(): (sim: Simulation) => QuorumView {
  const checks = new QuorumChecks();
  return (sim) => checks.summarize(sim);
}

export function quorumVerdict(sim: Simulation): { fields: Record<string, unknown>; failed: boolean } {
  const config = currentConfig(sim);
  const scope = historyScope(sim);
  const checked = checkHistory(sim.world.history, { initialState: scope.initialState });
  if (!checked.ok) return { fields: { n: config.n, w: config.w, r: config.r, linearizable: 'unknown', historyError: checked.error.message }, failed: false };
  const { operations, linearizability, sessions } = checked;
  const staleness = measureStaleness(operations);
  const lost = findLostWrites(operations, coordinatedWrites(sim));
  const fields = {
    n: config.n, w: config.w, r: config.r, versioning: config.versioning, sloppyQuorum: config.sloppyQuorum,
    ops: operations.length,
    ...scope.fields,
    reads: staleness.reads,
    staleReads: staleness.stale,
    staleness: staleness.buckets.map(({ sinceMs, reads, fresh }) => ({ sinceMs, reads, fresh: fresh === null ? null : Math.round(fresh * 1000) / 1000 })),
    linearizable: linearizability.valid,
    ...(linearizability.explanation ? { explanation: linearizability.explanation.sentence } : {}),
    sessionViolations: sessions.length,
    lostWrites: lost.length,
    siblingReads: sim.world.marks.siblings ?? 0,
    sloppyWrites: sim.world.marks['sloppy-write'] ?? 0,
  };
  return { fields, failed: strictQuorum(sim) && staleness.stale > 0 };
}

/** The settings never changed, quorums overlap, no stand-ins, and every clock told the truth. */
function strictQuorum(sim: Simulation): boolean {
  const config = currentConfig(sim);
  const skewed = sim.world.trace.faults.some((fault) => fault.kind === 'skew');
  return configuredAtMs(sim) === 0 && !sim.world.labState.quorum && quorumsOverlap(config) && !config.sloppyQuorum && !skewed;
}
