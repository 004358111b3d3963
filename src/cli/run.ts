// `cli run`: runs a lab or a scenario file headless for one or many seeds and prints, per seed,
// the event count, the trace hash and any invariant violation. Exit 1 on any violation.
import { readFileSync } from 'node:fs';
import { LAB_IDS } from '../scenarios/catalog';
import { planScenario, runHeadless, type HeadlessResult } from '../scenarios/headless';
import type { Scenario } from '../scenarios/scenario';
import { validateScenario } from '../scenarios/validate';
import { parseDurationMs, parseSeeds } from './args';

export interface RunOptions {
  target: string;
  seeds?: string;
  until?: string;
  faults?: string;
  mode?: string;
  json: boolean;
}

export type RunReport = HeadlessResult & { extra?: Record<string, unknown> };

/** Hooks labs add to a run's line (the CAP lab adds its checker verdicts). */
export type RunDecorator = (scenario: Scenario, result: HeadlessResult) => Record<string, unknown>;

export function runCommand(options: RunOptions, out: (line: string) => void, decorate?: RunDecorator): number {
  const base = loadTarget(options.target);
  const seeds = options.seeds ? parseSeeds(options.seeds) : [base.file?.seed ?? 1];
  const untilMs = options.until ? parseDurationMs(options.until) : base.file?.until ?? 10_000;
  const faults = options.faults ?? 'none';
  if (faults !== 'none' && faults !== 'random') throw new Error(`--faults must be "none" or "random", not "${faults}"`);
  if (base.file && (options.faults || options.mode)) throw new Error('--faults and --mode apply to a lab id; a scenario file brings its own actions and params');
  let failed = false;
  for (const seed of seeds) {
    const scenario = base.file
      ? { ...base.file, seed, until: untilMs }
      : planScenario({ lab: base.lab, seed, untilMs, faults, params: options.mode ? { mode: options.mode } : undefined });
    const result = runHeadless(scenario);
    const extra = decorate ? decorate(scenario, result) : {};
    // A CP run that is not linearizable is a bug, like a broken invariant; in AP it is the lesson.
    const bad = result.violations.length > 0 || (extra.mode === 'cp' && extra.linearizable === false);
    failed ||= bad;
    out(options.json ? JSON.stringify(jsonLine(result, extra)) : textLine(result, extra, bad));
  }
  return failed ? 1 : 0;
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

function textLine(result: HeadlessResult, extra: Record<string, unknown>, bad: boolean): string {
  const verdict = result.violations.length > 0
    ? `VIOLATION ${result.violations.map((v) => `${v.invariant} at ${v.timeMs} ms: ${v.message}`).join('; ')}`
    : 'ok';
  const extras = Object.entries(extra).map(([key, value]) => `${key}=${JSON.stringify(value)}`).join(' ');
  const flag = bad && result.violations.length === 0 ? ' NOT LINEARIZABLE IN CP' : '';
  return `seed ${result.seed}: ${result.events} events, trace ${result.traceHash}, ${verdict}${flag}${extras ? ` ${extras}` : ''}`;
}

/** A lab id, or a scenario JSON file validated like any other untrusted input. */
function loadTarget(target: string): { lab: string; file?: Scenario } {
  if (LAB_IDS.includes(target)) return { lab: target };
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
