// The retries lab's guided tour. Each step completes on the lab's view of the engine (rounds of
// orders, the ledger, the clients' counts, the worker's experiment figures); "Do it for me" changes
// the settings, the network or the service.
import type { Frame } from '../../engine/frame';
import type { Tour, TourAction, TourStep } from '../../ui/tour/types';
import type { RetriesView, RoundView } from './checks';
import type { RetriesConfig } from './config';
import type { RetryPolicy } from './policy';

/** The lab's part of the frame, or null before it has one. */
export function retriesView(frame: Frame): RetriesView | null {
  const view = frame.labView as Partial<RetriesView> | null;
  return typeof view === 'object' && view !== null && typeof view.config === 'object' && view.totals !== undefined ? (view as RetriesView) : null;
}

const configure = (change: Partial<RetriesConfig>): TourAction => ({ do: 'lab', name: 'configure', ...change });

function server(frame: Frame): string {
  return frame.nodes[0]?.id ?? 'n1';
}

/** A round of every client placed under `policy` after the step began, all of whose orders are
 * done (a client still busy at a boundary sits a round out, leaving it partial). */
function finishedRound(frame: Frame, start: Frame, policy: RetryPolicy): RoundView | undefined {
  const view = retriesView(frame);
  return view?.rounds.find((round) => round.policy === policy && round.finishedAtMs !== null && round.startedAtMs >= start.timeMs && round.orders >= view.config.clients);
}

function describeRound(round: RoundView | undefined): string {
  if (!round) return '';
  return `${round.orders} orders took ${round.writes} conditional writes (${(round.writes / round.orders).toFixed(1)} per order) and ${round.finishedAtMs! - round.startedAtMs} ms`;
}

function roundStep(id: string, policy: RetryPolicy, title: string, narration: string, lookFor: string, note?: string): TourStep {
  return {
    id, title, narration,
    task: `Set the retry policy to ${policy} and wait for a round of orders to finish.`,
    lookFor,
    ...(note ? { note } : {}),
    doIt: { label: `retry with ${policy}`, actions: () => [configure({ policy, clients: 10, orderEveryMs: 1000, budgetPct: 0, deadlineMs: 0, idempotencyKey: true })] },
    done: (frame, start) => finishedRound(frame, start, policy) !== undefined,
    doneText: (frame, start) => `with ${policy}, ${describeRound(finishedRound(frame, start, policy))}`,
  };
}

const herd = roundStep(
  'herd', 'immediate', 'Clients that start together collide',
  'Every second each client places an order: read the account’s version, then charge $10 only if the version is unchanged. All ten start together, so one write wins and nine conflict; retrying at once, the nine collide again.',
  'The rounds table: about five writes per order, the losers racing each other round after round.',
);

const lockstep = roundStep(
  'lockstep', 'exponential', 'Exponential backoff without jitter: collisions in lockstep',
  'Now each client waits 5 ms · 2^k after its k-th conflict. The clients that collided all wait the same time, so they collide again — just later each time.',
  'Hardly fewer writes per order than retrying at once, and a round takes seconds, not milliseconds: later rounds start with only the clients that are free.',
  'Backoff without jitter spreads load out over time only when the failures were spread out already.',
);

const jitter = roundStep(
  'jitter', 'full-jitter', 'Full jitter: spread the retries out',
  'Full jitter waits a random time between 0 and 5 ms · 2^k: the same mean growth, but the colliding clients land at different moments and most of them find the account free.',
  'Fewer writes per order than either policy before, and rounds finish within a few hundred milliseconds.',
);

const experiment: TourStep = {
  id: 'experiment',
  title: 'The published experiment, rerun',
  narration:
    'The AWS Architecture Blog’s “Exponential Backoff And Jitter” raced N clients, each stopping after its first successful write. The chart under the side panels reruns it in the worker with this lab’s own actors: mean calls and completion time per strategy.',
  task: 'Raise the clients to 50.',
  lookFor: 'With no backoff, calls grow much faster than the clients; exponential is barely better and slowest of all; the jittered strategies cut the calls by half or more, full jitter the fewest.',
  note: 'Full jitter does the least work, decorrelated jitter finishes a little sooner. Neither wins on every figure; both beat backoff without jitter on both.',
  doIt: { label: 'raise the clients to 50', actions: () => [configure({ clients: 50, policy: 'full-jitter' })] },
  done: (frame) => {
    const view = retriesView(frame);
    return view !== null && view.config.clients === 50 && view.sweep?.clients === 50;
  },
  doneText: (frame) => {
    const rows = retriesView(frame)?.sweep?.rows ?? [];
    return `with 50 clients: ${rows.map((row) => `${row.strategy} ${Math.round(row.meanCalls)} calls in ${Math.round(row.meanTimeMs)} ms`).join('; ')}`;
  },
};

const lostReply: TourStep = {
  id: 'lost-reply',
  title: 'A lost reply, retried: charged twice',
  narration:
    'Turn the idempotency keys off and lose a quarter of the messages. When a charge goes through but its reply is lost, the client times out and sends the same write again; it conflicts (the version moved — because of its own charge), so the client reads again and charges again.',
  task: 'Turn idempotency keys off and drop 25% of messages.',
  lookFor: 'The charged-once invariant fires and the ledger names the order charged twice.',
  note: 'The conditional write made exact duplicates harmless; what charged twice was the client’s retry logic, which could not tell “my write failed” from “my reply was lost”.',
  doIt: { label: 'turn keys off and drop 25% of messages', actions: () => [configure({ clients: 10, idempotencyKey: false, policy: 'full-jitter' }), { do: 'network', drop: 0.25 }] },
  done: (frame, start) => (retriesView(frame)?.account?.duplicates ?? 0) > (retriesView(start)?.account?.duplicates ?? 0),
  doneText: (frame) => {
    const item = retriesView(frame)?.duplicated.at(-1);
    return item ? `${item.client}#${item.order} was charged ${item.times} times for one order` : 'an order was charged twice';
  },
};

const idempotencyKey: TourStep = {
  id: 'idempotency-key',
  title: 'An idempotency key makes the retry safe',
  narration: 'Turn the keys back on: each write carries its order’s key, and the service answers a key it has charged already with “charged” instead of charging again.',
  task: 'Turn idempotency keys on, with messages still being lost.',
  lookFor: 'Retried writes answered from the ledger, and no new duplicate charges.',
  doIt: { label: 'turn idempotency keys on', actions: () => [configure({ idempotencyKey: true })] },
  done: (frame, start) => {
    const now = retriesView(frame);
    const before = retriesView(start);
    return now !== null && now.config.idempotencyKey && (now.account?.replays ?? 0) > (before?.account?.replays ?? 0) && (now.account?.duplicates ?? 0) === (before?.account?.duplicates ?? 0);
  },
  doneText: (frame, start) => `${(retriesView(frame)?.account?.replays ?? 0) - (retriesView(start)?.account?.replays ?? 0)} retried writes found their key charged already, and nothing was charged twice`,
};

const budget: TourStep = {
  id: 'budget',
  title: 'A retry budget stops a retry storm',
  narration:
    'Crash the service and retry at once: every client resends as soon as a call times out, for as long as the outage lasts. A retry budget lets each client retry at most 10% of its calls (plus a small burst it has saved), then gives up.',
  task: 'Retry at once with a 10% budget, heal the network and crash the service.',
  lookFor: 'The calls chart: the retries fall away once the budgets are spent, and orders are given up fast instead of piling up.',
  note: 'A budget sheds retries exactly when the service is least able to take them; without one, retries multiply the load of an outage.',
  doIt: { label: 'set a 10% budget and crash the service', actions: (frame) => [{ do: 'network', drop: 0 }, configure({ policy: 'immediate', budgetPct: 10 }), { do: 'crash', node: server(frame) }] },
  done: (frame, start) => (retriesView(frame)?.totals.denied ?? 0) > (retriesView(start)?.totals.denied ?? 0),
  doneText: (frame, start) => `the budget refused ${(retriesView(frame)?.totals.denied ?? 0) - (retriesView(start)?.totals.denied ?? 0)} retries`,
};

const deadline: TourStep = {
  id: 'deadline',
  title: 'Deadlines, propagated: no work for callers who left',
  narration:
    'Give every order a 500 ms deadline and send it with each call. Restart the service and pause it for two seconds: requests pile up in its socket, and by the time it reads them their callers have given up.',
  task: 'Set a propagated 500 ms deadline, restart the service and pause it.',
  lookFor: 'The service refuses the expired writes instead of charging orders whose clients reported them failed.',
  note: 'The deadline is a time on the client’s clock: comparing it on the service assumes the clocks agree. Propagating a remaining duration instead (as gRPC does) avoids the clocks but not the time a request waits unread.',
  doIt: {
    label: 'set a propagated deadline, restart and pause the service',
    actions: (frame) => [
      { do: 'restart', node: server(frame) },
      configure({ policy: 'full-jitter', budgetPct: 0, deadlineMs: 500, propagateDeadline: true }),
      { do: 'pause', node: server(frame), durationMs: 2000 },
    ],
  },
  done: (frame, start) => (retriesView(frame)?.account?.expired ?? 0) > (retriesView(start)?.account?.expired ?? 0),
  doneText: (frame, start) => `the service refused ${(retriesView(frame)?.account?.expired ?? 0) - (retriesView(start)?.account?.expired ?? 0)} writes whose deadline had passed`,
};

export const retriesTour: Tour = {
  id: 'retries',
  title: 'Retries: backoff, jitter, budgets, deadlines and idempotency',
  steps: [herd, lockstep, jitter, experiment, lostReply, idempotencyKey, budget, deadline],
};
