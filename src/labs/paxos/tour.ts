// The Paxos lab's guided tour: a value is chosen; a later proposer must adopt it; two proposers
// duel without randomised backoff and settle with it; a Multi-Paxos leader skips phase 1; and an
// acceptor that forgets its promise lets a second value be chosen. Every step completes on the
// lab's view of engine state (the agreement ghost, the notes' counts) or on the frame's violations.
import type { Frame } from '../../engine/frame';
import { serverNodes } from '../../ui/tour/cluster';
import type { Tour, TourAction, TourStep } from '../../ui/tour/types';
import { AGREEMENT } from './agreement';
import { ownValue } from './proposer-state';
import type { PaxosView, SlotView } from './view';

/** Pre-emptions in a row that make a duel worth the name. */
export const DUEL_PREEMPTIONS = 6;

export function paxosViewOf(frame: Frame): PaxosView | null {
  const view = frame.labView as Partial<PaxosView> | null;
  return typeof view === 'object' && view !== null && Array.isArray(view.slots) ? (view as PaxosView) : null;
}

function slot(frame: Frame, number: number): SlotView | null {
  return paxosViewOf(frame)?.slots.find((s) => s.slot === number) ?? null;
}

/** The first slot nothing has been chosen for. */
export function openSlot(frame: Frame): number {
  const chosen = new Set((paxosViewOf(frame)?.slots ?? []).filter((s) => s.chosen !== null).map((s) => s.slot));
  let next = 1;
  while (chosen.has(next)) next++;
  return next;
}

/** A running proposer whose own value for slot 1 is not the one chosen there, and that value. */
function dissenter(frame: Frame): { id: string; value: string } | null {
  const chosen = slot(frame, 1)?.chosen;
  for (const node of frame.nodes) {
    if (node.role !== 'proposer' || !node.up) continue;
    const value = ownValue(Number(node.id.replace(/\D/g, '')), 1);
    if (value !== chosen) return { id: node.id, value };
  }
  return null;
}

const lab = (name: string, fields: Record<string, unknown> = {}): TourAction => ({ do: 'lab', name, ...fields });

function restartDown(frame: Frame): TourAction[] {
  return serverNodes(frame).filter((node) => !node.up).map((node) => ({ do: 'restart', node: node.id }));
}

const chosen: TourStep = {
  id: 'chosen',
  title: 'A value is chosen',
  narration:
    'Each proposer (left) picks a ballot and asks the acceptors (middle) to promise it: phase 1. With promises from a majority it asks them to accept its value: phase 2. A value is chosen the moment a majority of acceptors has accepted it at one ballot; the learners (right) count the Accepted messages and learn it.',
  task: 'Press play and watch Prepare, Promise, Accept and Accepted.',
  lookFor: 'Each acceptor shows the ballot it promised and the value it accepted; the log in the side panel shows the chosen value once a majority has it.',
  note: 'No acceptor knows the value is chosen: it is a fact about the majority, which is why the learners count.',
  doIt: { label: 'ask p1 to propose now', actions: () => [lab('propose', { proposer: 'p1', slot: 1 })] },
  // Done once every proposer has stopped, so a late attempt of the loser belongs to this step.
  done: (frame) => slot(frame, 1)?.chosen != null && (paxosViewOf(frame)?.proposers ?? []).every((p) => !p.up || p.phase === 'idle'),
  doneText: (frame) => {
    const first = slot(frame, 1);
    const view = paxosViewOf(frame);
    return `${first?.chosen} was chosen for slot 1 at ballot ${first?.ballots[0]}: ${view?.majority} of ${view?.acceptors} acceptors accepted it`;
  },
};

const adopted: TourStep = {
  id: 'adopted',
  title: 'Chosen stays chosen',
  narration:
    'Crash two acceptors and ask the other proposer to propose its own value for slot 1. Its phase 1 reaches a majority, and every majority shares an acceptor with the one that chose the value, so a promise reports it. The rule: propose the value of the highest-ballot vote reported, not your own.',
  task: 'Crash two acceptors and ask the proposer whose value lost to try again for slot 1.',
  lookFor: 'The proposer sends Accept with the chosen value, not its own, and a majority accepts it again at a higher ballot.',
  note: 'This is the heart of Paxos’s safety proof (Paxos Made Simple, P2c). It holds with any minority of acceptors crashed, any messages lost or late.',
  doIt: {
    label: 'crash two acceptors and ask the other proposer to propose for slot 1',
    actions: (frame) => {
      const up = serverNodes(frame).filter((node) => node.up).map((node) => node.id);
      const other = dissenter(frame);
      const crash: TourAction[] = up.slice(-2).map((node) => ({ do: 'crash', node }));
      return other ? [...crash, lab('propose', { proposer: other.id, slot: 1, value: other.value })] : crash;
    },
  },
  done: (frame, start) => {
    const now = slot(frame, 1);
    const before = slot(start, 1);
    return now !== null && now.chosen !== null && now.chosen === before?.chosen && now.ballots.length > before.ballots.length;
  },
  doneText: (frame) => {
    const now = slot(frame, 1);
    return `${now?.chosen} was chosen again, at ballot ${now?.ballots.at(-1)}: the later proposer adopted it instead of its own value`;
  },
};

function preemptedSince(frame: Frame, start: Frame): number {
  return (paxosViewOf(frame)?.preemptions ?? 0) - (paxosViewOf(start)?.preemptions ?? 0);
}

const duel: TourStep = {
  id: 'duel',
  title: 'Duelling proposers',
  narration:
    'Turn randomised backoff off: a pre-empted proposer now retries after a fixed wait. Start both proposers on the next slot, one a little after the other. Each one’s Prepare lands between the other’s promises and its Accept, so each ballot pre-empts the other’s, round after round.',
  task: 'Turn backoff off and start both proposers on the next slot.',
  lookFor: 'Nacks, rising ballots, and the slot staying empty: the pre-emption chart climbs while nothing is chosen.',
  note: 'FLP (1985): no deterministic protocol can guarantee that consensus terminates in an asynchronous system with even one crash. Paxos stays safe through the duel — nothing wrong is ever chosen — but it is live only with luck, randomisation or a stable leader.',
  doIt: {
    label: 'turn backoff off and start both proposers on the next slot',
    actions: (frame) => [...restartDown(frame), lab('configure', { backoff: false }), lab('duel', { slot: openSlot(frame) })],
  },
  done: (frame, start) => paxosViewOf(frame)?.settings.backoff === false && slot(frame, openSlot(start))?.chosen == null && preemptedSince(frame, start) >= DUEL_PREEMPTIONS,
  doneText: (frame, start) =>
    `the proposers have pre-empted each other ${preemptedSince(frame, start)} times and slot ${openSlot(start)} still has no value (round ${paxosViewOf(frame)?.highestRound} by now)`,
};

const backoff: TourStep = {
  id: 'backoff',
  title: 'Randomised backoff settles it',
  narration:
    'Turn randomised backoff on: a pre-empted proposer now waits a random time, from a window that doubles with each failure, before it tries again. Sooner or later one proposer gets both phases done while the other waits.',
  task: 'Turn randomised backoff on.',
  lookFor: 'The proposers fall out of step, one ballot gets through both phases, and the slot fills.',
  note: 'Randomisation makes termination happen with probability 1, not with certainty — the escape hatch from FLP that Ben-Or (1983) used.',
  doIt: { label: 'turn randomised backoff on', actions: () => [lab('configure', { backoff: true })] },
  done: (frame, start) => paxosViewOf(frame)?.settings.backoff === true && slot(frame, openSlot(start))?.chosen != null,
  doneText: (frame, start) => {
    const filled = slot(frame, openSlot(start));
    return `with randomised backoff, ${filled?.chosen} was chosen for slot ${filled?.slot} at ballot ${filled?.ballots[0]}`;
  },
};

function skippedSince(frame: Frame, start: Frame): number {
  return (paxosViewOf(frame)?.phase1Skipped ?? 0) - (paxosViewOf(start)?.phase1Skipped ?? 0);
}

const multi: TourStep = {
  id: 'multi-paxos',
  title: 'Multi-Paxos: a stable leader skips phase 1',
  narration:
    'Turn Multi-Paxos on. A proposer runs phase 1 once, for the first empty slot and every slot after it. While its ballot holds it is the leader: it fills later slots with phase 2 alone, and its heartbeats keep the other proposers from campaigning.',
  task: 'Turn Multi-Paxos on.',
  lookFor: 'One proposer becomes leader; the log fills slot by slot with Accept and Accepted only, and the phase 1 line of the chart drops to zero.',
  note: 'A stable leader is what makes Paxos live in practice, and two round trips become one per value. It is still only as stable as its timeouts: if the leader falls silent, another proposer campaigns with a higher ballot.',
  doIt: { label: 'turn Multi-Paxos on', actions: () => [lab('configure', { multiPaxos: true })] },
  done: (frame, start) => skippedSince(frame, start) >= 2,
  doneText: (frame, start) => {
    const leader = paxosViewOf(frame)?.proposers.find((p) => p.phase === 'leading');
    return `${skippedSince(frame, start)} slots were chosen with phase 2 alone${leader ? `, led by ${leader.id} with ballot ${leader.ballot}` : ''}`;
  },
};

const forgetful: TourStep = {
  id: 'forgetful',
  title: 'Break a rule: acceptors that forget',
  narration:
    'An acceptor must write its promise and its vote to stable storage before it answers. Let the acceptors forget on restart, crash and restart all of them, and ask a proposer to propose a different value for slot 1. Its phase 1 hears blank acceptors, nothing forces the old value, and a majority accepts the new one.',
  task: 'Break the rule, restart every acceptor and propose a different value for slot 1.',
  lookFor: 'The agreement invariant stops the run: two different values chosen for slot 1. The learners that learned the first one see a majority for the second.',
  note: 'The same crash with the rule kept changes nothing: the acceptors come back with their promises and votes, as in the second step.',
  doIt: {
    label: 'let acceptors forget, restart them all and propose another value for slot 1',
    actions: (frame) => {
      const acceptors = serverNodes(frame).map((node) => node.id);
      const other = dissenter(frame);
      const actions: TourAction[] = [lab('configure', { multiPaxos: false, forgetOnRestart: true })];
      for (const node of acceptors) if (frame.nodes.find((n) => n.id === node)?.up) actions.push({ do: 'crash', node });
      for (const node of acceptors) actions.push({ do: 'restart', node });
      if (other) actions.push(lab('propose', { proposer: other.id, slot: 1, value: other.value }));
      return actions;
    },
  },
  done: (frame) => frame.violations.some((v) => v.invariant === AGREEMENT),
  doneText: (frame) => `the agreement invariant caught it: ${frame.violations.find((v) => v.invariant === AGREEMENT)?.message ?? ''}`,
};

export const paxosTour: Tour = {
  id: 'paxos',
  title: 'Paxos in six steps',
  steps: [chosen, adopted, duel, backoff, multi, forgetful],
};
