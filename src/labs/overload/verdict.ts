// What a `cli run overload` line adds: goodput and offered load before, during and after the
// scheduled trigger (fractions of capacity), and the whole run's wasted work and retries. A
// collapse is the lab's subject, not a failure: only a broken invariant fails a run.
import type { Simulation } from '../../engine/simulation';
import { capacityOf, fractions, runTotals, scheduledWindows } from './figures';
import { currentSettings } from './settings';

export function overloadVerdict(sim: Simulation): { fields: Record<string, unknown>; failed: boolean } {
  const windows = scheduledWindows(sim);
  const totals = runTotals(sim);
  const settings = currentSettings(sim);
  const seconds = (w: { fromSec: number; toSec: number } | null) => (w === null ? null : [w.fromSec, w.toSec]);
  return {
    fields: {
      retry: settings.retry,
      budget: settings.budget,
      shedding: settings.shed,
      capacity: capacityOf(sim),
      goodput: fractions(sim, 'goodput', windows),
      offered: fractions(sim, 'offered', windows),
      windows: { before: seconds(windows.before), during: seconds(windows.during), after: seconds(windows.after) },
      requests: totals.requests,
      served: totals.served,
      wastedWork: totals.wasted,
      retries: totals.retries,
      shed: totals.shed,
      gaveUp: totals.gaveUp,
    },
    failed: false,
  };
}
