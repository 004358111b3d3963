// The AWS Architecture Blog's backoff experiment ("Exponential Backoff And Jitter", Marc Brooker,
// 2015), run through this lab's own actors: N clients start together, each reads the account's
// version and writes conditionally on it, backs off after each conflict, and stops after its first
// successful write. Every message takes 7–13 ms, uniformly (mean 10 ms and standard deviation 2 ms,
// the published model's |Normal(10, 2)| in whole milliseconds); backoff base 5 ms, cap 2,000 ms.
// Calls are the conditional writes; the time is when the last client learns its write succeeded.
import { Simulation } from '../../engine/simulation';
import type { ActorSpec } from '../../engine/system';
import type { WorldConfig } from '../../engine/world';
import type { AccountState } from './account';
import type { ClientState } from './client';
import { DEFAULT_CONFIG, type RetriesConfig } from './config';
import type { RetryPolicy } from './policy';
import { CLIENT_ROLE } from './settings';
import { retriesSystem, SERVER_ROLE } from './system';

export const STRATEGIES = ['none', 'exponential', 'full-jitter', 'equal-jitter', 'decorrelated-jitter'] as const;
export type Strategy = (typeof STRATEGIES)[number];

/** The experiment's "no backoff" retries at once; the others are the lab's policies of that name. */
export const POLICY_OF: Record<Strategy, RetryPolicy> = {
  none: 'immediate', exponential: 'exponential', 'full-jitter': 'full-jitter', 'equal-jitter': 'equal-jitter', 'decorrelated-jitter': 'decorrelated-jitter',
};

export const EXPERIMENT_LATENCY_MS: [number, number] = [7, 13];

export interface TrialResult {
  calls: number;
  timeMs: number;
  /** Every client's write succeeded (false would mean the run was cut short). */
  complete: boolean;
}

export interface StrategyRow {
  strategy: Strategy;
  clients: number;
  trials: number;
  meanCalls: number;
  meanTimeMs: number;
}

export function trialConfig(strategy: Strategy, clients: number, seed: number): WorldConfig {
  const params: RetriesConfig = {
    ...DEFAULT_CONFIG, clients, policy: POLICY_OF[strategy], baseMs: 5, capMs: 2000, budgetPct: 0, deadlineMs: 0,
    propagateDeadline: false, idempotencyKey: false, timeoutMs: 10_000, orderEveryMs: 0,
  };
  const actors: ActorSpec[] = [{ id: 'n1', role: SERVER_ROLE }];
  for (let i = 1; i <= clients; i++) actors.push({ id: `c${i}`, role: CLIENT_ROLE });
  return { lab: 'retries', seed, actors, params: { ...params }, network: { latencyMs: EXPERIMENT_LATENCY_MS, drop: 0, duplicate: 0 } };
}

/** One trial: a fresh run of the lab's actors until nothing is left to happen. */
export function runTrial(strategy: Strategy, clients: number, seed: number): TrialResult {
  const sim = Simulation.create(retriesSystem, trialConfig(strategy, clients, seed), []);
  sim.runUntil(Number.MAX_SAFE_INTEGER);
  let timeMs = 0;
  let complete = true;
  for (const id of sim.world.roster[CLIENT_ROLE]) {
    const last = (sim.world.nodes[id].state as ClientState).recent.at(-1);
    if (last === undefined || !last.charged) complete = false;
    else timeMs = Math.max(timeMs, last.doneAtMs);
  }
  const account = sim.world.nodes.n1.state as AccountState;
  const calls = sim.world.roster[CLIENT_ROLE].reduce((sum, id) => sum + (sim.world.nodes[id].state as ClientState).totals.writes, 0);
  return { calls, timeMs, complete: complete && account.charges === clients };
}

/** Mean calls and time over `trials` runs (seeds 1…trials, the same for every strategy). */
export function runStrategy(strategy: Strategy, clients: number, trials: number): StrategyRow {
  let calls = 0;
  let time = 0;
  for (let seed = 1; seed <= trials; seed++) {
    const trial = runTrial(strategy, clients, seed);
    if (!trial.complete) throw new Error(`backoff trial ${strategy}, ${clients} clients, seed ${seed} did not finish`);
    calls += trial.calls;
    time += trial.timeMs;
  }
  return { strategy, clients, trials, meanCalls: round1(calls / trials), meanTimeMs: round1(time / trials) };
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
