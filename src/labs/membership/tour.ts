// The membership lab's guided tour. Each step completes on the lab's own view of the run
// (labView: detection timelines, the false-positive checker's judgements, refutations, load);
// "Do it for me" crashes or pauses a member, drops messages or switches settings, computed from
// the frame's members.
import type { Frame } from '../../engine/frame';
import { byNodeNumber, serverNodes } from '../../ui/tour/cluster';
import type { Tour, TourAction, TourStep } from '../../ui/tour/types';
import type { CrashTimeline, MembershipView } from './projection';
import type { LiveSettings } from './settings';

export function membershipView(frame: Frame): MembershipView | null {
  const view = frame.labView as Partial<MembershipView> | null;
  return typeof view === 'object' && view !== null && Array.isArray(view.members) ? (view as MembershipView) : null;
}

function running(frame: Frame): string[] {
  return serverNodes(frame).filter((node) => node.up && !node.paused).map((node) => node.id).sort(byNodeNumber);
}

/** A running member from the middle of the group (not n1, so the stage's corner stays calm). */
function pick(frame: Frame, offset = 0): string {
  const ids = running(frame);
  return ids[(Math.floor(ids.length / 2) + offset) % ids.length] ?? 'n2';
}

const configure = (change: Partial<LiveSettings>): TourAction => ({ do: 'lab', name: 'configure', ...change });
const periods = (ms: number, view: MembershipView) => (ms / view.periodMs).toFixed(1);

function crashSince(frame: Frame, start: Frame): CrashTimeline | undefined {
  return membershipView(frame)?.crashes.find((c) => c.atMs >= start.timeMs && c.allKnowMs !== null);
}

function incarnationOf(frame: Frame, id: string): number {
  return membershipView(frame)?.members.find((m) => m.id === id)?.incarnation ?? -1;
}

/** The member the step's "do it" paused (the last pause in the frame's faults since the step began). */
function pausedSince(frame: Frame, start: Frame): string | null {
  return frame.faults.filter((f) => f.kind === 'pause' && f.timeMs >= start.timeMs).at(-1)?.node ?? null;
}

const crash: TourStep = {
  id: 'crash',
  title: 'A crash: probed, suspected, declared, gossiped',
  narration:
    'Each member pings one other member per protocol period and waits for its ack. Crash a member: the next member to pick it gets no ack, asks k others to try (ping-req), and when none succeeds by the period’s end, suspects it. Nobody answers the suspicion, so it is declared dead, and the news rides on the pings and acks everyone sends anyway.',
  task: 'Crash a member and play.',
  lookFor: 'Badges like “1?” (suspects) then “1✕” (dead) spread from member to member; the detection panel times the first suspicion, the first declaration and the moment every member knows.',
  note: 'The wait between suspicion and death is the price of not declaring a slow member dead: detection time traded against false positives.',
  doIt: { label: 'crash a member', actions: (frame) => [{ do: 'crash', node: pick(frame) }] },
  done: (frame, start) => crashSince(frame, start) !== undefined,
  doneText: (frame, start) => {
    const c = crashSince(frame, start)!;
    const view = membershipView(frame)!;
    const first = c.firstSuspectedMs !== null ? `first suspected after ${periods(c.firstSuspectedMs - c.atMs, view)} periods, ` : '';
    const declared = c.firstDeclaredMs !== null ? `declared dead after ${periods(c.firstDeclaredMs - c.atMs, view)}, ` : '';
    return `${c.node} crashed at ${(c.atMs / 1000).toFixed(2)} s: ${first}${declared}and all ${c.of} running members knew after ${periods(c.allKnowMs! - c.atMs, view)} periods`;
  },
};

const shortPause: TourStep = {
  id: 'short-pause',
  title: 'A short pause: suspected, and it refutes',
  narration:
    'Pause a member while another is probing it, for a little over three protocol periods (still less than the suspicion timeout plus a period), like a garbage-collection pause. Its prober gets no ack, not even through others, and suspects it. When it wakes it hears the rumor about itself and answers with a higher incarnation number, which beats the suspicion everywhere the rumor went.',
  task: 'Pause a member that is being probed for 1 s and play.',
  lookFor: 'The refuted count rises and the member’s incarnation goes up by one; nobody declares it dead.',
  // The run picks the member (pause-probed.ts): the page's frame may trail it past the probe.
  doIt: { label: 'pause a member about to be probed for 1 s', actions: () => [{ do: 'lab', name: 'pause-probed', durationMs: 1000 }] },
  done: (frame, start) => {
    const id = pausedSince(frame, start);
    return id !== null && (membershipView(frame)?.refuted ?? 0) > (membershipView(start)?.refuted ?? 0) && incarnationOf(frame, id) > incarnationOf(start, id);
  },
  doneText: (frame, start) => {
    const id = pausedSince(frame, start)!;
    return `${id} was suspected while paused and refuted at incarnation ${incarnationOf(frame, id)}`;
  },
};

const longPause: TourStep = {
  id: 'long-pause',
  title: 'A long pause: a false positive',
  narration:
    'Now pause a member for longer than the suspicion timeout. Nobody hears from it, so it is declared dead — but it was never down. When it wakes and hears it was declared dead, it rejoins with a higher incarnation, retrying its join with exponential backoff.',
  task: 'Pause a member for 3 s and play.',
  lookFor: 'The checker counts a false positive caused by a pause; the member comes back online at a higher incarnation.',
  note: 'No timeout can tell a slow member from a dead one: in an asynchronous system a failure detector cannot be both complete and accurate (Chandra and Toueg).',
  doIt: { label: 'pause a member for 3 s', actions: (frame) => [{ do: 'pause', node: pick(frame, 2), durationMs: 3000 }] },
  done: (frame, start) => {
    const view = membershipView(frame);
    const id = pausedSince(frame, start);
    if (view === null || id === null) return false;
    const back = view.members.find((m) => m.id === id);
    return view.judged.paused > (membershipView(start)?.judged.paused ?? 0) && back?.presence === 'online' && incarnationOf(frame, id) > incarnationOf(start, id);
  },
  doneText: (frame, start) => {
    const id = pausedSince(frame, start)!;
    return `${id} was declared dead while paused — a false positive — and rejoined at incarnation ${incarnationOf(frame, id)}`;
  },
};

const noSuspicion: TourStep = {
  id: 'no-suspicion',
  title: 'Lose messages with suspicion off',
  narration:
    'Turn suspicion off, so one failed probe declares its target dead at once, and lose a quarter of all messages. A probe fails only when the direct ping and every indirect one miss, but over many probes that happens.',
  task: 'Turn suspicion off, set 25% message loss and play.',
  lookFor: 'False positives from lost messages: live, reachable members declared dead.',
  doIt: { label: 'turn suspicion off and lose 25% of messages', actions: () => [configure({ suspicion: false }), { do: 'network', drop: 0.25 }] },
  done: (frame, start) => (membershipView(frame)?.judged.loss ?? 0) > (membershipView(start)?.judged.loss ?? 0),
  doneText: (frame) => membershipView(frame)?.recentFalse.filter((sentence) => sentence.includes('reachable')).at(-1) ?? 'a live, reachable member was declared dead',
};

const withSuspicion: TourStep = {
  id: 'with-suspicion',
  title: 'Suspicion back on: suspects refute',
  narration:
    'Turn suspicion back on with the same loss. Probes still fail, but now their targets are only suspected, and a live suspect has the suspicion timeout to hear of it and refute.',
  task: 'Turn suspicion on and play.',
  lookFor: 'Refutations climb while false positives from loss slow down.',
  doIt: { label: 'turn suspicion back on', actions: () => [configure({ suspicion: true })] },
  done: (frame, start) => (membershipView(frame)?.refuted ?? 0) >= (membershipView(start)?.refuted ?? 0) + 3,
  doneText: (frame, start) => {
    const view = membershipView(frame)!;
    const refuted = view.refuted - (membershipView(start)?.refuted ?? 0);
    const lost = view.judged.loss - (membershipView(start)?.judged.loss ?? 0);
    return `${refuted} suspicions of live members were refuted; ${lost} false positive${lost === 1 ? '' : 's'} from loss since suspicion came back`;
  },
};

const heartbeats: TourStep = {
  id: 'heartbeats',
  title: 'All-to-all heartbeats: the load',
  narration:
    'Switch to all-to-all heartbeats: every member tells every other member it is alive each period, and declares dead whoever stays silent for the timeout. Every member learns of a crash by itself, with no gossip — at N − 1 messages per member per period.',
  task: 'Stop the loss, switch to heartbeats and play for a second.',
  lookFor: 'The “messages per member” chart jumps from about 2 per period (SWIM’s ping and ack) to N − 1.',
  note: 'SWIM’s load per member stays constant as the group grows, and its dissemination time grows with log N; all-to-all load grows with N. `npm run cli -- experiment swim --members 8,16,32,64 --detector swim,heartbeat` measures both.',
  doIt: { label: 'stop the loss and switch to heartbeats', actions: () => [{ do: 'network', drop: 0 }, configure({ detector: 'heartbeat' })] },
  done: (frame) => {
    const view = membershipView(frame);
    if (view === null || view.settings.detector !== 'heartbeat') return false;
    const expected = ((view.members.length - 1) * 1000) / view.periodMs;
    return view.loadPerMember >= 0.8 * expected;
  },
  doneText: (frame) => {
    const view = membershipView(frame)!;
    return `each member now sends ${view.loadPerMember} messages a second: ${view.members.length - 1} per ${view.periodMs} ms period`;
  },
};

export const membershipTour: Tour = {
  id: 'membership',
  title: 'Failure detection: how fast, how wrong, how costly',
  steps: [crash, shortPause, longPause, noSuspicion, withSuspicion, heartbeats],
};
