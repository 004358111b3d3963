// The Splitbrain command line: the same engine and checkers as the page, headless.
//   run <lab|scenario.json> [--seed N | --seeds A..B] [--until 60s] [--faults none|random] [--mode cp|ap] [--json]
//   check <history.json|jepsen.log|history.edn>... [--json]
import { parseArgs } from 'node:util';
import { runCommand } from './run';

const USAGE = `usage:
  npm run cli -- run <lab|scenario.json> [--seed N | --seeds A..B] [--until 60s] [--faults none|random] [--mode cp|ap] [--json]
  npm run cli -- check <history.json|jepsen.log|history.edn>... [--json] [--budget STEPS]`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'run') {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        seed: { type: 'string' }, seeds: { type: 'string' }, until: { type: 'string' },
        faults: { type: 'string' }, mode: { type: 'string' }, json: { type: 'boolean', default: false },
      },
    });
    if (positionals.length !== 1) throw new Error('run takes exactly one lab id or scenario file');
    const decorate = (await import('./run-decorators')).decoratorFor(positionals[0]);
    return runCommand({ target: positionals[0], seeds: values.seeds ?? values.seed, until: values.until, faults: values.faults, mode: values.mode, json: values.json ?? false }, (line) => console.log(line), decorate);
  }
  if (command === 'check') {
    const { parseCheckArgs, runCheck } = await import('./check');
    const parsed = parseCheckArgs(rest);
    if (!parsed.ok) throw new Error(parsed.error);
    return runCheck(parsed.files, parsed.options, (line) => console.log(line));
  }
  console.error(USAGE);
  return command === undefined || command === '--help' || command === 'help' ? 0 : 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    console.error(USAGE);
    process.exit(2);
  },
);
