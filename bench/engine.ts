// The engine's delivered messages per second (see engine-run.ts), optionally beside a baseline
// checkout measured in the same session: the two sides alternate, each in its own process, and
// the best of each side's rounds is kept, so the ratio holds on a noisy machine.
//   tsx bench/engine.ts [--baseline DIR] [--rounds N] [--budget MS] [--json]
// A baseline is made with `git worktree add ../engine-baseline <commit>` and a node_modules link.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');

export type EngineFigures = Record<string, number>;

interface SideRun {
  [config: string]: { rate: number; hashes: string[] };
}

function runSide(root: string, budgetMs: number): SideRun {
  const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
  const run = spawnSync(tsx, [path.join(HERE, 'engine-run.ts'), root, String(budgetMs)], { encoding: 'utf8', cwd: root });
  if (run.status !== 0) throw new Error(`engine bench failed in ${root}: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as SideRun;
}

function keepBest(best: EngineFigures, run: SideRun): void {
  for (const [name, figures] of Object.entries(run)) best[name] = Math.max(best[name] ?? 0, figures.rate);
}

/** The same seeds must give the same trace hashes and delivery counts on both sides: a speed-up
 * that changes a run, or counts differently, is not one. Seeds run in a side depend on its speed, so only the common prefix is compared. */
function sameHashes(a: SideRun, b: SideRun): string[] {
  const differing: string[] = [];
  for (const name of Object.keys(a)) {
    const n = Math.min(a[name].hashes.length, b[name]?.hashes.length ?? 0);
    for (let i = 0; i < n; i++) if (a[name].hashes[i] !== b[name].hashes[i]) differing.push(`${name} seed ${i + 1}`);
  }
  return differing;
}

export function benchEngine(options: { baseline?: string; rounds: number; budgetMs: number }): { engine: EngineFigures; baseline?: EngineFigures; ratio?: EngineFigures; hashMismatches?: string[] } {
  const engine: EngineFigures = {};
  const baseline: EngineFigures = {};
  const mismatches = new Set<string>();
  for (let round = 0; round < options.rounds; round++) {
    const base = options.baseline ? runSide(path.resolve(options.baseline), options.budgetMs) : null;
    const ours = runSide(ROOT, options.budgetMs);
    keepBest(engine, ours);
    if (base) {
      keepBest(baseline, base);
      for (const m of sameHashes(ours, base)) mismatches.add(m);
    }
  }
  if (!options.baseline) return { engine };
  const ratio: EngineFigures = {};
  for (const name of Object.keys(engine)) ratio[name] = Math.round((engine[name] / baseline[name]) * 100) / 100;
  return { engine, baseline, ratio, hashMismatches: [...mismatches] };
}

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function main(): void {
  const result = benchEngine({ baseline: option('--baseline'), rounds: Number(option('--rounds') ?? 3), budgetMs: Number(option('--budget') ?? 2000) });
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(result));
    return;
  }
  console.log('Raft delivered messages per CPU second (latency 10–15 ms, election 100–200 ms, heartbeat 50 ms; load = one write per node every 20 ms;');
  console.log('floor5 = idle5’s traffic from a protocol that does nothing else: the engine’s own cost)');
  for (const name of Object.keys(result.engine)) {
    const base = result.baseline ? `   baseline ${result.baseline[name].toLocaleString('en')}   ratio ${result.ratio?.[name]}×` : '';
    console.log(`  ${name.padEnd(7)} ${result.engine[name].toLocaleString('en').padStart(10)}${base}`);
  }
  if (result.hashMismatches?.length) console.log(`  TRACE HASHES DIFFER from the baseline: ${result.hashMismatches.join(', ')}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
