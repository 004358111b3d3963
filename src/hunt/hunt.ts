// A bug hunt's unit of work: one seed of a lab, planned as `cli run --faults random` plans it,
// run to its first violation, and if it fails, shrunk to the smallest scenario that still fails
// the same way. The CLI's worker threads and the page's Web Workers both run this.
import type { Violation } from '../engine/frame';
import { planScenario, type RunPlan } from '../scenarios/headless';
import type { Scenario } from '../scenarios/scenario';
import { validateScenario } from '../scenarios/validate';
import { firstViolation } from './first-violation';
import { shrink } from './shrink';

/** A failing seed: its first violation and the scenario that shows it. */
export interface Finding {
  seed: number;
  invariant: string;
  message: string;
  timeMs: number;
  scenario: Scenario;
}

/** A failing seed, before and after shrinking. */
export interface HuntOutcome {
  seed: number;
  invariant: string;
  message: string;
  /** The self-contained scenario to replay (`cli run shrunk.json`, a share link). */
  shrunk: Scenario;
  actions: { before: number; after: number };
  nodes: { before: number; after: number };
  timeMs: { before: number; after: number };
  /** Runs the shrinking spent. */
  runs: number;
}

/** Everything of a hunt but the seed. */
export type HuntPlan = Omit<RunPlan, 'seed'>;

export interface HuntOptions {
  /** Off: the outcome's `shrunk` is the original scenario (`--no-shrink`). */
  shrink: boolean;
  budget?: number;
}

/** The scenario a seed of the hunt means; throws with the validation's sentences if the plan
 * is not a valid run (a bad param, too many nodes). */
export function plannedScenario(plan: RunPlan): Scenario {
  const result = validateScenario(planScenario(plan));
  if (!result.ok) throw new Error(`invalid hunt:\n  ${result.issues.map((issue) => issue.message).join('\n  ')}`);
  return result.scenario;
}

/** Runs one seed until its first violation; null if it holds every invariant to the end. */
export function huntSeed(plan: RunPlan): Finding | null {
  const scenario = plannedScenario(plan);
  const violation = firstViolation(scenario);
  return violation ? finding(scenario, violation) : null;
}

function finding(scenario: Scenario, violation: Violation): Finding {
  return { seed: scenario.seed, invariant: violation.invariant, message: violation.message, timeMs: violation.timeMs, scenario };
}

/** One seed, hunted and (unless told not to) shrunk. */
export function huntAndShrink(plan: RunPlan, options: HuntOptions): HuntOutcome | null {
  const found = huntSeed(plan);
  if (!found) return null;
  const original = found.scenario;
  const shrunk = options.shrink
    ? shrink(original, found.invariant, { budget: options.budget })
    : { scenario: original, violation: { timeMs: found.timeMs, message: found.message }, runs: 0 };
  return {
    seed: found.seed,
    invariant: found.invariant,
    message: shrunk.violation.message,
    shrunk: shrunk.scenario,
    actions: { before: original.actions.length, after: shrunk.scenario.actions.length },
    nodes: { before: original.nodes, after: shrunk.scenario.nodes },
    timeMs: { before: found.timeMs, after: shrunk.violation.timeMs },
    runs: shrunk.runs,
  };
}
