// What a bug hunt looks for in the breaker lab, which checks no invariant after every event (its
// panels and verdict count what the client did as the run goes on): the first call to one
// dependency refused a slot because the other dependency's calls held the shared pool — the
// lab's "healthy calls failed by the other dependency" count, the one its verdict fails on.
// Only a shared pool (`bulkheads=false`, the `no-bulkhead` rule) can do that; with the default
// bulkheads every dependency has its own slots and this check never finds anything.
// Either side can be the one refused: the lab counts a refusal whenever the other dependency's
// calls hold more of the shared pool than the refused one's (a random fault that crashes or
// pauses A starves calls to B as surely as B's slow incident starves calls to A).
//
// The `no-breaker` rule has no check of its own: "calls into a failing dependency" (the verdict's
// `unprotectedCalls`) climbs with the breaker on too — a HALF_OPEN breaker's trial calls, and the
// first calls after it closes, go into a dependency whose last calls are still over the
// thresholds (about 9 such calls on every default run, no fault needed) — and the verdict does
// not fail on it. What only `breaker=false` does is let every such call through, which is the
// setting itself, not something a run can be caught doing.
//
// The count is a whole-run metric (per second, not per call), so the moment is read from the
// client's `healthy-failure` note: the client files one with the first refusal of each streak,
// in the same step as the count, so the run's first note is its first healthy failure.
import { metricTotal } from '../../engine/metrics';
import type { Simulation } from '../../engine/simulation';
import { findingTime, type RunChecks, type RunFinding } from '../define-lab';
import { totalsOf } from './checks';
import { DEPENDENCIES } from './params';

export const STARVED_BY_OTHER = 'starved-by-other-dependency';

const NOTE_TAG = 'healthy-failure';

/** The lab's count of healthy calls failed by the other dependency (what the verdict sums). */
export function healthyFailures(sim: Simulation): number {
  return DEPENDENCIES.reduce((sum, d) => sum + totalsOf(sim, d).healthyFailures, 0);
}


function find(sim: Simulation, sinceMs: number): RunFinding[] {
  if (healthyFailures(sim) === 0) return [];
  // The log keeps the latest notable events; if it still holds every healthy-failure note, its
  // first one is the run's first healthy failure.
  const notes = sim.world.trace.notable.filter((event) => event.kind === 'note' && event.tag === NOTE_TAG);
  const first = notes[0];
  const kept = notes.length === (sim.world.marks[NOTE_TAG] ?? 0);
  if (first && kept) {
    return [{ check: STARVED_BY_OTHER, message: `At ${findingTime(first.timeMs)} ${first.text ?? 'a call found no free slot held by the other dependency'}`, timeMs: first.timeMs }];
  }
  const metric = (d: string) => metricTotal(sim.world.metrics, `${d}.healthy-failure`, 'rate');
  const who = DEPENDENCIES.filter((d) => metric(d) > 0).join(' and ');
  return [{
    check: STARVED_BY_OTHER,
    message: `calls to ${who} found no free slot because the other dependency's calls held the shared pool (between ${findingTime(sinceMs)} and ${findingTime(sim.world.timeMs)})`,
    timeMs: sinceMs + 1,
  }];
}

export const breakerRunChecks: RunChecks = {
  checks: [
    {
      name: STARVED_BY_OTHER,
      description: 'A call to one dependency is never refused a slot because the other dependency’s calls hold the shared pool (the “healthy calls failed by the other dependency” count stays 0).',
    },
  ],
  everyMs: 50,
  find,
};
