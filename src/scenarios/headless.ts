// Runs a scenario to its end without any UI: the CLI, the benchmark, the swarm and conformance
// tests share it.
import type { Violation } from '../engine/frame';
import { Simulation } from '../engine/simulation';
import { traceHash } from '../engine/trace';
import { labById } from '../labs/registry';
import { actorsFor, defaultScenario, implicitWorkload, toWorldConfig } from './catalog';
import { randomFaults } from './random-faults';
import type { Scenario } from './scenario';

export interface HeadlessResult {
  seed: number;
  events: number;
  traceHash: string;
  violations: Violation[];
  timeMs: number;
  simulation: Simulation;
}

export const DEFAULT_UNTIL_MS = 10_000;

/** A fresh simulation of a validated scenario, not yet run. */
export function createSimulation(scenario: Scenario): Simulation {
  return Simulation.create(labById(scenario.lab).system, toWorldConfig(scenario), scenario.actions);
}

/** Runs a validated scenario to its end; `run` may take the run there its own way (in steps, to
 * look at it on the way), as long as it ends at `untilMs`. */
export function runHeadless(scenario: Scenario, run?: (simulation: Simulation, untilMs: number) => void): HeadlessResult {
  const simulation = createSimulation(scenario);
  const untilMs = scenario.until ?? DEFAULT_UNTIL_MS;
  // Keep going past a violation: the run reports every invariant that broke.
  if (run) run(simulation, untilMs);
  else simulation.runUntil(untilMs, Infinity, false);
  const world = simulation.world;
  return { seed: scenario.seed, events: world.eventCount, traceHash: traceHash(world.trace), violations: world.violations, timeMs: world.timeMs, simulation };
}

export interface RunPlan {
  lab: string;
  seed: number;
  untilMs: number;
  faults: 'none' | 'random';
  nodes?: number;
  params?: Record<string, unknown>;
}

/** The scenario a CLI run or swarm seed means: the lab's defaults, plus random faults if asked. */
export function planScenario(plan: RunPlan): Scenario {
  const scenario = defaultScenario(plan.lab, plan.seed, plan.nodes);
  scenario.until = plan.untilMs;
  if (plan.params) scenario.params = { ...scenario.params, ...plan.params };
  if (plan.faults === 'random') {
    const lab = labById(plan.lab);
    const roles = lab.faultRoles;
    // A lab may have faults strike other roles than its servers (the locks lab's clients).
    const ids = roles ? actorsFor(lab, { nodes: scenario.nodes, workload: implicitWorkload(lab, scenario) }).filter((actor) => roles.includes(actor.role)).map((actor) => actor.id) : undefined;
    scenario.actions = randomFaults({ seed: plan.seed, nodes: scenario.nodes, untilMs: plan.untilMs, weights: lab.faultWeights, ids, labFault: lab.labFault });
  }
  return scenario;
}
