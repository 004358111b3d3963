// `cli hunt`: runs a lab over a seed range (random faults by default) on worker threads, and
// prints each failing seed, in seed order, with its scenario shrunk to the smallest one that
// still violates the same invariant first. Finding bugs is what a hunt is for: exit 0 when it
// ran, whatever it found; 2 for bad flags. A summary goes to stderr.
import { huntChecks } from '../hunt/hunt-checks';
import { huntAndShrink, plannedScenario, type HuntOutcome } from '../hunt/hunt';
import { parseParamPairs } from '../hunt/params';
import { DEFAULT_SHRINK_BUDGET } from '../hunt/shrink';
import { findLab, LAB_IDS } from '../labs/registry';
import type { RunPlan } from '../scenarios/headless';
import { parseDurationMs, parseSeeds } from './args';
import { runOnThreads } from './parallel';

export interface HuntCommandOptions {
  lab: string;
  seeds?: string;
  until?: string;
  faults?: string;
  nodes?: string;
  params?: string[];
  json: boolean;
  shrink: boolean;
  budget?: string;
  jobs: number;
  /** The program's entry module, started again as each worker thread. */
  entry?: string | URL;
}

/** What one seed needs on a worker thread: plain data. */
export interface HuntJob {
  plan: RunPlan;
  shrink: boolean;
  budget: number;
}

/** The kind of job a worker thread started by `hunt` serves. */
export const HUNT_JOBS = 'cli-hunt-seeds';

export function huntJob(job: HuntJob): HuntOutcome | null {
  return huntAndShrink(job.plan, { shrink: job.shrink, budget: job.budget });
}

export async function huntCommand(options: HuntCommandOptions, out: (line: string) => void, err: (line: string) => void, now: () => number): Promise<number> {
  const jobs = plannedJobs(options);
  const startedMs = now();
  const tally = new Map<string, number>();
  const print = (outcome: HuntOutcome | null) => {
    if (!outcome) return;
    tally.set(outcome.invariant, (tally.get(outcome.invariant) ?? 0) + 1);
    out(options.json ? JSON.stringify(jsonLine(outcome)) : textLine(outcome));
  };
  const threads = Math.min(jobs.length, options.jobs);
  if (threads <= 1 || !options.entry) jobs.forEach((job) => print(huntJob(job)));
  else await runOnThreads<HuntJob, HuntOutcome | null>(options.entry, HUNT_JOBS, jobs, threads, print);
  err(summary(jobs.length, (now() - startedMs) / 1000, tally));
  return 0;
}

function plannedJobs(options: HuntCommandOptions): HuntJob[] {
  const lab = findLab(options.lab);
  if (!lab) throw new Error(`hunt takes a lab id, not "${options.lab}" (known: ${LAB_IDS.join(', ')})`);
  if (huntChecks(lab) === null) {
    throw new Error(`the ${lab.id} lab checks no invariant after every event and names no run check, so a hunt has nothing to find; \`run ${lab.id} --seeds A..B\` prints its verdict over each whole run`);
  }
  if (options.seeds === undefined) throw new Error('hunt needs --seeds A..B, the seeds to run');
  const seeds = parseSeeds(options.seeds);
  const faults = options.faults ?? 'random';
  if (!isFaultMix(faults)) throw new Error(`--faults must be "none" or "random", not "${faults}"`);
  const nodes = options.nodes === undefined ? undefined : parseWhole(options.nodes, '--nodes', 'a whole number of nodes');
  const budget = options.budget === undefined ? DEFAULT_SHRINK_BUDGET : parseWhole(options.budget, '--budget', 'a whole number of runs');
  const params = options.params?.length ? parseParamPairs(options.params) : undefined;
  const untilMs = options.until ? parseDurationMs(options.until) : 10_000;
  const jobs: HuntJob[] = seeds.map((seed) => ({ plan: { lab: options.lab, seed, untilMs, faults, nodes, params }, shrink: options.shrink, budget }));
  // The flags are the same for every seed: planning the first finds a bad one before any run.
  plannedScenario(jobs[0].plan);
  return jobs;
}

function isFaultMix(text: string): text is RunPlan['faults'] {
  return text === 'none' || text === 'random';
}

function parseWhole(text: string, flag: string, what: string): number {
  if (!/^\d{1,6}$/.test(text.trim())) throw new Error(`${flag} takes ${what}, not "${text}"`);
  return Number(text);
}

function jsonLine(outcome: HuntOutcome) {
  const { seed, invariant, message, shrunk, actions, nodes, timeMs } = outcome;
  return { seed, invariant, message, shrunk, actions, nodes, timeMs };
}

function textLine(outcome: HuntOutcome): string {
  const { seed, invariant, actions, nodes, timeMs } = outcome;
  const size = nodes.after === nodes.before ? `${nodes.after} nodes` : `${nodes.before} → ${nodes.after} nodes`;
  return `seed ${seed}: ${invariant} at ${timeMs.before} ms; shrunk to ${actions.after} of ${actions.before} actions, ${size}, violated at ${timeMs.after} ms: ${JSON.stringify(outcome.shrunk)}`;
}

function summary(seeds: number, seconds: number, tally: Map<string, number>): string {
  const failing = [...tally.values()].reduce((sum, count) => sum + count, 0);
  const perSecond = seconds > 0 ? seeds / seconds : seeds;
  const rate = perSecond.toFixed(perSecond < 10 ? 1 : 0);
  const byInvariant = [...tally].sort(([a], [b]) => a.localeCompare(b)).map(([invariant, count]) => `${invariant} ${count}`).join(', ');
  return `hunted ${seeds} seed${seeds === 1 ? '' : 's'} in ${seconds.toFixed(1)} s (${rate} seeds/s): ${failing} failing${byInvariant ? ` (${byInvariant})` : ''}`;
}
