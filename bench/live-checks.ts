// The CAP lab's live checks per frame early in a run and after an hour of virtual time: the
// whole-window check as it was (the latest 1,500 operations paired and searched again whenever
// the history grows) against the incremental one (only what was added since the last frame).
//   - frame: CapChecks.summarize, all a frame's checks (linearizability, the consistency map and
//     session guarantees over the latest 1,500 operations, convergence, availability);
//   - linearizability: pairing the history and its linearizability check alone.
// A frame is 50 ms of virtual time, and only frames in which the history grew are timed (the
// others cost nothing either way). The incremental side has followed the run (a check every
// virtual second) as the page's worker would; the whole-window side needs no past. CPU time,
// median of the frames, in a CP run from seed 1 with random faults (the window is the whole run)
// and one without. Also: the incremental side's first check from scratch at the end (a seek).
//   tsx bench/live-checks.ts [--hours H] [--frames N] [--json]
import path from 'node:path';
import { checkLinearizability, IncrementalLinearizability, OperationPairing, pairOperations } from '../src/checkers/index';
import { recentOperations } from '../src/checkers/recent';
import { Session } from '../src/engine/session';
import { CapChecks, LIVE_BUDGET_STEPS, LIVE_MAX_OPS, type CheckSummary } from '../src/labs/cap/checks';
import { labById } from '../src/labs/registry';
import { toWorldConfig } from '../src/scenarios/catalog';
import { planScenario } from '../src/scenarios/headless';

export interface LiveCheckPoint {
  atS: number;
  historyEvents: number;
  windowOps: number;
  /** CapChecks.summarize per frame. */
  frame: { wholeMs: number; incrementalMs: number };
  /** Pairing and the linearizability check alone per frame. */
  linearizability: { wholeMs: number; incrementalMs: number };
  verdicts: { whole: CheckSummary['linearizable']; incremental: CheckSummary['linearizable'] };
}

export interface LiveCheckFigures {
  scenario: string;
  points: LiveCheckPoint[];
  /** The incremental side's first check of the whole window after the last point (a seek). */
  catchUpMs: number;
}

const FRAME_MS = 50;
const FOLLOW_EVERY_MS = 1000;

function cpuMs(run: () => void): number {
  const started = process.cpuUsage();
  run();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length === 0 ? 0 : sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

/** The linearizability check of a frame as the whole-window check did it (a CP run with no
 * switch: the window is the whole history). */
function wholeWindowLinearizability(sessionHistory: Session['simulation']['world']['history']) {
  const paired = pairOperations(sessionHistory);
  if (!paired.ok) throw new Error(paired.error.message);
  const { kept, dropped } = recentOperations(paired.operations, LIVE_MAX_OPS);
  return checkLinearizability(kept, { budgetSteps: LIVE_BUDGET_STEPS, initialState: dropped > 0 ? 'unknown' : 'nil' }).valid;
}

function benchScenario(name: string, faults: 'random' | 'none', atS: number[], frames: number): LiveCheckFigures {
  const untilMs = Math.max(...atS) * 1000 + frames * FRAME_MS * 20 + 1000;
  const scenario = planScenario({ lab: 'cap', seed: 1, untilMs, faults, params: { mode: 'cp' } });
  const session = new Session(labById('cap').system, toWorldConfig(scenario), scenario.actions);
  const incremental = new CapChecks();
  let pairing = new OperationPairing();
  let followed = new IncrementalLinearizability({ tailBudgetSteps: LIVE_BUDGET_STEPS });
  let droppedSeen = 0;
  const follow = () => {
    // The engine drops the oldest events of a long history: start over (as CapChecks does).
    if (session.simulation.world.historyDropped !== droppedSeen) {
      droppedSeen = session.simulation.world.historyDropped;
      pairing = new OperationPairing();
      followed = new IncrementalLinearizability({ initialState: 'unknown', tailBudgetSteps: LIVE_BUDGET_STEPS });
    }
    const paired = pairing.update(session.simulation.world.history);
    if (!paired.ok) throw new Error(paired.error.message);
    return followed.update(paired.operations).valid;
  };
  const points: LiveCheckPoint[] = [];
  for (const at of atS) {
    // Follow the run up to the point as the worker would, a check per virtual second.
    for (let t = session.timeMs + FOLLOW_EVERY_MS; t <= at * 1000; t += FOLLOW_EVERY_MS) {
      session.advanceTo(t);
      incremental.summarize(session.simulation);
      follow();
    }
    const whole = new CapChecks({ incremental: false });
    const times = { frameWhole: [] as number[], frameIncremental: [] as number[], linWhole: [] as number[], linIncremental: [] as number[] };
    const verdicts = { whole: 'unknown' as CheckSummary['linearizable'], incremental: 'unknown' as CheckSummary['linearizable'] };
    let now = at * 1000;
    for (let frame = 0; frame < frames; frame++) {
      // The next frame in which the history grew.
      const length = session.simulation.world.history.length;
      for (let step = 0; step < 20 && session.simulation.world.history.length === length; step++) session.advanceTo((now += FRAME_MS));
      // Alternate which side goes first, so neither always runs on a warmer cache.
      const sides = [
        () => times.frameWhole.push(cpuMs(() => (verdicts.whole = whole.summarize(session.simulation).linearizable))),
        () => times.frameIncremental.push(cpuMs(() => (verdicts.incremental = incremental.summarize(session.simulation).linearizable))),
        () => times.linWhole.push(cpuMs(() => wholeWindowLinearizability(session.simulation.world.history))),
        () => times.linIncremental.push(cpuMs(() => follow())),
      ];
      if (frame % 2) sides.reverse();
      for (const side of sides) side();
    }
    points.push({
      atS: at,
      historyEvents: session.simulation.world.history.length,
      windowOps: incremental.summarize(session.simulation).checkedOps,
      frame: { wholeMs: round(median(times.frameWhole)), incrementalMs: round(median(times.frameIncremental)) },
      linearizability: { wholeMs: round(median(times.linWhole)), incrementalMs: round(median(times.linIncremental)) },
      verdicts,
    });
  }
  const fresh = new CapChecks();
  const catchUpMs = round(cpuMs(() => fresh.summarize(session.simulation)));
  return { scenario: name, points, catchUpMs };
}

export function benchLiveChecks(options: { hours?: number; frames?: number } = {}): LiveCheckFigures[] {
  const atS = [60, Math.round((options.hours ?? 1) * 3600)];
  const frames = options.frames ?? 30;
  return [benchScenario('CP, random faults', 'random', atS, frames), benchScenario('CP, no faults', 'none', atS, frames)];
}

export function printLiveChecks(figures: LiveCheckFigures[]): void {
  console.log(`CAP live checks per frame, seed 1 (CPU ms, median of frames ${FRAME_MS} ms of virtual time apart in which the history grew): whole window as before → incremental`);
  for (const f of figures) {
    console.log(`  ${f.scenario}:`);
    for (const p of f.points) {
      console.log(`    at ${p.atS} s (${p.historyEvents.toLocaleString('en')} events, window ${p.windowOps.toLocaleString('en')} operations): frame ${p.frame.wholeMs} → ${p.frame.incrementalMs} ms; linearizability alone ${p.linearizability.wholeMs} → ${p.linearizability.incrementalMs} ms (verdicts ${p.verdicts.whole} → ${p.verdicts.incremental})`);
    }
    console.log(`    incremental, first check from scratch at the end (after a seek): ${f.catchUpMs} ms`);
  }
}

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url.endsWith(path.basename(process.argv[1]));
if (invokedDirectly) {
  const figures = benchLiveChecks({ hours: option('--hours') ? Number(option('--hours')) : undefined, frames: option('--frames') ? Number(option('--frames')) : undefined });
  if (process.argv.includes('--json')) console.log(JSON.stringify(figures));
  else printLiveChecks(figures);
}
