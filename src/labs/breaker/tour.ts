// The breaker lab's guided tour: a shared pool drained by a slow dependency, bulkheads that
// contain it, the breaker's three states with their causes, and the timeout trade-off. Each step
// completes on the lab's frame data (breaker records and whole-run counts from the engine) and
// "Do it for me" sends the lab actions that set it up.
import type { Frame } from '../../engine/frame';
import type { Tour, TourAction, TourStep } from '../../ui/tour/types';
import type { EdgeId } from './breaker.machine';
import type { BreakerView, DependencyView, Totals } from './checks';
import type { ClientConfig, DependencyMode, DependencyName } from './params';

/** The lab's part of the frame, or null before it has one. */
export function breakerView(frame: Frame): BreakerView | null {
  const view = frame.labView as Partial<BreakerView> | null;
  return typeof view === 'object' && view !== null && Array.isArray(view.dependencies) ? (view as BreakerView) : null;
}

function dep(frame: Frame, name: DependencyName): DependencyView | null {
  return breakerView(frame)?.dependencies.find((d) => d.dependency === name) ?? null;
}

/** How much a whole-run count grew since the step began. */
function grew(frame: Frame, start: Frame, name: DependencyName, key: keyof Totals): number {
  return (dep(frame, name)?.totals[key] ?? 0) - (dep(start, name)?.totals[key] ?? 0);
}

function fired(frame: Frame, start: Frame, name: DependencyName, edge: EdgeId): boolean {
  const now = dep(frame, name)?.edges.find((e) => e.id === edge)?.times ?? 0;
  const before = dep(start, name)?.edges.find((e) => e.id === edge)?.times ?? 0;
  // A breaker rebuilt by a settings change starts its counts again: compare times when the edge fired.
  const at = dep(frame, name)?.edges.find((e) => e.id === edge)?.atMs ?? -1;
  return now > 0 && (now > before || at > start.timeMs);
}

function cause(frame: Frame, name: DependencyName, edge: EdgeId): string {
  return dep(frame, name)?.edges.find((e) => e.id === edge)?.cause ?? '';
}

const configure = (change: Partial<ClientConfig>): TourAction => ({ do: 'lab', name: 'configure', ...change });
const setMode = (dependency: DependencyName, mode: DependencyMode): TourAction => ({ do: 'lab', name: 'setDependency', dependency, mode });

/** The latest second's p99 latency of a dependency's calls, from the engine's metrics. */
function latestP99(frame: Frame, name: DependencyName): number {
  const points = frame.metrics[`${name}.latency`] ?? [];
  for (let i = points.length - 1; i >= 0; i--) if (points[i].max > 0) return Math.round(points[i].p99);
  return 0;
}

const sharedPool: TourStep = {
  id: 'shared-pool',
  title: 'One slow dependency drains a shared pool',
  narration:
    'The client calls A and B twenty times a second each. Every call holds a slot of the client’s pool until its answer comes or its timeout fires. Here there is one pool of 10 slots for both, no breaker, and B has turned slow: its answers take 1.5–2.5 s, so each of its calls holds a slot for the whole 1 s timeout.',
  task: 'Turn the bulkheads and the breaker off, make B slow, and play.',
  lookFor: 'B’s calls fill the shared pool (the slots turn B’s colour), and calls to A — which is perfectly healthy — are refused for lack of a slot: the “healthy calls failed by the other dependency” count climbs.',
  note: 'This is how one slow dependency takes a whole service down: not by failing, but by holding the threads, connections or slots everyone shares.',
  doIt: {
    label: 'turn bulkheads and breaker off and make B slow',
    actions: () => [configure({ bulkheads: false, breaker: false, timeoutMs: 1000 }), setMode('A', 'healthy'), setMode('B', 'slow')],
  },
  done: (frame, start) => {
    const view = breakerView(frame);
    return view !== null && !view.config.bulkheads && dep(frame, 'A')?.mode === 'healthy' && grew(frame, start, 'A', 'healthyFailures') >= 5;
  },
  doneText: (frame, start) =>
    `${grew(frame, start, 'A', 'healthyFailures')} calls to healthy A were refused a slot while B’s slow calls held the shared pool`,
};

const bulkheads: TourStep = {
  id: 'bulkheads',
  title: 'Bulkheads: a pool per dependency',
  narration:
    'A bulkhead gives each dependency its own pool (here 5 slots each), like the watertight compartments of a ship. B’s slow calls can fill B’s slots, never A’s.',
  task: 'Turn the bulkheads on and play.',
  lookFor: 'B’s calls beyond its 5 slots are refused at once (“rejected by bulkhead”), while A’s calls all succeed again.',
  note: 'Resilience4j’s SemaphoreBulkhead caps concurrent calls the same way (maxConcurrentCalls); a thread-pool bulkhead gives each dependency its own threads and queue. Here the breaker does not count a call the bulkhead refused; in Resilience4j’s default order (the breaker around the bulkhead) it would count as a failure unless BulkheadFullException is ignored.',
  doIt: { label: 'turn the bulkheads on', actions: () => [configure({ bulkheads: true })] },
  done: (frame, start) =>
    breakerView(frame)?.config.bulkheads === true && grew(frame, start, 'B', 'rejectedBulkhead') >= 5 && grew(frame, start, 'A', 'success') >= 20,
  doneText: (frame, start) =>
    `B’s bulkhead refused ${grew(frame, start, 'B', 'rejectedBulkhead')} calls while A answered ${grew(frame, start, 'A', 'success')}: B’s trouble stays in B’s slots`,
};

const breakerOpens: TourStep = {
  id: 'breaker-opens',
  title: 'The breaker trips and fails fast',
  narration:
    'Bulkheads contain B, but every call to B still waits a full second to fail. A circuit breaker watches B’s last 10 calls; once at least 5 are in and half of them failed or were slow, it trips from CLOSED to OPEN.',
  task: 'Turn the breaker on and play.',
  lookFor: 'B’s statechart moves to OPEN, with the cause on arrow 1. Calls to B now fail at once (“rejected by breaker”) and hold no slot at all.',
  note: 'Failing fast is the point: the caller gets its answer in microseconds instead of a second, and B is not sent work it cannot do.',
  doIt: { label: 'turn the breaker on', actions: () => [configure({ breaker: true })] },
  done: (frame, start) => fired(frame, start, 'B', 'CLOSED>OPEN') && grew(frame, start, 'B', 'rejectedBreaker') >= 5,
  doneText: (frame, start) =>
    `B’s breaker opened (${cause(frame, 'B', 'CLOSED>OPEN')}); then ${grew(frame, start, 'B', 'rejectedBreaker')} calls to B failed fast`,
};

const halfOpen: TourStep = {
  id: 'half-open',
  title: 'HALF_OPEN: a few trial calls',
  narration:
    'After waiting 1 s in OPEN, the next call moves the breaker to HALF_OPEN and goes through as a trial; 3 trials are allowed, later calls are still refused. B is still slow, so the trials time out.',
  task: 'Keep B slow and play.',
  lookFor: 'Arrow 2 fires (OPEN → HALF_OPEN), then arrow 3 (HALF_OPEN → OPEN) with the trials’ failure rate as its cause.',
  note: 'Resilience4j moves to HALF_OPEN on the first call after the wait by default; with automaticTransitionFromOpenToHalfOpenEnabled a timer does it instead.',
  doIt: { label: 'keep B slow', actions: () => [setMode('B', 'slow')] },
  done: (frame, start) => fired(frame, start, 'B', 'HALF_OPEN>OPEN'),
  doneText: (frame) => `the trial calls failed and B’s breaker opened again: ${cause(frame, 'B', 'HALF_OPEN>OPEN')}`,
};

const recovers: TourStep = {
  id: 'recovers',
  title: 'B recovers: the trials pass and the breaker closes',
  narration: 'Make B healthy. The next time the breaker lets its trial calls through, they succeed, and it closes, starting a fresh window of calls.',
  task: 'Make B healthy and play.',
  lookFor: 'Arrow 4 fires (HALF_OPEN → CLOSED) with the trials’ rates as its cause, and B’s calls succeed again.',
  doIt: { label: 'make B healthy', actions: () => [setMode('B', 'healthy')] },
  done: (frame, start) => fired(frame, start, 'B', 'HALF_OPEN>CLOSED'),
  doneText: (frame) => `B’s breaker closed: ${cause(frame, 'B', 'HALF_OPEN>CLOSED')}`,
};

const longTimeout: TourStep = {
  id: 'long-timeout',
  title: 'A timeout too long holds the slots',
  narration:
    'Timeouts decide how long a call may hold its slot. Take the breaker away, make B slow again and raise the timeout to 5 s: now each call to B waits for B’s answer, 1.5–2.5 s.',
  task: 'Turn the breaker off, set a 5000 ms timeout, make B slow, and play.',
  lookFor: 'B’s p99 latency climbs past 1.5 s and its slots stay full longer, so more of its calls are refused by the bulkhead; the success-rate chart drops.',
  note: 'Slow answers do arrive (“slow success”), but every second a slot is held is a second it cannot serve anyone else.',
  doIt: { label: 'breaker off, 5000 ms timeout, B slow', actions: () => [configure({ breaker: false, timeoutMs: 5000 }), setMode('B', 'slow')] },
  done: (frame, start) => breakerView(frame)?.config.timeoutMs === 5000 && grew(frame, start, 'B', 'slow') >= 3 && latestP99(frame, 'B') >= 1500,
  doneText: (frame, start) =>
    `with a 5000 ms timeout B’s calls held their slots until B answered: ${grew(frame, start, 'B', 'slow')} slow successes, p99 ${latestP99(frame, 'B')} ms`,
};

const shortTimeout: TourStep = {
  id: 'short-timeout',
  title: 'A timeout too short fails healthy calls',
  narration: 'Now the other way: a 25 ms timeout frees slots quickly, but A — healthy, answering in 10–40 ms plus the network — often takes longer than that.',
  task: 'Set a 25 ms timeout and play.',
  lookFor: 'A’s calls start failing by timeout though A is fine: its success rate drops. Set the timeout just above the healthy p99 (see the latency chart) and the trade-off is balanced.',
  note: 'The same time limit is applied to every call; a time limit per dependency, taken from its measured latency, is the usual remedy.',
  doIt: { label: 'set a 25 ms timeout', actions: () => [configure({ timeoutMs: 25 }), setMode('A', 'healthy')] },
  done: (frame, start) => breakerView(frame)?.config.timeoutMs === 25 && dep(frame, 'A')?.mode === 'healthy' && grew(frame, start, 'A', 'timeout') >= 5,
  doneText: (frame, start) => `A is healthy, yet ${grew(frame, start, 'A', 'timeout')} of its calls ran into the 25 ms timeout and failed`,
};

export const breakerTour: Tour = {
  id: 'breaker',
  title: 'Breakers, bulkheads and timeouts',
  steps: [sharedPool, bulkheads, breakerOpens, halfOpen, recovers, longTimeout, shortTimeout],
};
