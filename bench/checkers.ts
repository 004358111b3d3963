// Times the linearizability checker over the Jepsen etcd conformance corpus, parse and check apart:
// each file is read and parsed once, every file is checked once to warm the JIT up, then each is
// checked five times and its best time kept (check only: pairing the events and the search, as
// Porcupine's CheckEvents is timed). `tsx bench/checkers.ts [DIR] [--json]`.

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkHistoryLinearizability, parseHistory } from '../src/checkers/index';
import type { HistoryEvent } from '../src/engine/types';

export interface CheckerFileFigures {
  file: string;
  /** Best of 5 parses. */
  parseMs: number;
  /** Best of 5 checks, after a warm-up pass over every file. */
  checkMs: number;
  valid: unknown;
}

export interface CheckerBench {
  files: number;
  /** Sums of the per-file best times. */
  totalCheckMs: number;
  totalParseMs: number;
  medianCheckMs: number;
  perFile: CheckerFileFigures[];
}

const PASSES = 5;

export async function benchCheckers(conformanceDir: string): Promise<CheckerBench> {
  const dir = path.join(conformanceDir, 'jepsen-etcd');
  const root = (await exists(dir)) ? dir : conformanceDir;
  const names = (await readdir(root)).filter((name) => name.endsWith('.log')).sort();
  const texts = await Promise.all(names.map((name) => readFile(path.join(root, name), 'utf8')));
  const parsed = names.map((name, i) => bestOf(() => parseHistory(name, texts[i])));
  const histories = parsed.map(({ result }) => (result.ok ? result.history : null));
  for (const history of histories) if (history) check(history); // warm-up
  const perFile = names.map((file, i): CheckerFileFigures => {
    const parse = parsed[i].result;
    const history = histories[i];
    if (!parse.ok || !history) return { file, parseMs: round(parsed[i].ms), checkMs: 0, valid: `bad input: ${parse.ok ? '' : parse.error}` };
    const checked = bestOf(() => check(history));
    const valid = checked.result.ok ? checked.result.result.valid : `bad input: ${checked.result.error.message}`;
    return { file, parseMs: round(parsed[i].ms), checkMs: round(checked.ms), valid };
  });
  const sum = (values: number[]) => round(values.reduce((total, value) => total + value, 0));
  return { files: names.length, totalCheckMs: sum(perFile.map((f) => f.checkMs)), totalParseMs: sum(perFile.map((f) => f.parseMs)), medianCheckMs: median(perFile.map((f) => f.checkMs)), perFile };
}

function check(history: HistoryEvent[]) {
  return checkHistoryLinearizability(history);
}

function bestOf<T>(run: () => T): { result: T; ms: number } {
  let best = Infinity;
  let result!: T;
  for (let pass = 0; pass < PASSES; pass++) {
    const started = performance.now();
    result = run();
    best = Math.min(best, performance.now() - started);
  }
  return { result, ms: best };
}

/** Microsecond precision: typical files take tens of microseconds. */
function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length === 0 ? 0 : sorted.length % 2 ? sorted[middle] : round((sorted[middle - 1] + sorted[middle]) / 2);
}

async function exists(dir: string): Promise<boolean> {
  try {
    await readdir(dir);
    return true;
  } catch {
    return false;
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url.endsWith(path.basename(process.argv[1]));
if (invokedDirectly) {
  const args = process.argv.slice(2);
  const dir = args.find((arg) => !arg.startsWith('--')) ?? path.resolve(process.cwd(), '../shared/conformance');
  benchCheckers(dir).then((bench) => {
    if (args.includes('--json')) return console.log(JSON.stringify(bench));
    const slowest = [...bench.perFile].sort((a, b) => b.checkMs - a.checkMs).slice(0, 5);
    console.log(`checkers: ${bench.files} files, check ${bench.totalCheckMs} ms (median ${bench.medianCheckMs} ms), parse ${bench.totalParseMs} ms; slowest checks: ${slowest.map((f) => `${f.file} ${f.checkMs} ms`).join(', ')}`);
  });
}
