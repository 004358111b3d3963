// What the CAP lab adds to a frame (its mode and live checks) and to a CLI run line (the
// checkers' verdicts over the whole history; a CP run that is not linearizable fails).
import { checkHistory } from '../../checkers/index';
import { historyScope } from '../history-scope';
import type { Simulation } from '../../engine/simulation';
import { CapChecks, convergesOnceQuiet, type CheckSummary } from './checks';
import { currentMode } from './mode';

/** The CAP lab's part of a frame. */
export interface CapView {
  mode: string;
  checks: CheckSummary;
}

export function capProjection(): (sim: Simulation) => CapView {
  const checks = new CapChecks();
  return (sim) => ({ mode: currentMode(sim), checks: checks.summarize(sim) });
}

export function capVerdict(sim: Simulation): { fields: Record<string, unknown>; failed: boolean } {
  const mode = currentMode(sim);
  const scope = historyScope(sim);
  const checked = checkHistory(sim.world.history, { initialState: scope.initialState });
  const convergence = convergesOnceQuiet(sim);
  if (!checked.ok) return { fields: { mode, linearizable: 'unknown', historyError: checked.error.message }, failed: false };
  const { linearizability, sessions, operations } = checked;
  const fields = {
    mode,
    ops: operations.length,
    ...scope.fields,
    linearizable: linearizability.valid,
    ...(linearizability.explanation ? { explanation: linearizability.explanation.sentence } : {}),
    sessionViolations: sessions.length,
    converged: convergence.converged,
  };
  // A CP run that is not linearizable is a bug, like a broken invariant; in AP it is the lesson.
  return { fields, failed: mode === 'cp' && linearizability.valid === false };
}
