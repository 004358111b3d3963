// The locks lab's guided tour, after Kleppmann's "How to do distributed locking": a holder paused
// past its lease writes over its successor; fencing tokens stop it; Redlock does not help against
// pauses, and a clock jump on its lock nodes breaks it without any pause; Redlock has no real
// fencing tokens; the lock service itself was a correct mutex all along. Each "Do it for me" is
// computed from the frame's lab view (who holds the lock, on which nodes); each step completes on
// the storage's ledger or the mutex checker's verdict in the frame.
import type { Frame } from '../../engine/frame';
import type { Tour, TourAction, TourStep } from '../../ui/tour/types';
import { describeSection, type Access } from './checks';
import type { LocksView } from './projection';
import { majorityOf, type LocksSettings } from './settings';

/** The lab's part of the frame, or null before it has one. */
export function locksView(frame: Frame): LocksView | null {
  const view = frame.labView as Partial<LocksView> | null;
  return typeof view === 'object' && view !== null && typeof view.settings === 'object' ? (view as LocksView) : null;
}

const configure = (change: Partial<LocksSettings>): TourAction => ({ do: 'lab', name: 'configure', ...change });

/** The client to pause: one in its work (a pause there does the damage), else any holder, else c1. */
export function holderToPause(frame: Frame): string {
  const view = locksView(frame);
  return view?.working ?? view?.holders[0] ?? 'c1';
}

/** The frame's lab view as it will be once a new lease length is configured (for the pause that
 * goes with it). */
function withLease(frame: Frame, leaseMs: number): LocksView | null {
  const view = locksView(frame);
  return view && { ...view, settings: { ...view.settings, leaseMs } };
}

function pauseHolder(frame: Frame): TourAction {
  const leaseMs = locksView(frame)?.settings.leaseMs ?? 500;
  return { do: 'pause', node: holderToPause(frame), durationMs: leaseMs * 3 };
}

/** A majority of the lock nodes that hold the working client's lease (all of Redlock's nodes if
 * none does yet), to jump their clocks forward past the lease. */
export function nodesToJump(frame: Frame): string[] {
  const view = locksView(frame);
  if (!view) return [];
  const used = view.leases.filter((lease) => lease.used);
  const holder = view.working ?? view.holders[0] ?? null;
  const holding = used.filter((lease) => lease.client !== null && lease.client === holder);
  const pool = holding.length > 0 ? holding : used;
  return pool.slice(0, majorityOf(used.length)).map((lease) => lease.node);
}

function storageCount(frame: Frame, field: 'doubleWrites' | 'rejected'): number {
  return locksView(frame)?.storage?.[field] ?? 0;
}

function describeDouble(access: Access | null | undefined): string {
  if (!access) return 'two clients wrote in one critical section';
  return `the storage took ${access.client}'s write of ${access.value} (token ${access.token}) after ${describeSection(access.during)} had begun: two writers in one critical section`;
}

function describeRejected(access: Access | null | undefined): string {
  if (!access) return 'the storage rejected a stale token';
  return `the storage rejected ${access.client}'s ${access.op} with token ${access.token}: it had already seen token ${access.highest}`;
}

function pausedSince(frame: Frame, start: Frame): boolean {
  return frame.faults.some((fault) => fault.kind === 'pause' && fault.timeMs >= start.timeMs);
}

const pausedHolder: TourStep = {
  id: 'paused-holder',
  title: 'A holder paused past its lease',
  narration:
    'Three clients take turns on one lock node’s lease, and under it read the counter in storage, work on it, and write it back plus one. A lease expires on the lock node’s clock whether or not its holder is done: that is what keeps a crashed holder from blocking everyone forever.',
  task: 'Turn fencing off and pause the client that holds the lock for three lease lengths — a stop-the-world GC pause.',
  lookFor: 'The lease runs out and the next client takes the lock. The paused one wakes, does not know, and writes its stale value: a double write, and the counter loses an increment.',
  note: 'Checking the lease again right before writing would not close the gap: the pause, or a slow network, can fall between the check and the write’s arrival at the storage.',
  doIt: { label: 'turn fencing off and pause the lock holder', actions: (frame) => [configure({ service: 'single', fencing: false }), pauseHolder(frame)] },
  done: (frame, start) => locksView(frame)?.settings.fencing === false && storageCount(frame, 'doubleWrites') > storageCount(start, 'doubleWrites'),
  doneText: (frame) => describeDouble(locksView(frame)?.storage?.lastDouble),
};

const fencing: TourStep = {
  id: 'fencing',
  title: 'Fencing tokens reject the stale write',
  narration:
    'Each grant comes with a fencing token, one higher than the last. The client sends it with every read and write, and the storage remembers the highest it has accepted and refuses anything lower.',
  task: 'Turn fencing on and pause the lock holder again.',
  lookFor: 'When the paused client wakes, its write carries an older token than its successor’s: the storage rejects it, and the counter stays right.',
  note: 'The safety now lives in the storage, not in the lock: the lock only makes conflicts rare, the token makes them harmless. It needs a storage that can check tokens, and tokens that only go up.',
  doIt: { label: 'turn fencing on and pause the lock holder', actions: (frame) => [configure({ fencing: true }), pauseHolder(frame)] },
  done: (frame, start) => locksView(frame)?.settings.fencing === true && storageCount(frame, 'rejected') > storageCount(start, 'rejected'),
  doneText: (frame) => describeRejected(locksView(frame)?.storage?.lastRejected),
};

const redlockPause: TourStep = {
  id: 'redlock-pause',
  title: 'Redlock: five lock nodes, the same pause',
  narration:
    'Redlock asks five independent lock nodes and counts the lock as held when a majority granted it in time, minus an allowance for clock drift. It survives a lock node crashing — but nothing about five nodes stops a client from being paused.',
  task: 'Switch to Redlock with fencing off, make the work longer (a 1 s lease, 500 ms of work, so the next step has time to show), and pause the lock holder.',
  lookFor: 'The holder’s leases run out on all its nodes, another client gets a majority, and the paused one writes anyway: double writes again.',
  doIt: { label: 'switch to Redlock without fencing, lengthen lease and work, and pause the lock holder', actions: (frame) => [configure({ service: 'redlock', fencing: false, leaseMs: 1000, workMs: 500 }), pauseHolder({ ...frame, labView: withLease(frame, 1000) })] },
  done: (frame, start) => locksView(frame)?.settings.service === 'redlock' && storageCount(frame, 'doubleWrites') > storageCount(start, 'doubleWrites'),
  doneText: (frame) => `with Redlock, ${describeDouble(locksView(frame)?.storage?.lastDouble)}`,
};

const clockJump: TourStep = {
  id: 'clock-jump',
  title: 'Redlock trusts clocks: a jump breaks it without a pause',
  narration:
    'Redlock’s lease ends by each lock node’s own clock. If the clocks of a majority of the holder’s nodes jump forward — an NTP step, an operator fixing the time — those nodes think the lease is over while the holder, by its own clock, still has it.',
  task: 'Jump the clocks of a majority of the holder’s lock nodes forward by two lease lengths. No pause this time.',
  lookFor: 'Another client gets a majority from the jumped nodes while the holder is still working: two clients believe they hold the lock, and the storage takes a double write.',
  note: 'Redlock is safe only if pauses, network delays and clock errors stay small compared with the lease — a timing assumption. A lock for correctness needs fencing, and fencing needs tokens Redlock does not give.',
  doIt: { label: 'jump a majority of the holder’s lock nodes’ clocks forward', actions: (frame) => nodesToJump(frame).map((node): TourAction => ({ do: 'skew', node, offsetMs: 2 * (locksView(frame)?.settings.leaseMs ?? 500) + (frame.nodes.find((n) => n.id === node)?.clockSkewMs ?? 0) })) },
  done: (frame, start) => locksView(frame)?.settings.service === 'redlock' && !pausedSince(frame, start) && storageCount(frame, 'doubleWrites') > storageCount(start, 'doubleWrites'),
  doneText: (frame) => `after a clock jump, with no pause: ${describeDouble(locksView(frame)?.storage?.lastDouble)}`,
};

const redlockTokens: TourStep = {
  id: 'redlock-tokens',
  title: 'Redlock has no fencing tokens',
  narration:
    'Each Redlock node counts its own grants; different majorities see different counts. The best a client can use as a token is the highest count among its majority — not unique, and not increasing from one holder to the next.',
  task: 'Turn fencing on with Redlock, go back to a 500 ms lease and 100 ms of work, and watch the storage.',
  lookFor: 'The storage rejects requests from clients that hold the lock legitimately, because an earlier holder happened to carry a higher count. Safe, but only by refusing honest work.',
  note: 'Real fencing tokens come from a consensus system — ZooKeeper’s zxid or a znode version, etcd’s revision — which numbers grants in one total order.',
  doIt: { label: 'turn fencing on with Redlock, back to the first timings', actions: () => [configure({ service: 'redlock', fencing: true, leaseMs: 500, workMs: 100 })] },
  done: (frame, start) => locksView(frame)?.settings.service === 'redlock' && locksView(frame)?.settings.fencing === true && storageCount(frame, 'rejected') > storageCount(start, 'rejected'),
  doneText: (frame) => `with Redlock's stand-in tokens, ${describeRejected(locksView(frame)?.storage?.lastRejected)}`,
};

const serviceWasFine: TourStep = {
  id: 'service-was-fine',
  title: 'The lock service was a correct mutex all along',
  narration:
    'Every lock node recorded its grants and releases (and expiries) as a mutex history, and the platform’s mutex checker has been checking it. From the lock service’s own point of view nothing ever went wrong: no lock was granted while held.',
  task: 'Go back to one lock node with fencing on and the first timings, and pause the holder once more.',
  lookFor: 'The mutex verdict stays “linearizable” through every double write you caused. The bugs were in what clients assumed about time, and fencing at the storage is what made the data safe.',
  doIt: { label: 'one lock node, fencing on, first timings, pause the lock holder', actions: (frame) => [configure({ service: 'single', fencing: true, leaseMs: 500, workMs: 100 }), pauseHolder({ ...frame, labView: withLease(frame, 500) })] },
  done: (frame, start) => {
    const view = locksView(frame);
    return view !== null && view.settings.service === 'single' && view.settings.fencing && view.mutex.linearizable === true && storageCount(frame, 'rejected') > storageCount(start, 'rejected');
  },
  doneText: (frame) => {
    const view = locksView(frame);
    return `${describeRejected(view?.storage?.lastRejected)}; the mutex checker found the lock service linearizable over ${view?.mutex.operations ?? 0} grants and releases`;
  },
};

export const locksTour: Tour = {
  id: 'locks',
  title: 'Distributed locks: leases, pauses, Redlock and fencing',
  steps: [pausedHolder, fencing, redlockPause, clockJump, redlockTokens, serviceWasFine],
};
