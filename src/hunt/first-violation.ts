// Runs a scenario only as far as its first violation: a hunt asks "does this seed fail, and how?",
// so a failing run stops there instead of running to its end. A lab that checks no invariant
// after every event may name run checks instead (define-lab.ts): the run is then looked at every
// `everyMs`, and the first look that finds something ends it.
import type { Violation } from '../engine/frame';
import type { Simulation } from '../engine/simulation';
import type { RunChecks, RunFinding } from '../labs/define-lab';
import { labById } from '../labs/registry';
import { createSimulation, DEFAULT_UNTIL_MS } from '../scenarios/headless';
import type { Scenario } from '../scenarios/scenario';

/** The lab's run checks when a hunt goes by them: it has them and no invariant. */
export function runChecksOf(lab: string, simulation: Simulation): RunChecks | null {
  const runChecks = labById(lab).runChecks;
  return runChecks && simulation.system.invariants.length === 0 ? runChecks : null;
}

/** The first violation of a validated scenario before its end time, or null if none. */
export function firstViolation(scenario: Scenario): Violation | null {
  const simulation = createSimulation(scenario);
  const untilMs = scenario.until ?? DEFAULT_UNTIL_MS;
  const runChecks = runChecksOf(scenario.lab, simulation);
  if (runChecks === null) {
    simulation.runUntil(untilMs, Infinity, true);
    return simulation.world.violations[0] ?? null;
  }
  const [first] = runLooking(simulation, runChecks, untilMs, 'first');
  return first ? { invariant: first.check, message: first.message, timeMs: first.timeMs, seed: simulation.world.config.seed } : null;
}

/**
 * Runs to `untilMs`, looking at the run every `everyMs`. Returns the earliest finding of the first
 * look that finds any ('first': the run stops there), or the earliest finding of each check, in
 * the order of their times ('each': looks stop once every check has found something, and the
 * run goes on to its end).
 */
export function runLooking(simulation: Simulation, runChecks: RunChecks, untilMs: number, until: 'first' | 'each'): RunFinding[] {
  const found = new Map<string, RunFinding>();
  let sinceMs = 0;
  while (sinceMs < untilMs && found.size < runChecks.checks.length) {
    const lookMs = Math.min(untilMs, sinceMs + runChecks.everyMs);
    simulation.runUntil(lookMs, Infinity, false);
    for (const finding of runChecks.find(simulation, sinceMs)) {
      const known = found.get(finding.check);
      if (known === undefined || finding.timeMs < known.timeMs) found.set(finding.check, finding);
    }
    if (until === 'first' && found.size > 0) return [earliest([...found.values()])];
    sinceMs = lookMs;
  }
  simulation.runUntil(untilMs, Infinity, false);
  return [...found.values()].sort((a, b) => a.timeMs - b.timeMs);
}

function earliest(findings: RunFinding[]): RunFinding {
  return findings.reduce((a, b) => (b.timeMs < a.timeMs ? b : a));
}
