// The quorum lab's guided tour. Each step completes on the lab's checker findings (labView) or
// the client history in the frame; "Do it for me" sets the quorum, cuts links, skews a clock or
// sends a request, computed from the frame's servers and the ring's placement.
import type { Frame } from '../../engine/frame';
import type { HistoryEvent } from '../../engine/types';
import { byNodeNumber, hasCutLinks, serverNodes } from '../../ui/tour/cluster';
import type { Tour, TourAction, TourStep } from '../../ui/tour/types';
import { fallbacks, preferenceList, type QuorumConfig } from '../../protocols/dynamo/index';
import type { QuorumView } from './checks';

/** The key the tour writes by hand, which no workload client touches. */
export const PROBE_KEY = 'y';

/** The lab's part of the frame, or null before it has one. */
export function quorumView(frame: Frame): QuorumView | null {
  const view = frame.labView as Partial<QuorumView> | null;
  return typeof view === 'object' && view !== null && typeof view.config === 'object' ? (view as QuorumView) : null;
}

function servers(frame: Frame): string[] {
  return serverNodes(frame).map((node) => node.id).sort(byNodeNumber);
}

function n(frame: Frame): number {
  return quorumView(frame)?.config.n ?? 3;
}

const configure = (change: Partial<QuorumConfig>): TourAction => ({ do: 'lab', name: 'configure', ...change });

/** Splits `alone` from every other server. */
function isolate(frame: Frame, alone: string[]): TourAction {
  return { do: 'partition', groups: [alone, servers(frame).filter((id) => !alone.includes(id))] };
}

/** History events of key `key` completed at or after `sinceMs`. */
function completedSince(frame: Frame, sinceMs: number, key: string): HistoryEvent[] {
  return frame.history.filter((e) => e.type !== 'invoke' && (e.key ?? 'x') === key && (e.time ?? 0) >= sinceMs);
}

const staleRead: TourStep = {
  id: 'stale-read',
  title: 'W + R ≤ N: reads can miss writes',
  narration:
    'Each key lives on N servers. A write is acknowledged after W of them have it, a read answers after R of them reply. With W = 1 and R = 1 nothing forces the replica a read asks to be one the write reached.',
  task: 'Set W = 1 and R = 1, cut one of x’s replicas off, and play.',
  lookFor: 'The stale-read count climbs: a read returns a value older than a write that had already completed. The staleness plot shows how fresh reads are by time since the write.',
  note: 'Without the cut, W = R = 1 still returns stale reads, only more rarely: a read that arrives before the write’s copies do. The plot measures how often, by time since the write — Bailis et al.’s probabilistically bounded staleness.',
  doIt: {
    label: 'set W = 1, R = 1 and cut a replica off',
    actions: (frame) => [configure({ w: 1, r: 1 }), isolate(frame, [preferenceList('x', servers(frame), n(frame)).at(-1)!])],
  },
  done: (frame) => {
    const view = quorumView(frame);
    return view !== null && view.config.w + view.config.r <= view.config.n && view.staleReads > 0;
  },
  doneText: (frame) => `with W + R ≤ N, the checker found a stale read: ${quorumView(frame)?.stale.at(-1)?.sentence ?? ''}`,
};

const failedWrite: TourStep = {
  id: 'failed-write',
  title: 'W + R > N: a write that fails stays where it landed',
  narration:
    'Now W = 2 and R = 2 of N = 3, with no stand-ins: every read quorum meets every completed write. But a write that reaches fewer than W replicas is not rolled back. Cut one of y’s replicas off and write y through it.',
  task: 'Set a strict W = R = 2 with the repair mechanisms off, isolate y’s first replica and write y through it.',
  lookFor: 'The write gets no answer: the client times out and records its outcome as unknown, but the isolated replica keeps the value.',
  note: 'Read repair, hinted handoff and anti-entropy would copy that value to the other replicas sooner or later; they are off here so the gap stays open long enough to watch. With them on it is a race, not a cure.',
  doIt: {
    label: 'set a strict W = R = 2, isolate y’s first replica and write y there',
    actions: (frame) => {
      const [first] = preferenceList(PROBE_KEY, servers(frame), 3);
      return [
        { do: 'heal' },
        configure({ n: 3, w: 2, r: 2, sloppyQuorum: false, readRepair: false, hintedHandoff: false, antiEntropy: false }),
        isolate(frame, [first]),
        { do: 'request', node: first, op: { f: 'write', key: PROBE_KEY } },
      ];
    },
  },
  done: (frame, start) => completedSince(frame, start.timeMs, PROBE_KEY).some((e) => e.f === 'write' && e.type === 'info'),
  doneText: (frame, start) => {
    const write = completedSince(frame, start.timeMs, PROBE_KEY).find((e) => e.f === 'write' && e.type === 'info');
    return `the write ${PROBE_KEY}=${JSON.stringify(write?.value)} timed out: its outcome is unknown, and it stays on the isolated replica`;
  },
};

/** The value of the last write of y whose outcome is unknown. */
function failedValue(frame: Frame): unknown {
  return frame.history.filter((e) => e.type === 'info' && e.f === 'write' && e.key === PROBE_KEY).at(-1)?.value;
}

const readSeesIt: TourStep = {
  id: 'read-sees-it',
  title: 'Heal, and one read sees the failed write',
  narration: 'Heal the network and read y through its first replica. It asks itself and the next replica, and the newest of the two answers is the failed write.',
  task: 'Heal and read y through its first replica.',
  lookFor: 'The read returns the value whose write never succeeded.',
  doIt: {
    label: 'heal and read y through its first replica',
    actions: (frame) => [{ do: 'heal' }, { do: 'request', node: preferenceList(PROBE_KEY, servers(frame), 3)[0], op: { f: 'read', key: PROBE_KEY } }],
  },
  done: (frame, start) => completedSince(frame, start.timeMs, PROBE_KEY).some((e) => e.f === 'read' && e.type === 'ok' && e.value === failedValue(frame) && e.value !== undefined),
  doneText: (frame) => `a read of ${PROBE_KEY} returned ${JSON.stringify(failedValue(frame))}, the write that failed`,
};

const readMissesIt: TourStep = {
  id: 'read-misses-it',
  title: 'A later read does not: W + R > N is not linearizable',
  narration: 'Now read y through its second replica. It asks itself and the third, neither of which has the failed write, so it returns the older value — after another read had already returned the newer one.',
  task: 'Read y through its second replica.',
  lookFor: 'The linearizability checker’s verdict turns to “no”, with its sentence naming the reads.',
  note: 'Quorum overlap promises that a read sees every write that completed before it began. It says nothing about writes in flight or failed, so two reads in a row can go back in time: not linearizable, even with W + R > N.',
  doIt: { label: 'read y through its second replica', actions: (frame) => [{ do: 'request', node: preferenceList(PROBE_KEY, servers(frame), 3)[1], op: { f: 'read', key: PROBE_KEY } }] },
  done: (frame) => {
    const view = quorumView(frame);
    return view !== null && view.overlap && !view.config.sloppyQuorum && view.linearizable === false;
  },
  doneText: (frame) => `with W + R > N, the linearizability checker says: ${quorumView(frame)?.explanation?.sentence ?? 'not linearizable'}`,
};

const sloppyPartition: TourStep = {
  id: 'sloppy-partition',
  title: 'A sloppy quorum keeps writes available in a partition',
  narration:
    'Dynamo prefers to accept writes. With a sloppy quorum, when a replica does not answer, the next server on the ring stands in for it and keeps the write as a hint to hand over later. Cut y’s first replica and the spare servers off from y’s other two replicas, and write y through the first.',
  task: 'Turn the sloppy quorum and hinted handoff on, partition, and write y through its first replica.',
  lookFor: 'The write succeeds: a stand-in counted towards W (“sloppy writes”) and holds a hint for the replica it stood in for. Two steps ago, without stand-ins, the same write failed.',
  note: 'The write and read quorums no longer need to overlap: W of any servers is not W of the key’s replicas.',
  doIt: {
    label: 'turn the sloppy quorum on, partition and write y',
    actions: (frame) => {
      const all = servers(frame);
      const [first, ...others] = preferenceList(PROBE_KEY, all, 3);
      return [
        { do: 'heal' },
        configure({ n: 3, w: 2, r: 2, sloppyQuorum: true, hintedHandoff: true, readRepair: false, antiEntropy: false }),
        { do: 'partition', groups: [[first, ...fallbacks(PROBE_KEY, all, 3)], others] },
        { do: 'request', node: first, op: { f: 'write', key: PROBE_KEY } },
      ];
    },
  },
  done: (frame, start) => (quorumView(frame)?.sloppyWrites ?? 0) > (quorumView(start)?.sloppyWrites ?? 0) && completedSince(frame, start.timeMs, PROBE_KEY).some((e) => e.f === 'write' && e.type === 'ok'),
  doneText: (frame, start) => {
    const write = completedSince(frame, start.timeMs, PROBE_KEY).find((e) => e.f === 'write' && e.type === 'ok');
    return `the write ${PROBE_KEY}=${JSON.stringify(write?.value)} succeeded during the partition, with a stand-in counted towards W`;
  },
};

const staleAfterHeal: TourStep = {
  id: 'stale-after-heal',
  title: 'Heal: a read misses the hinted write until handoff',
  narration: 'Heal the partition and read y through its second replica. The write is on y’s first replica and, as a hint, on a stand-in; the second and third replicas get it only when the hint is handed off.',
  task: 'Heal and read y through its second replica.',
  lookFor: 'The read returns the older value although the write had completed: a stale read. Then “handed off” grows as the stand-in delivers its hint, and reads catch up.',
  note: 'W + R > N held throughout, yet the read missed a completed write: counting acknowledgements from any servers is what kept the write available.',
  doIt: { label: 'heal and read y through its second replica', actions: (frame) => [{ do: 'heal' }, { do: 'request', node: preferenceList(PROBE_KEY, servers(frame), 3)[1], op: { f: 'read', key: PROBE_KEY } }] },
  done: (frame, start) => {
    const last = quorumView(frame)?.stale.at(-1);
    return !hasCutLinks(frame) && last !== undefined && last.timeMs >= start.timeMs && (quorumView(frame)?.overlap ?? false);
  },
  doneText: (frame) => `after the heal, with W + R > N: ${quorumView(frame)?.stale.at(-1)?.sentence ?? ''}`,
};

const lwwSkew: TourStep = {
  id: 'lww-skew',
  title: 'Last writer wins, by whose clock?',
  narration:
    'Under last-writer-wins each write carries its coordinator’s clock, and replicas keep the greatest. Set x’s first replica’s clock two seconds behind: its writes look older than writes that finished before they began.',
  task: 'Skew x’s first replica’s clock back by 2 s and play.',
  lookFor: '“Writes LWW dropped” counts writes that were acknowledged and then silently lost to an earlier write.',
  note: 'No error, no conflict reported: the client was told “ok”. Version vectors (the Conflicts menu) order writes by what their coordinator had seen instead of by clocks, and keep concurrent writes as siblings for the application to merge.',
  doIt: {
    label: 'skew x’s first replica’s clock by −2 s',
    actions: (frame) => [{ do: 'heal' }, configure({ versioning: 'lww' }), { do: 'skew', node: preferenceList('x', servers(frame), n(frame))[0], offsetMs: -2000 }],
  },
  done: (frame, start) => (quorumView(frame)?.lostWrites ?? 0) > (quorumView(start)?.lostWrites ?? 0),
  doneText: (frame) => quorumView(frame)?.lost.at(-1)?.sentence ?? 'a later write was dropped',
};

export const quorumTour: Tour = {
  id: 'quorum',
  title: 'Quorums: what N, W and R do and do not promise',
  steps: [staleRead, failedWrite, readSeesIt, readMissesIt, sloppyPartition, staleAfterHeal, lwwSkew],
};
