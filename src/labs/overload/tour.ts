// The overload lab's guided tour: watch a two-second slowdown leave aggressive retries stuck in a
// collapse, see that backoff with jitter does not get the service out of it, then get out with a
// retry budget, with queue-length shedding on the servers, and with a circuit breaker. Each step
// completes on the lab's live phase (frame.labView), computed in the worker from engine metrics.
import type { Frame } from '../../engine/frame';
import type { Tour, TourAction, TourStep } from '../../ui/tour/types';
import type { OverloadSettings } from './params';
import type { OverloadView } from './view';

/** The trigger "Do it for me" fires: every server four times slower for two seconds. */
export const TOUR_SLOWDOWN = { factor: 4, forMs: 2000 } as const;

/** The lab's part of the frame, or null before it has one. */
export function overloadViewOf(frame: Frame): OverloadView | null {
  const view = frame.labView as Partial<OverloadView> | null;
  return typeof view === 'object' && view !== null && typeof view.live === 'object' && typeof view.settings === 'object' ? (view as OverloadView) : null;
}

const configure = (change: Partial<OverloadSettings>): TourAction => ({ do: 'lab', name: 'configure', ...change });
const slowDown: TourAction = { do: 'lab', name: 'slowDown', ...TOUR_SLOWDOWN };

const percent = (x: number) => `${Math.round(x * 100)}%`;
const perSec = (x: number) => `${Math.round(x)}/s`;

/** The live window lies wholly after the settings last changed, and after `sinceMs`. */
function judgedSince(view: OverloadView, sinceMs: number): boolean {
  const w = view.live.window;
  return w !== null && w.fromSec * 1000 >= Math.max(sinceMs, view.configuredAtMs);
}

/** A slowdown began at or after `sinceMs` and is over, and the live window lies wholly after it. */
function recoveredFromSlowdownSince(view: OverloadView, sinceMs: number): boolean {
  const w = view.live.window;
  const trigger = view.slowdowns.filter((s) => s.fromMs >= sinceMs).at(-1);
  return w !== null && trigger !== undefined && trigger.toMs <= w.fromSec * 1000 && view.live.phase === 'healthy';
}

/** What the live window shows, as a sentence's end. */
function liveFigures(view: OverloadView): string {
  const { live, capacity } = view;
  return `clients sent ${perSec(live.demand)} new requests and ${perSec(live.offered)} attempts in all; goodput ${perSec(live.goodput)} (${percent(live.goodput / capacity)} of capacity), wasted work ${perSec(live.wasted)}`;
}

const collapse: TourStep = {
  id: 'collapse',
  title: 'A short slowdown, a long outage',
  narration:
    'Four clients send new requests at 85% of what the two servers can finish, each attempt with a 250 ms timeout and up to three immediate retries. At 2 s every server slows down four times for two seconds.',
  task: 'Play, and watch the charts after the slowdown ends (or let “Do it for me” slow the servers down now).',
  lookFor:
    'Capacity drops and comes back, but goodput does not: the queues stay full, every answer arrives after its client gave up (wasted work), and each failure sends up to three more attempts.',
  note:
    'This is a metastable failure (Bronson et al., HotOS 2021): the trigger is gone, and the retries it set off now keep the overload going by themselves. Without retries this service recovers on its own.',
  doIt: { label: 'slow every server down 4× for 2 s', actions: () => [slowDown] },
  done: (frame) => overloadViewOf(frame)?.live.phase === 'metastable',
  doneText: (frame) => {
    const view = overloadViewOf(frame)!;
    const ended = view.live.lastTrigger ? `${(view.live.lastTrigger.toMs / 1000).toFixed(1)} s` : 'earlier';
    return `the slowdown ended at ${ended}, and over ${view.live.window!.fromSec}–${view.live.window!.toSec} s ${liveFigures(view)}: metastable`;
  },
};

const stuck = (view: OverloadView | null) => view !== null && ['metastable', 'overloaded', 'slowed'].includes(view.live.phase);

const backoff: TourStep = {
  id: 'backoff',
  title: 'Backoff and jitter do not get it out',
  narration:
    'The usual advice is exponential backoff with jitter. It spreads retries out in time, so they stop arriving in synchronised waves — but every failed request still makes its four attempts.',
  task: 'Switch the clients to backoff with jitter and keep playing.',
  lookFor: 'Offered load stays far above capacity, goodput stays near zero.',
  note: 'Backoff lowers the peak rate of retries, not their number: with clients that keep sending new work (an open loop), it cannot bring the load under capacity.',
  doIt: {
    label: 'switch to backoff with jitter (and slow down again if the service has recovered)',
    actions: (frame) => [configure({ retry: 'backoff-jitter', budget: 'off', shed: 'none', order: 'fifo', breaker: false }), ...(stuck(overloadViewOf(frame)) ? [] : [slowDown])],
  },
  done: (frame, start) => {
    const view = overloadViewOf(frame);
    return view !== null && view.settings.retry === 'backoff-jitter' && view.settings.budget === 'off' && judgedSince(view, start.timeMs) && view.live.phase === 'metastable';
  },
  doneText: (frame) => `with backoff and jitter, ${liveFigures(overloadViewOf(frame)!)}: still collapsed`,
};

const budget: TourStep = {
  id: 'budget',
  title: 'A retry budget ends the storm',
  narration:
    'A retry budget (gRPC’s retry throttling) gives each client a bucket of ten tokens: a failed attempt costs one, a success earns 0.1, and the client retries only while the bucket is more than half full. When most attempts fail, retries stop.',
  task: 'Give the clients a retry budget of 0.1.',
  lookFor: 'Retries drop to almost nothing, the queues drain, and goodput climbs back to the offered load.',
  note: 'The budget costs nothing when the service is healthy (successes refill it) and caps retries at about a tenth of successes when it is not. A budget counted as a share of all requests instead would still add load during an outage.',
  doIt: { label: 'set a retry budget of 0.1', actions: () => [configure({ retry: 'backoff-jitter', budget: 0.1 })] },
  done: (frame, start) => {
    const view = overloadViewOf(frame);
    return view !== null && view.settings.budget !== 'off' && judgedSince(view, start.timeMs) && view.live.phase === 'healthy';
  },
  doneText: (frame) => {
    const view = overloadViewOf(frame)!;
    return `with a retry budget of ${view.settings.budget}, over ${view.live.window!.fromSec}–${view.live.window!.toSec} s ${liveFigures(view)}: recovered`;
  },
};

const shedding: TourStep = {
  id: 'shedding',
  title: 'Or shed load at the server',
  narration:
    'The fix can live on the server too. Back to aggressive retries with no budget, but each server now refuses a request when eight are already waiting — a queue short enough that what it admits finishes before its client’s timeout.',
  task: 'Turn on queue-length shedding with aggressive retries, and slow the servers down again.',
  lookFor: 'Refusals climb during the slowdown, but the queue never fills with requests nobody waits for, and goodput comes back when the slowdown ends.',
  note: 'A refusal costs the server almost nothing, and an immediate retry of it usually lands in a queue that has room. Dropping requests whose deadline has passed helps less with a first-in-first-out queue: try deadline shedding with and without adaptive LIFO in the sandbox.',
  doIt: {
    label: 'aggressive retries, queue-length shedding, and a 4× slowdown for 2 s',
    actions: () => [configure({ retry: 'aggressive', budget: 'off', shed: 'queue-length', order: 'fifo', breaker: false }), slowDown],
  },
  done: (frame, start) => {
    const view = overloadViewOf(frame);
    return view !== null && view.settings.shed === 'queue-length' && view.settings.retry === 'aggressive' && view.settings.budget === 'off' && view.configuredAtMs >= start.timeMs && recoveredFromSlowdownSince(view, start.timeMs);
  },
  doneText: (frame, start) => {
    const view = overloadViewOf(frame)!;
    return `the servers refused ${view.totals.shed - (overloadViewOf(start)?.totals.shed ?? 0)} requests since the switch; after the slowdown ${liveFigures(view)}: recovered`;
  },
};

const breaker: TourStep = {
  id: 'breaker',
  title: 'Or let the clients back off together: a circuit breaker',
  narration:
    'A circuit breaker on each client watches its last twenty attempts. When half of them failed, it opens: for one second requests fail at once without being sent, then a single probe tests the service.',
  task: 'Turn shedding off and the circuit breaker on, and slow the servers down again.',
  lookFor: '“Gave up” jumps while the breakers are open and the offered load falls below capacity; the queues drain and the probes close the breakers again.',
  note: 'The breaker trades errors for recovery: while it is open, requests that the service might have answered fail too. It protects the service, not each request.',
  doIt: {
    label: 'aggressive retries with a circuit breaker, and a 4× slowdown for 2 s',
    actions: () => [configure({ retry: 'aggressive', budget: 'off', shed: 'none', order: 'fifo', breaker: true }), slowDown],
  },
  done: (frame, start) => {
    const view = overloadViewOf(frame);
    const before = overloadViewOf(start)?.totals.fastFailed ?? 0;
    return view !== null && view.settings.breaker && view.settings.shed === 'none' && view.configuredAtMs >= start.timeMs && view.totals.fastFailed > before && recoveredFromSlowdownSince(view, start.timeMs);
  },
  doneText: (frame, start) => {
    const view = overloadViewOf(frame)!;
    return `open breakers failed ${view.totals.fastFailed - (overloadViewOf(start)?.totals.fastFailed ?? 0)} requests without sending them; after the slowdown ${liveFigures(view)}: recovered`;
  },
};

export const overloadTour: Tour = {
  id: 'overload',
  title: 'Overload: how retries keep a service down, and three ways out',
  steps: [collapse, backoff, budget, shedding, breaker],
};
