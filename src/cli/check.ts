// `npm run cli -- check FILE... [--json] [--budget N] [--model M] [--models]`: reads each history
// (JSON, Jepsen etcd log or Jepsen EDN), checks linearizability under the model (default: the
// register) and prints one line per file; `--models` adds the map of consistency models to each
// line (a register history's sequential, causal, PRAM and session-guarantee verdicts, each true,
// false or "unknown"); `--list-models` lists the history models. Exit code (linearizability): 0 all valid,
// 1 some invalid, 2 bad input (an unreadable or malformed file, or an unknown model; wins over the
// others, since the verdict is then incomplete), 3 some undecided within the budget and none invalid.

import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import {
  CONSISTENCY_MODELS,
  HISTORY_MODELS,
  checkConsistencyMap,
  checkLinearizability,
  findModel,
  pairOperations,
  parseHistory,
  type ConsistencyModel,
  type HistoryModel,
  type HistoryOperation,
  type LinearizabilityResult,
  type Verdict,
} from '../checkers/index';
import { modelHint, modelLines } from './check-models';

export interface CheckOptions {
  json: boolean;
  budgetSteps?: number;
  /** A model name from the registry (`register` when absent). */
  model?: string;
  /** List the history models first (`--list-models`). */
  listModels?: boolean;
  /** Add the consistency map to each line (`--models`). */
  consistencyMap?: boolean;
}

const USAGE = 'usage: check FILE... [--json] [--budget N] [--model M] [--models] | check --list-models';

export const EXIT_VALID = 0;
export const EXIT_INVALID = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_UNKNOWN = 3;

/** The map's verdicts by model name, in the map's order; null when the map cannot read the history. */
type MapVerdicts = Record<ConsistencyModel, Verdict> | null;

type FileOutcome = { file: string; ms: number; error: string } | { file: string; ms: number; result: LinearizabilityResult; model: string; models?: MapVerdicts };

export async function runCheck(files: string[], options: CheckOptions, out: (line: string) => void): Promise<number> {
  if (options.listModels) {
    for (const line of modelLines(options.json)) out(line);
    if (files.length === 0) return EXIT_VALID;
  }
  if (files.length === 0) {
    out(`check: no history files given (${USAGE})`);
    return EXIT_BAD_INPUT;
  }
  const model = findModel(options.model ?? 'register');
  if (!model) {
    out(`check: ${unknownModel(options.model ?? '')}`);
    return EXIT_BAD_INPUT;
  }
  const codes: number[] = [];
  for (const file of files) {
    const outcome = await checkFile(file, options, model);
    out(options.json ? jsonLine(outcome) : textLine(outcome));
    codes.push('error' in outcome ? EXIT_BAD_INPUT : exitFor(outcome.result.valid));
  }
  for (const code of [EXIT_BAD_INPUT, EXIT_INVALID, EXIT_UNKNOWN]) if (codes.includes(code)) return code;
  return EXIT_VALID;
}

function unknownModel(name: string): string {
  return `unknown model ${JSON.stringify(name)} (models: ${HISTORY_MODELS.map((m) => m.name).join(', ')}; see --list-models)`;
}

async function checkFile(file: string, options: CheckOptions, model: HistoryModel): Promise<FileOutcome> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    return { file, ms: elapsed(), error: code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? String(error)})` };
  }
  const parsed = parseHistory(file, text, undefined, model);
  if (!parsed.ok) return { file, ms: elapsed(), error: parsed.error + modelHint(parsed.error, model) };
  const paired = pairOperations(parsed.history, model);
  if (!paired.ok) {
    const line = parsed.lines[paired.error.eventIndex];
    return { file, ms: elapsed(), error: `${line === undefined ? '' : `line ${line}: `}${paired.error.message} [${paired.error.code}]${modelHint(paired.error.message, model)}` };
  }
  const result = checkLinearizability(paired.operations, { budgetSteps: options.budgetSteps, model });
  if (!options.consistencyMap) return { file, ms: elapsed(), result, model: model.name };
  return { file, ms: elapsed(), result, model: model.name, models: mapVerdicts(paired.operations, result, model, options.budgetSteps) };
}

/** The consistency map reads registers (the register model, or kv without transactions). */
function mapVerdicts(operations: HistoryOperation[], result: LinearizabilityResult, model: HistoryModel, budgetSteps: number | undefined): MapVerdicts {
  const registers = model.name === 'register' || (model.name === 'kv' && operations.every((op) => op.f !== 'txn'));
  if (!registers) return null;
  const map = checkConsistencyMap(operations, { budgetSteps, linearizable: result });
  return Object.fromEntries(CONSISTENCY_MODELS.map((name) => [name, map.models[name].holds])) as Record<ConsistencyModel, Verdict>;
}

function exitFor(valid: LinearizabilityResult['valid']): number {
  return valid === true ? EXIT_VALID : valid === false ? EXIT_INVALID : EXIT_UNKNOWN;
}

function jsonLine(outcome: FileOutcome): string {
  if ('error' in outcome) {
    return JSON.stringify({ file: outcome.file, valid: null, ops: 0, ms: outcome.ms, explanation: null, error: outcome.error });
  }
  const { result } = outcome;
  const line = { file: outcome.file, valid: result.valid, ops: result.ops, ms: outcome.ms, explanation: result.explanation?.sentence ?? null };
  return JSON.stringify(outcome.models === undefined ? line : { ...line, models: outcome.models });
}

function textLine(outcome: FileOutcome): string {
  if ('error' in outcome) return `${outcome.file}: bad input: ${outcome.error}`;
  if (outcome.models === undefined) return verdictText(outcome);
  if (outcome.models === null) return `${verdictText(outcome)} [models: the consistency map reads register histories only]`;
  const models = outcome.models;
  return `${verdictText(outcome)} [models: ${CONSISTENCY_MODELS.map((name) => `${name} ${models[name] === 'unknown' ? '?' : models[name]}`).join(', ')}]`;
}

function verdictText(outcome: Extract<FileOutcome, { result: LinearizabilityResult }>): string {
  const { result } = outcome;
  const as = outcome.model === 'register' ? '' : `${outcome.model} model, `;
  const counts = `${as}${result.ops} operations, ${result.steps} steps, ${outcome.ms} ms`;
  if (result.valid === true) return `${outcome.file}: linearizable (${counts})`;
  if (result.valid === 'unknown') return `${outcome.file}: undecided within the budget of steps (${counts}); try --budget with more`;
  return `${outcome.file}: NOT linearizable (${counts}): ${result.explanation?.sentence ?? 'no explanation'}`;
}

export type CheckArgs = { ok: true; files: string[]; options: CheckOptions } | { ok: false; error: string };

/** Parses `FILE... [--json] [--budget N | --budget=N] [--model M | --model=M] [--models] [--list-models]`. */
export function parseCheckArgs(argv: readonly string[]): CheckArgs {
  const files: string[] = [];
  const options: CheckOptions = { json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') options.json = true;
    else if (arg === '--budget' || arg.startsWith('--budget=')) {
      const text = arg === '--budget' ? argv[++i] : arg.slice('--budget='.length);
      const steps = Number(text);
      if (text === undefined || !Number.isInteger(steps) || steps <= 0) return { ok: false, error: `--budget needs a positive whole number of steps, got ${text ?? 'nothing'}` };
      options.budgetSteps = steps;
    } else if (arg === '--model' || arg.startsWith('--model=')) {
      const name = arg === '--model' ? argv[++i] : arg.slice('--model='.length);
      if (name === undefined || !findModel(name)) return { ok: false, error: `--model needs a model name: ${unknownModel(name ?? '')}` };
      options.model = name;
    } else if (arg === '--list-models') options.listModels = true;
    else if (arg === '--models') options.consistencyMap = true;
    else if (arg.startsWith('--')) return { ok: false, error: `unknown option ${arg} (check takes --json, --budget N, --model M, --models and --list-models)` };
    else files.push(arg);
  }
  if (files.length === 0 && !options.listModels) return { ok: false, error: `no history files given (${USAGE})` };
  return { ok: true, files, options };
}
