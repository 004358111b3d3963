// `cli experiment metastable`: the default scenario (a 4× slowdown at 2–4 s) under each retry and
// shedding setting, over many seeds: how often goodput in the run's last three seconds stays
// under 20% of capacity (still collapsed) or reaches 80% (recovered), with medians.
import { Simulation } from '../../engine/simulation';
import type { ExperimentSpec } from '../define-lab';
import { fractions, runTotals, scheduledWindows } from './figures';
import type { OverloadSettings } from './params';
import { CLIENTS, OVERLOAD_LAB_DEFAULTS, overloadSystem } from './system';

/** The settings compared, by name. */
export const COMPARED: Record<string, Partial<OverloadSettings>> = {
  'no retries': { retry: 'none' },
  aggressive: { retry: 'aggressive' },
  backoff: { retry: 'backoff' },
  'backoff-jitter': { retry: 'backoff-jitter' },
  'aggressive + budget 0.1': { retry: 'aggressive', budget: 0.1 },
  'backoff-jitter + budget 0.1': { retry: 'backoff-jitter', budget: 0.1 },
  'aggressive + queue-length shedding': { retry: 'aggressive', shed: 'queue-length' },
  'aggressive + deadline shedding': { retry: 'aggressive', shed: 'deadline' },
  'aggressive + deadline shedding + adaptive LIFO': { retry: 'aggressive', shed: 'deadline', order: 'adaptive-lifo' },
  'aggressive + circuit breaker': { retry: 'aggressive', breaker: true },
};

export function runOnce(seed: number, settings: Partial<OverloadSettings>, untilMs: number) {
  const { nodes, params, network } = OVERLOAD_LAB_DEFAULTS;
  const actors = [
    ...Array.from({ length: nodes }, (_, i) => ({ id: `n${i + 1}`, role: 'server' })),
    ...Array.from({ length: CLIENTS }, (_, i) => ({ id: `c${i + 1}`, role: 'client' })),
  ];
  const sim = Simulation.create(overloadSystem, { lab: 'overload', seed, actors, params: { ...params, ...settings }, network: { ...network, latencyMs: [...network.latencyMs] } }, []);
  sim.runUntil(untilMs, Infinity, false);
  return { goodput: fractions(sim, 'goodput', scheduledWindows(sim)), wasted: runTotals(sim).wasted, violations: sim.world.violations.length };
}

const median = (values: number[]) => {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted.length === 0 ? null : sorted[Math.floor(sorted.length / 2)];
};

function wholeNumber(min: number, max: number) {
  return (text: string) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max) throw new Error(`a whole number from ${min} to ${max}, not "${text}"`);
    return value;
  };
}

export const metastableExperiment: ExperimentSpec = {
  description: 'the default slowdown under each retry and shedding setting: in how many seeds goodput in the last 3 s stays under 20% of capacity, or recovers to 80%',
  options: {
    seeds: { description: 'seeds 1..N per setting', default: '50', parse: wholeNumber(1, 1000) },
    seconds: { description: 'virtual seconds per run', default: '10', parse: wholeNumber(5, 600) },
  },
  run(options, print) {
    const seeds = options.seeds as number;
    const untilMs = (options.seconds as number) * 1000;
    for (const [setting, settings] of Object.entries(COMPARED)) {
      const runs = Array.from({ length: seeds }, (_, i) => runOnce(i + 1, settings, untilMs));
      const after = runs.map((r) => r.goodput.after ?? 0);
      print({
        setting,
        seeds,
        collapsed: after.filter((x) => x < 0.2).length,
        recovered: after.filter((x) => x >= 0.8).length,
        medianGoodput: { before: median(runs.map((r) => r.goodput.before ?? 0)), during: median(runs.map((r) => r.goodput.during ?? 0)), after: median(after) },
        medianWastedWork: median(runs.map((r) => r.wasted)),
        violations: runs.reduce((sum, r) => sum + r.violations, 0),
      });
    }
  },
};
