// Per-lab extras on a `cli run` line. The CAP lab adds the checker verdicts over the run's client
// history: linearizability, session guarantees, and whether the replicas converge once the
// writes stop at the end of the run.
import { checkHistory } from '../checkers/index';
import { convergesOnceQuiet } from '../scenarios/cap-checks';
import type { RunDecorator } from './run';

const capVerdicts: RunDecorator = (_scenario, result) => {
  const sim = result.simulation;
  const checked = checkHistory(sim.world.history);
  const convergence = convergesOnceQuiet(sim);
  if (!checked.ok) return { mode: sim.world.mode, linearizable: 'unknown', historyError: checked.error.message };
  const { linearizability, sessions, operations } = checked;
  return {
    mode: sim.world.mode,
    ops: operations.length,
    linearizable: linearizability.valid,
    ...(linearizability.explanation ? { explanation: linearizability.explanation.sentence } : {}),
    sessionViolations: sessions.length,
    converged: convergence.converged,
  };
};

export function decoratorFor(target: string): RunDecorator | undefined {
  return target === 'cap' ? capVerdicts : undefined;
}
