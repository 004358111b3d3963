// Times the linearizability checker over the Jepsen etcd conformance corpus (read, parse, check).

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkHistoryLinearizability, parseHistory } from '../src/checkers/index';

export interface CheckerBench {
  files: number;
  totalMs: number;
  perFile: { file: string; ms: number; valid: unknown }[];
}

export async function benchCheckers(conformanceDir: string): Promise<CheckerBench> {
  const dir = path.join(conformanceDir, 'jepsen-etcd');
  const root = (await exists(dir)) ? dir : conformanceDir;
  const names = (await readdir(root)).filter((name) => name.endsWith('.log')).sort();
  const perFile: CheckerBench['perFile'] = [];
  let totalMs = 0;
  for (const name of names) {
    const text = await readFile(path.join(root, name), 'utf8');
    const started = performance.now();
    const parsed = parseHistory(name, text);
    const checked = parsed.ok ? checkHistoryLinearizability(parsed.history) : null;
    const ms = performance.now() - started;
    totalMs += ms;
    const valid = checked === null ? `bad input: ${parsed.ok ? '' : parsed.error}` : checked.ok ? checked.result.valid : `bad input: ${checked.error.message}`;
    perFile.push({ file: name, ms: Math.round(ms * 100) / 100, valid });
  }
  return { files: names.length, totalMs: Math.round(totalMs * 100) / 100, perFile };
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
  const dir = process.argv[2] ?? path.resolve(process.cwd(), '../shared/conformance');
  benchCheckers(dir).then((bench) => {
    const slowest = [...bench.perFile].sort((a, b) => b.ms - a.ms).slice(0, 5);
    console.log(`checkers: ${bench.files} files in ${bench.totalMs} ms; slowest: ${slowest.map((f) => `${f.file} ${f.ms} ms`).join(', ')}`);
  });
}
