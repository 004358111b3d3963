// The Splitbrain command line: the same engine and checkers as the page, headless.
import { parseArgs } from 'node:util';

const USAGE = `usage:
  npm run cli -- labs [--json]
  npm run cli -- run <lab|scenario.json> [--seed N | --seeds A..B] [--until 60s] [--faults none|random]
                     [--nodes N] [--param key=value]... [--mode cp|ap] [--json]
  npm run cli -- check <history.json|jepsen.log|history.edn>... [--model M] [--models] [--json] [--budget STEPS]`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'run') {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        seed: { type: 'string' }, seeds: { type: 'string' }, until: { type: 'string' }, faults: { type: 'string' },
        nodes: { type: 'string' }, param: { type: 'string', multiple: true }, mode: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    });
    if (positionals.length !== 1) throw new Error('run takes exactly one lab id or scenario file');
    // --mode is the CAP lab's old flag: the same as --param mode=….
    const params = [...(values.param ?? []), ...(values.mode ? [`mode=${values.mode}`] : [])];
    const { runCommand } = await import('./run');
    return runCommand(
      { target: positionals[0], seeds: values.seeds ?? values.seed, until: values.until, faults: values.faults, nodes: values.nodes, params, json: values.json ?? false },
      (line) => console.log(line),
    );
  }
  if (command === 'labs') {
    const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean', default: false } } });
    const { labsCommand } = await import('./labs');
    return labsCommand(values.json ?? false, (line) => console.log(line));
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
