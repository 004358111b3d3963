// `cli run`: runs a lab or a scenario file headless for one or many seeds and prints, per seed,
// the event count, the trace hash, any invariant violation and the lab's own verdict fields.
// Exit 1 on any violation, or when the lab's verdict says the run failed.
import { readFileSync } from 'node:fs';
import { chartData, type ChartData } from '../labs/chart-data';
import type { LabDefinition, RunFinding } from '../labs/define-lab';
import { runChecksOf, runLooking } from '../hunt/first-violation';
import { huntChecks } from '../hunt/hunt-checks';
import { findLab, LAB_IDS, LABS, labById } from '../labs/registry';
import { metricPoints } from '../engine/metrics';
import type { Simulation } from '../engine/simulation';
import { planScenario, runHeadless, type HeadlessResult, type RunPlan } from '../scenarios/headless';
import type { Scenario } from '../scenarios/scenario';
import { validateScenario } from '../scenarios/validate';
import { parseDurationMs, parseSeeds } from './args';
import { runOnThreads } from './parallel';

export interface RunOptions {
  target: string;
  seeds?: string;
  until?: string;
  faults?: string;
  nodes?: string;
  /** `key=value` pairs; values are JSON where they parse as JSON, strings otherwise. */
  params?: string[];
  json: boolean;
  /** Adds the lab's charts (per virtual second) to each JSON line. */
  charts?: boolean;
  /** Looks at the run as a bug hunt does and reports each run check's first finding. */
  runChecks?: boolean;
  /** Worker threads for a seed range (1: this thread only). */
  jobs?: number;
  /** The program's entry module, started again as each worker thread. */
  entry?: string | URL;
}

/** Runs every seed on this thread. */
export function runCommand(options: RunOptions, out: (line: string) => void): number {
  const reporter = failures(out);
  for (const job of plannedJobs(options)) reporter.print(runSeed(job));
  return reporter.code();
}

/** Runs the seeds on `options.jobs` worker threads (this one alone for one seed or one job),
 * printing the same lines in the same order as `runCommand`. */
export async function runCommandOnThreads(options: RunOptions, out: (line: string) => void): Promise<number> {
  const jobs = plannedJobs(options);
  const threads = Math.min(jobs.length, options.jobs ?? 1);
  const reporter = failures(out);
  if (threads <= 1 || !options.entry) jobs.forEach((job) => reporter.print(runSeed(job)));
  else await runOnThreads<SeedJob, SeedOutcome>(options.entry, SEED_JOBS, jobs, threads, reporter.print);
  return reporter.code();
}

function failures(out: (line: string) => void) {
  let failed = false;
  return {
    print: (outcome: SeedOutcome) => {
      failed ||= outcome.failed;
      out(outcome.line);
    },
    code: () => (failed ? 1 : 0),
  };
}

function plannedJobs(options: RunOptions): SeedJob[] {
  const base = loadTarget(options.target);
  const seeds = options.seeds ? parseSeeds(options.seeds) : [base.file?.seed ?? 1];
  const untilMs = options.until ? parseDurationMs(options.until) : base.file?.until ?? 10_000;
  const faults = options.faults ?? 'none';
  if (faults !== 'none' && faults !== 'random') throw new Error(`--faults must be "none" or "random", not "${faults}"`);
  if (base.file && (options.faults || options.params?.length || options.nodes)) {
    throw new Error('--faults, --nodes and --param apply to a lab id; a scenario file brings its own actions, size and params');
  }
  const params = parseParams(options.params ?? []);
  const nodes = options.nodes === undefined ? undefined : parseCount(options.nodes);
  const jobs: SeedJob[] = seeds.map((seed) => ({
    ...(base.file ? { scenario: { ...base.file, seed, until: untilMs } } : { plan: { lab: base.lab, seed, untilMs, faults, nodes, params } }),
    json: options.json,
    charts: options.charts ?? false,
    ...(options.runChecks ? { runChecks: true } : {}),
  }));
  const lab = labById(base.file?.lab ?? base.lab);
  if (options.runChecks && !looksAtRuns(lab)) {
    throw new Error(`--run-checks applies to a lab that names run checks (${LABS.filter(looksAtRuns).map((l) => l.id).join(', ')}), not ${lab.id}`);
  }
  // The flags are the same for every seed: checking the first seed's scenario finds a bad one
  // before any run starts.
  scenarioOf(jobs[0]);
  return jobs;
}

/** What one seed's run needs: plain data, so it can go to a worker thread. A lab's seeds are
 * planned where they run (a sweep of 100,000 seeds starts printing at once). */
export interface SeedJob {
  scenario?: Scenario;
  plan?: RunPlan;
  json: boolean;
  charts: boolean;
  runChecks?: boolean;
}

/** Whether a hunt looks at this lab's runs (run checks) rather than after every event. */
function looksAtRuns(lab: LabDefinition): boolean {
  return huntChecks(lab)?.when === 'run';
}

function scenarioOf(job: SeedJob): Scenario {
  return job.scenario ?? checked(planScenario(job.plan!));
}

export interface SeedOutcome {
  line: string;
  failed: boolean;
}

/** The kind of job a worker thread started by `run --jobs` serves. */
export const SEED_JOBS = 'cli-run-seeds';

export function runSeed(job: SeedJob): SeedOutcome {
  const scenario = scenarioOf(job);
  let findings: RunFinding[] = [];
  const result = runHeadless(scenario, job.runChecks ? (simulation, untilMs) => {
    const checks = runChecksOf(scenario.lab, simulation);
    if (checks) findings = runLooking(simulation, checks, untilMs, 'each');
    else simulation.runUntil(untilMs, Infinity, false);
  } : undefined);
  const lab = labById(scenario.lab);
  const verdict = lab.verdict?.(result.simulation) ?? { fields: {}, failed: false };
  if (job.charts) verdict.fields = { ...verdict.fields, charts: runCharts(lab, result.simulation) };
  const failed = result.violations.length > 0 || verdict.failed || findings.length > 0;
  if (!job.json) return { line: textLine(result, verdict.fields, verdict.failed, findings), failed };
  const found = job.runChecks ? { findings: findings.map(({ check, message, timeMs }) => ({ check, message, timeMs })) } : {};
  return { line: JSON.stringify(jsonLine(result, { ...found, ...verdict.fields })), failed };
}

/** Every chart of the lab over the seconds the run's metrics still hold. */
function runCharts(lab: LabDefinition, sim: Simulation): ChartData[] {
  const nowSec = Math.floor(sim.world.timeMs / 1000);
  const fromSec = Math.max(0, nowSec - sim.world.metrics.windowSec + 1);
  const points = metricPoints(sim.world.metrics, fromSec, nowSec);
  return (lab.charts ?? []).map((chart) => chartData(chart, points));
}

/** A planned scenario goes through the same validation as a file (params, node count). */
function checked(scenario: Scenario): Scenario {
  const result = validateScenario(scenario, LAB_IDS);
  if (!result.ok) throw new Error(`invalid run:\n  ${result.issues.map((issue) => issue.message).join('\n  ')}`);
  return result.scenario;
}

function parseParams(pairs: string[]): Record<string, unknown> | undefined {
  if (pairs.length === 0) return undefined;
  const params: Record<string, unknown> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`--param takes key=value, not "${pair}"`);
    const text = pair.slice(at + 1);
    let value: unknown = text;
    try {
      value = JSON.parse(text);
    } catch {
      // not JSON: the value is the string as written (--param mode=ap)
    }
    params[pair.slice(0, at)] = value;
  }
  return params;
}

function parseCount(text: string): number {
  if (!/^\d{1,3}$/.test(text.trim())) throw new Error(`--nodes takes a whole number, not "${text}"`);
  return Number(text);
}

function jsonLine(result: HeadlessResult, extra: Record<string, unknown>) {
  return {
    seed: result.seed,
    events: result.events,
    traceHash: result.traceHash,
    violations: result.violations.map(({ invariant, message, timeMs }) => ({ invariant, message, timeMs })),
    ...extra,
  };
}

function textLine(result: HeadlessResult, extra: Record<string, unknown>, verdictFailed: boolean, findings: RunFinding[]): string {
  const verdict = result.violations.length > 0
    ? `VIOLATION ${result.violations.map((v) => `${v.invariant} at ${v.timeMs} ms: ${v.message}`).join('; ')}`
    : findings.length > 0 ? `FOUND ${findings.map((f) => `${f.check} at ${f.timeMs} ms: ${f.message}`).join('; ')}` : 'ok';
  const extras = Object.entries(extra).map(([key, value]) => `${key}=${JSON.stringify(value)}`).join(' ');
  const flag = verdictFailed ? ' FAILED THE LAB\'S CHECK' : '';
  return `seed ${result.seed}: ${result.events} events, trace ${result.traceHash}, ${verdict}${flag}${extras ? ` ${extras}` : ''}`;
}

/** A lab id, or a scenario JSON file validated like any other untrusted input. */
function loadTarget(target: string): { lab: string; file?: Scenario } {
  if (findLab(target)) return { lab: target };
  if (!target.endsWith('.json')) throw new Error(`unknown lab "${target}" (known: ${LAB_IDS.join(', ')}; or give a scenario .json file)`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(target, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read scenario ${target}: ${(error as Error).message}`);
  }
  const result = validateScenario(parsed, LAB_IDS);
  if (!result.ok) throw new Error(`scenario ${target} is invalid:\n  ${result.issues.map((issue) => issue.message).join('\n  ')}`);
  return { lab: result.scenario.lab, file: result.scenario };
}
