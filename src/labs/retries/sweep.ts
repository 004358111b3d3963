// The backoff experiment in the page: mean calls and completion time per strategy for the current
// number of clients, computed in the worker by running the experiment's trials (the same actors as
// the run on the stage), once per number of clients.
import { runStrategy, STRATEGIES, type StrategyRow } from './experiment';

export interface Sweep {
  clients: number;
  trials: number;
  rows: StrategyRow[];
}

/** Fewer trials for more clients, so a sweep stays well under a second of the worker's time. */
export function sweepTrials(clients: number): number {
  return Math.max(4, Math.min(20, Math.floor(400 / clients)));
}

export function runSweep(clients: number, trials = sweepTrials(clients)): Sweep {
  return { clients, trials, rows: STRATEGIES.map((strategy) => runStrategy(strategy, clients, trials)) };
}

/** Sweeps are deterministic, so one per number of clients is kept for the worker's lifetime. */
export class SweepCache {
  private static readonly shared = new Map<number, Sweep>();

  get(clients: number): Sweep {
    let sweep = SweepCache.shared.get(clients);
    if (!sweep) {
      sweep = runSweep(clients);
      SweepCache.shared.set(clients, sweep);
    }
    return sweep;
  }
}
