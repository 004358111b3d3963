// The overload lab's figures from engine metrics, for the CLI's verdict and the page's panel:
// goodput (answers that reached a client still waiting for them) before, during and after the
// scheduled trigger as fractions of the service's capacity, and the live state of the last two
// complete virtual seconds — healthy, slowed, or stuck overloaded after the trigger is gone.
import { metricSum, metricTotal } from '../../engine/metrics';
import type { Simulation } from '../../engine/simulation';
import { readParams, serviceCapacity } from './params';
import { slowdowns, type SlowdownWindow } from './settings';

/** Whole virtual seconds [fromSec, toSec). */
export interface SecondsWindow {
  fromSec: number;
  toSec: number;
}

export interface Windows {
  before: SecondsWindow | null;
  during: SecondsWindow | null;
  after: SecondsWindow | null;
}

/** How long the "after" window is: the run's last seconds, once the trigger is over. */
export const AFTER_SECONDS = 3;

/** The seconds before the trigger (skipping the first, while clients start up), the seconds it
 * touches, and the last AFTER_SECONDS complete seconds of the run if they all follow it. */
export function triggerWindows(triggerAtMs: number, triggerForMs: number, endMs: number): Windows {
  const endSec = Math.floor(endMs / 1000);
  if (triggerForMs <= 0) return { before: window(1, endSec), during: null, after: null };
  const startSec = Math.floor(triggerAtMs / 1000);
  const stopSec = Math.min(endSec, Math.ceil((triggerAtMs + triggerForMs) / 1000));
  return {
    before: window(startSec >= 2 ? 1 : 0, Math.min(startSec, endSec)),
    during: window(startSec, stopSec),
    after: window(Math.max(stopSec, endSec - AFTER_SECONDS), endSec),
  };
}

function window(fromSec: number, toSec: number): SecondsWindow | null {
  return toSec > fromSec ? { fromSec, toSec } : null;
}

export function capacityOf(sim: Simulation): number {
  return serviceCapacity(readParams(sim.world.config.params), sim.world.nodeIds.length);
}

/** A metric's mean per second over a window. */
export function ratePerSec(sim: Simulation, metric: string, w: SecondsWindow): number {
  return metricSum(sim.world.metrics, metric, w.fromSec, w.toSec) / (w.toSec - w.fromSec);
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** A metric per second over each window, as a fraction of capacity (null for an empty window). */
export function fractions(sim: Simulation, metric: string, windows: Windows): Record<keyof Windows, number | null> {
  const capacity = capacityOf(sim);
  const of = (w: SecondsWindow | null) => (w === null ? null : round3(ratePerSec(sim, metric, w) / capacity));
  return { before: of(windows.before), during: of(windows.during), after: of(windows.after) };
}

export function scheduledWindows(sim: Simulation): Windows {
  const { triggerAtMs, triggerForMs, slowdown } = readParams(sim.world.config.params);
  return triggerWindows(triggerAtMs, slowdown > 1 ? triggerForMs : 0, sim.world.timeMs);
}

/** Whole-run counts. */
export function runTotals(sim: Simulation) {
  const total = (metric: string) => metricTotal(sim.world.metrics, metric, 'rate');
  return {
    requests: total('demand'), attempts: total('offered'), goodput: total('goodput'), served: total('served'), wasted: total('wasted'),
    retries: total('retries'), shed: total('shed'), gaveUp: total('gave-up'), fastFailed: total('fast-failed'),
  };
}

export type Phase = 'starting' | 'healthy' | 'slowed' | 'metastable' | 'overloaded' | 'recovering' | 'degraded';

export interface LivePhase {
  phase: Phase;
  /** The two complete seconds judged. */
  window: SecondsWindow | null;
  /** Per second over that window. */
  demand: number;
  offered: number;
  goodput: number;
  wasted: number;
  served: number;
  /** The last slowdown that has ended, if any. */
  lastTrigger: SlowdownWindow | null;
}

/** Seconds the live state is judged over. */
export const LIVE_SECONDS = 2;

/** The state of the last LIVE_SECONDS complete seconds. Goodput under half the new requests is
 * an overload; when the new requests alone are within capacity and a trigger is over (the whole
 * window follows it), the overload is metastable: nothing but the system's own reaction keeps it. */
export function livePhase(sim: Simulation): LivePhase {
  const now = sim.world.timeMs;
  const nowSec = Math.floor(now / 1000);
  const windows = slowdowns(sim);
  const lastTrigger = windows.filter((w) => w.toMs <= now).at(-1) ?? null;
  const empty = { demand: 0, offered: 0, goodput: 0, wasted: 0, served: 0 };
  if (nowSec < LIVE_SECONDS + 1) return { phase: 'starting', window: null, ...empty, lastTrigger };
  const w = { fromSec: nowSec - LIVE_SECONDS, toSec: nowSec };
  const rates = {
    demand: ratePerSec(sim, 'demand', w), offered: ratePerSec(sim, 'offered', w), goodput: ratePerSec(sim, 'goodput', w),
    wasted: ratePerSec(sim, 'wasted', w), served: ratePerSec(sim, 'served', w),
  };
  const overlaps = (s: SlowdownWindow) => s.fromMs < w.toSec * 1000 && s.toMs > w.fromSec * 1000;
  if (windows.some((s) => overlaps(s) || (s.fromMs <= now && now < s.toMs))) return { phase: 'slowed', window: w, ...rates, lastTrigger };
  const afterTrigger = lastTrigger !== null && lastTrigger.toMs <= w.fromSec * 1000;
  let phase: Phase;
  if (rates.goodput >= 0.8 * rates.demand) phase = 'healthy';
  else if (rates.goodput < 0.5 * rates.demand) phase = afterTrigger && rates.demand < capacityOf(sim) ? 'metastable' : 'overloaded';
  else phase = afterTrigger ? 'recovering' : 'degraded';
  return { phase, window: w, ...rates, lastTrigger };
}
