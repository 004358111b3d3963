// The CRDT lab's guided tour: the naive counter loses increments; a G-Counter counts both sides of
// a partition and converges on heal; the LWW-Element-Set drops a concurrent add the OR-Set keeps;
// a PN-Counter converges and still overdraws. Each step completes on the lab's frame data.
import type { Frame } from '../../engine/frame';
import { hasCutLinks, isPartitioned, minorityGroups, serverNodes } from '../../ui/tour/cluster';
import type { Tour, TourAction, TourStep } from '../../ui/tour/types';
import type { CrdtView } from './verdict';

export function crdtViewOf(frame: Frame): CrdtView | null {
  const view = frame.labView as Partial<CrdtView> | null;
  return view && Array.isArray(view.replicas) && typeof view.type === 'string' ? (view as CrdtView) : null;
}

const setType = (type: string): TourAction => ({ do: 'lab', name: 'setType', type });
const op = (node: string, name: string, element = 'a'): TourAction => ({ do: 'lab', name: 'op', node, op: name, element });

function upIds(frame: Frame): string[] {
  return serverNodes(frame).filter((node) => node.up).map((node) => node.id);
}

function isType(frame: Frame, type: string): CrdtView | null {
  const view = crdtViewOf(frame);
  return view?.type === type ? view : null;
}

const naive: TourStep = {
  id: 'naive-counter',
  title: 'A naive counter loses increments',
  narration:
    'Each replica keeps a number, adds one per increment, and gossips it; a receiver keeps the larger of the two. When two replicas increment concurrently, the larger value hides the other\'s increments for good.',
  task: 'Switch to the naive counter and play; increment on two replicas at once to speed it up.',
  lookFor: 'A replica\'s value falls behind a G-Counter fed the same increments and the same gossip (shown as "lost").',
  doIt: { label: 'switch to the naive counter and increment on two replicas', actions: (frame) => [setType('naive-counter'), ...upIds(frame).slice(0, 2).map((id) => op(id, 'inc'))] },
  done: (frame) => (isType(frame, 'naive-counter')?.replicas.some((r) => r.lostUpdates > 0)) ?? false,
  doneText: (frame) => {
    const worst = [...isType(frame, 'naive-counter')!.replicas].sort((a, b) => b.lostUpdates - a.lostUpdates)[0];
    return `${worst.id}'s naive counter says ${worst.value}, though a G-Counter fed the same increments and gossip says ${Number(worst.value) + worst.lostUpdates}: max() lost ${worst.lostUpdates}`;
  },
};

const gCounter: TourStep = {
  id: 'g-counter-partition',
  title: 'A G-Counter counts on both sides of a partition',
  narration:
    'A G-Counter keeps one count per replica; each replica increments only its own entry, and merge takes the maximum entry by entry. Concurrent increments land in different entries, so none is hidden. It keeps counting while partitioned.',
  task: 'Switch to the G-Counter, partition a minority away and play.',
  lookFor: 'Both sides keep counting; their values differ while the partition lasts.',
  doIt: {
    label: 'switch to the G-Counter and partition a minority',
    actions: (frame) => {
      const groups = minorityGroups(frame, []);
      return [setType('g-counter'), ...(groups ? [{ do: 'partition', groups } as TourAction] : [])];
    },
  },
  done: (frame) => {
    const view = isType(frame, 'g-counter');
    return !!view && isPartitioned(frame) && !view.agreed && (view.expected ?? 0) > 0;
  },
  doneText: (frame) => `partitioned, the replicas differ: ${isType(frame, 'g-counter')!.agreement}`,
};

const heal: TourStep = {
  id: 'g-counter-heal',
  title: 'Heal: every increment counted',
  narration:
    'Heal the network. Gossip carries each side\'s entries across, merge takes each entry\'s maximum, and every replica reaches the same sum — in any order, with messages duplicated or reordered, because merge is commutative, associative and idempotent.',
  task: 'Heal, and play until the replicas agree.',
  lookFor: 'The convergence checker reports all replicas equal, at the total number of increments.',
  note: 'They converge only if gossip keeps flowing; the checker compares the replicas\' values, and the lab also compares them with the increments performed.',
  doIt: { label: 'heal the network', actions: () => [{ do: 'heal' }] },
  done: (frame) => {
    const view = isType(frame, 'g-counter');
    return !!view && !hasCutLinks(frame) && view.agreed && view.replicas.every((r) => !r.up || r.value === String(view.expected));
  },
  doneText: (frame) => `healed: ${isType(frame, 'g-counter')!.agreement.replace(/\.$/, '')}, ${isType(frame, 'g-counter')!.expected} — every increment`,
};

const addWins: TourStep = {
  id: 'add-wins',
  title: 'LWW-Element-Set drops a concurrent add; OR-Set keeps it',
  narration:
    'An LWW-Element-Set keeps a timestamp for each element\'s latest add and latest remove, and the later wins. If one replica removes an element while another, unaware, adds it, the remove\'s later stamp erases the add. An OR-Set tags every add; a remove deletes only the tags it has seen, so the concurrent add survives.',
  task: 'Switch to the LWW-Element-Set; add "a" on one replica while another adds and removes it.',
  lookFor: 'A replica\'s LWW set lacks an element that an OR-Set fed the same operations keeps.',
  note: 'Neither is wrong: both converge. They differ in which intent they keep; OR-Set\'s "add wins" keeps the add nobody removed knowingly.',
  doIt: {
    label: 'switch, then add on one replica and add + remove on another',
    actions: (frame) => {
      const [first, second] = upIds(frame);
      return [setType('lww-element-set'), op(first, 'add'), op(second, 'add'), op(second, 'remove')];
    },
  },
  done: (frame) => (isType(frame, 'lww-element-set')?.replicas.some((r) => r.lostAdds.length > 0)) ?? false,
  doneText: (frame) => {
    const replica = isType(frame, 'lww-element-set')!.replicas.find((r) => r.lostAdds.length > 0)!;
    return `${replica.id}'s LWW-Element-Set is ${replica.value}: it dropped ${replica.lostAdds.join(', ')}, which the OR-Set keeps`;
  },
};

const overdraft: TourStep = {
  id: 'overdraft',
  title: 'What CRDTs do not give: balance ≥ 0',
  narration:
    'A PN-Counter as a bank balance: deposits add, and a withdrawal is allowed only if the balance this replica sees is at least 1. Replicas converge — but two replicas can each see the same last coin and both withdraw it.',
  task: 'Switch to the PN-Counter and play.',
  lookFor: 'The balance goes below zero: an overdraft that no replica allowed on its own.',
  note: 'Convergence is not an invariant. Keeping "≥ 0" needs coordination (a lock, consensus, or escrow: giving each replica its own share to spend).',
  doIt: { label: 'switch to the PN-Counter', actions: () => [setType('pn-counter')] },
  done: (frame) => (isType(frame, 'pn-counter')?.overdraft ?? 0) < 0,
  doneText: (frame) => {
    const view = isType(frame, 'pn-counter')!;
    const replica = view.replicas.find((r) => r.lowest === view.overdraft);
    return `the balance fell to ${view.overdraft}${replica ? ` on ${replica.id}` : ''}: every withdrawal passed its own replica's check`;
  },
};

export const crdtTour: Tour = {
  id: 'crdt',
  title: 'CRDTs: what converges, and what it costs',
  steps: [naive, gCounter, heal, addWins, overdraft],
};
