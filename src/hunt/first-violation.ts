// Runs a scenario only as far as its first violation: a hunt asks "does this seed fail, and how?",
// so a failing run stops there instead of running to its end. A lab that checks no invariant
// after every event may name run checks instead (define-lab.ts): the run is then looked at every
// `everyMs`, and the first look that finds something ends it.
import type { Violation } from '../engine/frame';
import type { Simulation } from '../engine/simulation';
import type { RunChecks } from '../labs/define-lab';
import { labById } from '../labs/registry';
import { createSimulation, DEFAULT_UNTIL_MS } from '../scenarios/headless';
import type { Scenario } from '../scenarios/scenario';

/** The first violation of a validated scenario before its end time, or null if none. */
export function firstViolation(scenario: Scenario): Violation | null {
  const simulation = createSimulation(scenario);
  const untilMs = scenario.until ?? DEFAULT_UNTIL_MS;
  const runChecks = labById(scenario.lab).runChecks;
  if (runChecks && simulation.system.invariants.length === 0) return firstRunFinding(simulation, runChecks, untilMs);
  simulation.runUntil(untilMs, Infinity, true);
  return simulation.world.violations[0] ?? null;
}

/** The earliest finding of the first look that finds any, as a violation of the check it broke. */
function firstRunFinding(simulation: Simulation, runChecks: RunChecks, untilMs: number): Violation | null {
  let sinceMs = 0;
  for (;;) {
    const lookMs = Math.min(untilMs, sinceMs + runChecks.everyMs);
    simulation.runUntil(lookMs, Infinity, false);
    const found = runChecks.find(simulation, sinceMs);
    if (found.length > 0) {
      const first = found.reduce((a, b) => (b.timeMs < a.timeMs ? b : a));
      return { invariant: first.check, message: first.message, timeMs: first.timeMs, seed: simulation.world.config.seed };
    }
    if (lookMs >= untilMs) return null;
    sinceMs = lookMs;
  }
}
