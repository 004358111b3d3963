// `cli experiment <name> [--flag value]... [--json]`: runs one of the labs' experiments (a batch
// of runs that reproduces a published figure) and prints a line per result row.
import type { ExperimentSpec } from '../labs/define-lab';
import { LABS } from '../labs/registry';

export function allExperiments(): Map<string, { lab: string; spec: ExperimentSpec }> {
  const found = new Map<string, { lab: string; spec: ExperimentSpec }>();
  for (const lab of LABS) {
    for (const [name, spec] of Object.entries(lab.experiments ?? {})) found.set(name, { lab: lab.id, spec });
  }
  return found;
}

export function experimentCommand(args: string[], out: (line: string) => void): number {
  const experiments = allExperiments();
  const [name, ...flags] = args;
  if (name === undefined || name === '--list') {
    if (experiments.size === 0) out('no experiments');
    for (const [id, { lab, spec }] of experiments) out(`${id} (${lab} lab): ${spec.description}`);
    return name === undefined ? 2 : 0;
  }
  const found = experiments.get(name);
  if (!found) throw new Error(`unknown experiment "${name}" (known: ${[...experiments.keys()].join(', ') || 'none'})`);
  const { spec } = found;
  const { values, json } = parseFlags(spec, flags);
  spec.run(values, (row) => out(json ? JSON.stringify(row) : textRow(row)));
  return 0;
}

function parseFlags(spec: ExperimentSpec, flags: string[]): { values: Record<string, unknown>; json: boolean } {
  const given: Record<string, string> = {};
  let json = false;
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i];
    if (flag === '--json') {
      json = true;
      continue;
    }
    const match = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/i.exec(flag);
    if (!match) throw new Error(`unexpected argument "${flag}": flags are --name value`);
    const key = match[1];
    if (!Object.hasOwn(spec.options, key)) {
      throw new Error(`unknown flag --${key} (this experiment takes ${Object.keys(spec.options).map((k) => `--${k}`).join(', ') || 'no flags'} and --json)`);
    }
    const text = match[2] ?? flags[++i];
    if (text === undefined) throw new Error(`--${key} needs a value`);
    given[key] = text;
  }
  const values: Record<string, unknown> = {};
  for (const [key, option] of Object.entries(spec.options)) {
    const text = given[key] ?? option.default;
    try {
      values[key] = option.parse(text);
    } catch (error) {
      throw new Error(`--${key}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { values, json };
}

function textRow(row: Record<string, unknown>): string {
  return Object.entries(row).map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`).join('  ');
}
