// Runs a scenario to its end without any UI: the CLI, the benchmark and the swarm tests share it.
import type { Violation } from '../engine/frame';
import { Simulation } from '../engine/simulation';
import { traceHash } from '../engine/trace';
import { defaultScenario, protocolFor, toWorldConfig } from './catalog';
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

export function runHeadless(scenario: Scenario): HeadlessResult {
  const simulation = Simulation.create(protocolFor(scenario.lab), toWorldConfig(scenario), scenario.actions);
  // Keep going past a violation: the run reports every invariant that broke.
  simulation.runUntil(scenario.until ?? DEFAULT_UNTIL_MS, Infinity, false);
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
    scenario.actions = randomFaults({ seed: plan.seed, nodes: scenario.nodes, untilMs: plan.untilMs });
  }
  return scenario;
}
