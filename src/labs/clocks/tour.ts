// The clocks lab's guided tour: Lamport's receive rule, concurrency that Lamport stamps hide and
// vectors reveal, physical timestamps that run backwards along a message, a later write lost to
// "latest timestamp wins", and hybrid logical clocks that keep it. Each step completes on the
// checker's counts and examples in the frame.
import type { Frame } from '../../engine/frame';
import type { ClockEvent } from '../../protocols/clocks/events';
import { showHlc } from '../../protocols/clocks/hybrid';
import { showVector } from '../../protocols/clocks/vector';
import { serverNodes } from '../../ui/tour/cluster';
import type { Tour, TourAction, TourStep } from '../../ui/tour/types';
import type { ClocksView } from './verdict';

/** The lab's part of the frame, or null before it has one. */
export function clocksViewOf(frame: Frame): ClocksView | null {
  const view = frame.labView as Partial<ClocksView> | null;
  return view && Array.isArray(view.events) && view.stats ? (view as ClocksView) : null;
}

const lastEventId = (frame: Frame) => clocksViewOf(frame)?.events.at(-1)?.id ?? 0;
const stat = (frame: Frame, key: keyof ClocksView['stats']) => clocksViewOf(frame)?.stats[key] ?? 0;

/** The first two running processes (the tour's sender and receiver). */
function pair(frame: Frame): [string, string] {
  const up = serverNodes(frame).filter((node) => node.up).map((node) => node.id);
  return [up[0] ?? 'n1', up[1] ?? 'n2'];
}

const send = (from: string, to: string): TourAction => ({ do: 'lab', name: 'send', from, to });
const local = (node: string): TourAction => ({ do: 'lab', name: 'local', node });

/** The newest receive after the step began, with its send and the receiver's previous event. */
function newestReceive(frame: Frame, start: Frame): { receive: ClockEvent; send?: ClockEvent; before?: ClockEvent } | null {
  const events = clocksViewOf(frame)?.events ?? [];
  const after = lastEventId(start);
  const receive = events.filter((e) => e.kind === 'receive' && e.id > after).at(-1);
  if (!receive) return null;
  const send = events.find((e) => e.id === receive.sendId);
  const before = events.filter((e) => e.node === receive.node && e.id < receive.id).at(-1);
  return { receive, send, before };
}

const describe = (e: ClockEvent) => `e${e.id} on ${e.node} (L=${e.lamport}, V=${showVector(e.vector)})`;

const lamportRule: TourStep = {
  id: 'lamport-receive',
  title: 'Lamport clocks: tick, and take the maximum on receipt',
  narration:
    'Every process counts its events. Before each event it adds one; a message carries the sender\'s count, and the receiver first jumps to the larger of the two. So if a happened before b — on one process, or along a chain of messages — L(a) < L(b). The vector clock beside it keeps one such count per process.',
  task: 'Send a message from one process to another (or play and let them talk).',
  lookFor: 'In the diagram under the stage, the receive event\'s Lamport stamp is one past the larger of the message\'s stamp and the receiver\'s own.',
  done: (frame, start) => newestReceive(frame, start) !== null,
  doneText: (frame, start) => {
    const found = newestReceive(frame, start)!;
    const { receive, send, before } = found;
    const rule = send ? `max(${before?.lamport ?? 0}, ${send.lamport}) + 1 = ${receive.lamport}` : `L=${receive.lamport}`;
    return `${receive.node} received e${receive.sendId} from ${receive.peer}: Lamport ${rule}, vector ${showVector(receive.vector)}`;
  },
  doIt: { label: 'send a message', actions: (frame) => [send(...pair(frame))] },
};

const concurrency: TourStep = {
  id: 'concurrency',
  title: 'Lamport stamps cannot tell concurrency; vectors can',
  narration:
    'Two events are concurrent when no chain of messages leads from either to the other. Lamport stamps still give them different numbers, so from L alone you cannot tell "before" from "concurrent": L(a) < L(b) does not mean a → b. Vector clocks can: a → b exactly when V(a) ≤ V(b) entry by entry, and concurrent when neither is.',
  task: 'Make two local events on different processes, or play. Then pick two events in the diagram to compare them.',
  lookFor: 'The checker\'s count of concurrent pairs Lamport orders anyway, and an example with its vectors.',
  note: 'Lamport order is consistent with causality, which is all it promises; a total order built from it (ties broken by process id) is useful for agreement, not for spotting conflicts.',
  done: (frame, start) => stat(frame, 'lamportOrderedConcurrent') > stat(start, 'lamportOrderedConcurrent') && clocksViewOf(frame)?.concurrentExample != null,
  doneText: (frame) => {
    const [a, b] = clocksViewOf(frame)!.concurrentExample!;
    return `${describe(a)} and ${describe(b)} are concurrent (no message path either way), yet Lamport says ${Math.min(a.lamport, b.lamport)} < ${Math.max(a.lamport, b.lamport)}; the vectors are incomparable`;
  },
  doIt: { label: 'a local event on two processes', actions: (frame) => pair(frame).map(local) },
};

const skewOffsetMs = 1000;

const physical: TourStep = {
  id: 'physical-inversion',
  title: 'Physical clocks run backwards along a message',
  narration:
    'Each process also reads a physical clock, which starts a little off and drifts. Skew one clock forward and send from it: the message is received, by causality, after it was sent — at a smaller physical timestamp.',
  task: `Skew a process's clock ${skewOffsetMs} ms ahead (click it) and send from it.`,
  lookFor: 'A causal pair whose physical timestamps run backwards.',
  done: (frame, start) => stat(frame, 'physicalInversions') > stat(start, 'physicalInversions') && clocksViewOf(frame)?.inversionExample != null,
  doneText: (frame) => {
    const [a, b] = clocksViewOf(frame)!.inversionExample!;
    return `e${a.id} on ${a.node} at ${a.physicalMs} ms happened before e${b.id} on ${b.node} at ${b.physicalMs} ms: the later event has the smaller physical timestamp`;
  },
  doIt: {
    label: `skew a clock ${skewOffsetMs} ms ahead and send from it`,
    actions: (frame) => {
      const [from, to] = pair(frame);
      return [{ do: 'skew', node: from, offsetMs: skewOffsetMs }, send(from, to)];
    },
  },
};

const lwwLoss: TourStep = {
  id: 'lww-loss',
  title: '"Latest timestamp wins" loses a later write',
  narration:
    'Every local event writes a register, and messages carry it; each process keeps the write with the larger physical timestamp. A process that has received a write from the fast clock and then writes itself stamps its own write earlier — and its store silently keeps the old value.',
  task: 'Play, with the fast clock sending.',
  lookFor: 'The checker reports a write kept over a write that happened after it.',
  note: 'Nothing failed and no message was lost: the write was discarded by design. Stores that resolve conflicts by wall-clock timestamps (last-writer-wins) do this whenever clocks disagree by more than the time between causally related writes.',
  done: (frame, start) => stat(frame, 'lwwCausalLosses') > stat(start, 'lwwCausalLosses') && clocksViewOf(frame)?.lwwLossExample != null,
  doneText: (frame) => {
    const { kept, dropped } = clocksViewOf(frame)!.lwwLossExample!;
    return `e${dropped.id} (${dropped.node}, ${dropped.physicalMs} ms) was dropped in favour of e${kept.id} (${kept.node}, ${kept.physicalMs} ms), though e${kept.id} happened before it`;
  },
  doIt: {
    label: 'send from the fast clock',
    actions: (frame) => {
      const [from, to] = pair(frame);
      const skewed = serverNodes(frame).find((node) => node.up && node.clockSkewMs > 0)?.id;
      return skewed ? [send(skewed, skewed === to ? from : to)] : [{ do: 'skew', node: from, offsetMs: skewOffsetMs }, send(from, to)];
    },
  },
};

/** Events under hybrid timestamps before the step counts as shown. */
const HYBRID_EVENTS = 15;

const hybrid: TourStep = {
  id: 'hybrid',
  title: 'Hybrid logical clocks keep causality',
  narration:
    'A hybrid logical clock takes the largest physical time it has seen — its own clock or a message\'s — and a counter to order events within it. It stays close to physical time, yet, like Lamport\'s, never goes backwards along a message.',
  task: 'Switch last-writer-wins to hybrid timestamps and play, keeping the skew.',
  lookFor: 'No more causally later writes are lost; a receiver\'s HLC runs ahead of its own physical clock after hearing from the fast one.',
  note: 'HLC orders causal writes correctly; concurrent writes are still decided arbitrarily, by timestamp. Keeping both needs version vectors or CRDTs.',
  done: (frame) => {
    const view = clocksViewOf(frame);
    if (view?.lww !== 'hybrid') return false;
    return view.stats.events - view.since.events >= HYBRID_EVENTS && view.stats.lwwCausalLosses === view.since.lwwCausalLosses;
  },
  doneText: (frame) => {
    const view = clocksViewOf(frame)!;
    const ahead = view.events.filter((e) => e.hlc.l > e.physicalMs).at(-1);
    const hlc = ahead ? `; e${ahead.id} on ${ahead.node} has HLC ${showHlc(ahead.hlc)} while its clock read ${ahead.physicalMs} ms` : '';
    return `${view.stats.events - view.since.events} events under hybrid timestamps, no causally later write lost${hlc}`;
  },
  doIt: { label: 'switch LWW to hybrid timestamps', actions: () => [{ do: 'lab', name: 'setLww', mode: 'hybrid' }] },
};

export const clocksTour: Tour = {
  id: 'clocks',
  title: 'Clocks: what a timestamp can and cannot tell',
  steps: [lamportRule, concurrency, physical, lwwLoss, hybrid],
};
