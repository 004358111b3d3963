// Runs a scenario only as far as its first invariant violation: a hunt asks "does this seed
// fail, and how?", so a failing run stops there instead of running to its end.
import type { Violation } from '../engine/frame';
import { createSimulation, DEFAULT_UNTIL_MS } from '../scenarios/headless';
import type { Scenario } from '../scenarios/scenario';

/** The first violation of a validated scenario before its end time, or null if none. */
export function firstViolation(scenario: Scenario): Violation | null {
  const simulation = createSimulation(scenario);
  simulation.runUntil(scenario.until ?? DEFAULT_UNTIL_MS, Infinity, true);
  return simulation.world.violations[0] ?? null;
}
