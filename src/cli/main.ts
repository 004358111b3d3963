// The Splitbrain command line: the same engine and checkers as the page, headless.
import { writeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';

const USAGE = `usage:
  npm run cli -- labs [--json]
  npm run cli -- run <lab|scenario.json> [--seed N | --seeds A..B] [--until 60s] [--faults none|random]
                     [--nodes N] [--param key=value]... [--mode cp|ap] [--charts] [--run-checks] [--json] [--jobs N]
  npm run cli -- hunt <lab> --seeds A..B [--param key=value]... [--nodes N] [--until 10s] [--faults random|none]
                      [--jobs N] [--budget RUNS] [--no-shrink] [--json]
  npm run cli -- experiment <name> [--flag value]... [--json]     (experiment --list names them)
  npm run cli -- check <history.json|jepsen.log|history.edn>... [--model M] [--models] [--list-models] [--json] [--budget STEPS]`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'run') {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        seed: { type: 'string' }, seeds: { type: 'string' }, until: { type: 'string' }, faults: { type: 'string' },
        nodes: { type: 'string' }, param: { type: 'string', multiple: true }, mode: { type: 'string' },
        json: { type: 'boolean', default: false }, charts: { type: 'boolean', default: false }, jobs: { type: 'string' },
        'run-checks': { type: 'boolean', default: false },
      },
    });
    if (positionals.length !== 1) throw new Error('run takes exactly one lab id or scenario file');
    if (values.seed !== undefined && values.seeds !== undefined) throw new Error('--seed and --seeds cannot be used together: give one seed or one range');
    // --mode is the CAP lab's old flag: the same as --param mode=….
    const params = [...(values.param ?? []), ...(values.mode ? [`mode=${values.mode}`] : [])];
    const { runCommandOnThreads } = await import('./run');
    return runCommandOnThreads(
      { target: positionals[0], seeds: values.seeds ?? values.seed, until: values.until, faults: values.faults, nodes: values.nodes, params, json: values.json ?? false, charts: values.charts ?? false,
        runChecks: values['run-checks'] ?? false, jobs: values.jobs === undefined ? availableParallelism() : parseJobs(values.jobs), entry: new URL(import.meta.url) },
      print,
    );
  }
  if (command === 'hunt') {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        seeds: { type: 'string' }, until: { type: 'string' }, faults: { type: 'string' }, nodes: { type: 'string' },
        param: { type: 'string', multiple: true }, json: { type: 'boolean', default: false }, jobs: { type: 'string' },
        budget: { type: 'string' }, 'no-shrink': { type: 'boolean', default: false },
      },
    });
    if (positionals.length !== 1) throw new Error('hunt takes exactly one lab id');
    const { huntCommand } = await import('./hunt');
    return huntCommand(
      { lab: positionals[0], seeds: values.seeds, until: values.until, faults: values.faults, nodes: values.nodes, params: values.param, json: values.json ?? false,
        shrink: !values['no-shrink'], budget: values.budget, jobs: values.jobs === undefined ? availableParallelism() : parseJobs(values.jobs), entry: new URL(import.meta.url) },
      print,
      (line) => console.error(line),
      () => performance.now(),
    );
  }
  if (command === 'labs') {
    const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean', default: false } } });
    const { labsCommand } = await import('./labs');
    return labsCommand(values.json ?? false, print);
  }
  if (command === 'experiment') {
    const { experimentCommand } = await import('./experiment');
    return experimentCommand(rest, print);
  }
  if (command === 'check') {
    const { parseCheckArgs, runCheck } = await import('./check');
    const parsed = parseCheckArgs(rest);
    if (!parsed.ok) throw new Error(parsed.error);
    return runCheck(parsed.files, parsed.options, print);
  }
  console.error(USAGE);
  return command === undefined || command === '--help' || command === 'help' ? 0 : 2;
}

function parseJobs(text: string): number {
  if (!/^\d{1,3}$/.test(text.trim()) || Number(text) < 1) throw new Error(`--jobs takes a number of threads from 1, not "${text}"`);
  return Number(text);
}

/** Prints a line at once. `run … | head -2` closes the pipe early: the write fails there and
 * then (a run loop never yields for an 'error' event), and the run ends quietly. */
function print(line: string): void {
  try {
    writeSync(1, `${line}\n`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') process.exit(0);
    throw error;
  }
}

/** What a worker thread does with each job of a kind (`run` seeds, `hunt` seeds). */
async function jobRunner(kind: string): Promise<(job: never) => unknown> {
  const { runSeed, SEED_JOBS } = await import('./run');
  if (kind === SEED_JOBS) return runSeed;
  const { huntJob, HUNT_JOBS } = await import('./hunt');
  if (kind === HUNT_JOBS) return huntJob;
  throw new Error(`unknown worker job kind "${kind}"`);
}

// Started again as a worker thread by `run --jobs` or `hunt`: serve the jobs handed over, then stop.
if (!isMainThread && (workerData as { kind?: string } | null)?.kind) {
  const { serveJobs } = await import('./parallel');
  const data = workerData as { kind: string; jobs: { job: never; index: number }[] };
  serveJobs(data.jobs, await jobRunner(data.kind), (message) => parentPort!.postMessage(message));
} else main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    console.error(USAGE);
    process.exit(2);
  },
);
