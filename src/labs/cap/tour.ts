// The CAP lab's guided tour: during a partition, AP keeps answering and gives up linearizability,
// CP stays linearizable and gives up the minority side; healed, AP converges. Each step completes
// on the lab's live checker verdicts and the client history in the frame.
import type { Frame } from '../../engine/frame';
import type { HistoryEvent } from '../../engine/types';
import { cutOffServers, hasCutLinks, homedNodes, isPartitioned, listIds, minorityGroups } from '../../ui/tour/cluster';
import type { Tour, TourAction, TourStep } from '../../ui/tour/types';
import type { CheckSummary } from './checks';
import type { CapView } from './verdict';

/** The workload's clients (not the one-shot clients of keyboard requests). */
const CLIENT_ROLE = 'client';

/** The lab's part of the frame, or null before the lab has projected one. */
export function capView(frame: Frame): { mode: 'cp' | 'ap'; checks: CheckSummary | null } | null {
  const view = frame.labView as Partial<CapView> | null;
  if (typeof view !== 'object' || view === null || (view.mode !== 'cp' && view.mode !== 'ap')) return null;
  return { mode: view.mode, checks: view.checks ?? null };
}

function setMode(mode: 'cp' | 'ap'): TourAction {
  return { do: 'lab', name: 'setMode', mode };
}

/** Clients' home servers go to the minority side first, so it has clients to serve or fail, but
 * the last client's home is kept back so the majority side has one too. */
function clientMinorityGroups(frame: Frame): string[][] | null {
  const clients = homedNodes(frame).filter((node) => node.role === CLIENT_ROLE);
  const homes = [...new Set(clients.map((node) => node.home as string))];
  return minorityGroups(frame, homes.length > 1 ? homes.slice(0, -1) : homes);
}

function partition(frame: Frame): TourAction[] {
  const groups = clientMinorityGroups(frame);
  return groups ? [{ do: 'partition', groups }] : [];
}

/** True if a partition or cut happened at or after `sinceMs` (the recent faults ring). */
function partitionedSince(frame: Frame, sinceMs: number): boolean {
  return frame.faults.some((fault) => (fault.kind === 'partition' || fault.kind === 'cut') && fault.timeMs >= sinceMs);
}

/** Completed client operations since `sinceMs`, each with the side of the partition its client's
 * home server is on now. */
function outcomesSince(frame: Frame, sinceMs: number): { event: HistoryEvent; cutOff: boolean }[] {
  const homes = new Map(homedNodes(frame).map((node) => [node.id, node.home as string]));
  const cutOff = new Set(cutOffServers(frame));
  return frame.history
    .filter((event) => event.type !== 'invoke' && (event.time ?? 0) >= sinceMs && event.client !== undefined && homes.has(event.client))
    .map((event) => ({ event, cutOff: cutOff.has(homes.get(event.client as string) as string) }));
}

const apStaleRead: TourStep = {
  id: 'ap-stale-read',
  title: 'AP under a partition: a stale read',
  narration:
    'CAP is not "pick two of three": partitions happen whether you pick them or not, and the question is what gives way while one lasts. In AP mode every replica answers its own clients even when it cannot reach the others, so each side of a partition carries on with its own copy of the register.',
  task: 'Switch to AP, partition a minority from the rest, and play.',
  lookFor:
    'Operations keep succeeding and availability stays near 100%, until the checker finds a read or a compare-and-set that no order of the operations explains: the verdict turns to "Not linearizable", and its sentence and the outlined bars in the history name the operations that prove it.',
  note: 'AP did not break any promise of its own: it chose to answer during the partition, and a stale answer is the price. The stale value may come from the other side of the cut, or from a replica on the same side that the background copying has not reached yet: AP copies asynchronously even without a partition.',
  doIt: { label: 'set AP and partition a minority', actions: (frame) => [setMode('ap'), ...partition(frame)] },
  done: (frame) => {
    const view = capView(frame);
    if (view?.mode !== 'ap' || view.checks?.linearizable !== false) return false;
    return isPartitioned(frame) || partitionedSince(frame, view.checks.windowStartMs);
  },
  // The checker's own sentence names the operations; the tour does not guess where the stale
  // value came from.
  doneText: (frame) => {
    const sentence = capView(frame)?.checks?.explanation?.sentence;
    return `in AP during a partition, the checker found the history not linearizable${sentence ? `: ${sentence}` : ''}`;
  },
};

const cpMinorityFails: TourStep = {
  id: 'cp-minority-fails',
  title: 'CP under the same partition: the minority fails',
  narration:
    'In CP mode an operation needs a majority of replicas. Under the same partition the majority side carries on; the minority side cannot reach a majority, so its clients are refused.',
  task: 'Heal, switch to CP (the checker starts a fresh window at the switch), and cut the same minority off again.',
  lookFor:
    'Clients on the minority side now fail or time out (hatched bars; availability drops), while the majority side carries on and the verdict stays "Linearizable".',
  note: 'CP is not "unavailable": it refuses only where it cannot reach a majority, and only during the partition. "Linearizable" describes the history checked so far, not a promise about the future.',
  doIt: { label: 'heal, set CP and partition the same minority', actions: (frame) => [{ do: 'heal' }, setMode('cp'), ...partition(frame)] },
  done: (frame, start) => {
    const view = capView(frame);
    if (view?.mode !== 'cp' || view.checks?.linearizable !== true || !isPartitioned(frame)) return false;
    const since = Math.max(start.timeMs, view.checks.windowStartMs);
    return outcomesSince(frame, since).some(({ event, cutOff }) => cutOff && (event.type === 'fail' || event.type === 'info'));
  },
  doneText: (frame) => `in CP, clients cut off with ${listIds(cutOffServers(frame))} failed while the history stayed linearizable`,
};

const apBothSidesWrite: TourStep = {
  id: 'ap-both-sides-write',
  title: 'Back to AP: both sides accept writes',
  narration:
    'Switch back to AP while the partition lasts. Now both sides accept writes, so the replicas on either side drift apart.',
  task: 'Switch to AP, keep the partition, and play until clients on both sides have written.',
  lookFor: 'Successful writes on both sides of the cut, and replicas showing different values.',
  note: 'This is availability in the CAP sense: every replica that is up answers, whichever side it is on. It costs agreement, for now.',
  doIt: { label: 'set AP (keeping the partition)', actions: (frame) => [setMode('ap'), ...(isPartitioned(frame) ? [] : partition(frame))] },
  done: (frame, start) => {
    if (capView(frame)?.mode !== 'ap' || !isPartitioned(frame)) return false;
    const writes = outcomesSince(frame, start.timeMs).filter(({ event }) => event.type === 'ok' && event.f !== 'read');
    return writes.some((w) => w.cutOff) && writes.some((w) => !w.cutOff);
  },
  doneText: () => 'in AP, clients on both sides of the partition wrote successfully',
};

const healConverges: TourStep = {
  id: 'heal-converges',
  title: 'Heal and watch AP converge',
  narration:
    'Heal the network. The replicas exchange what they missed (anti-entropy) and settle on the same values.',
  task: 'Heal the partition and play a little.',
  lookFor: 'After a quiet moment, convergence reports that all replicas hold the same values again. The stale reads from the partition stay in the history.',
  note: 'Convergence (eventual consistency) is what AP offers instead of linearizability: replicas agree once they can talk, but reads during the partition were not linearizable and healing does not undo them.',
  doIt: { label: 'heal the network', actions: () => [{ do: 'heal' }] },
  done: (frame) => !hasCutLinks(frame) && capView(frame)?.checks?.converged === true,
  doneText: (frame) => `healed; all replicas converged${capView(frame)?.mode === 'ap' ? ' in AP' : ''}`,
};

export const capTour: Tour = {
  id: 'cap',
  title: 'CAP: what gives way in a partition',
  steps: [apStaleRead, cpMinorityFails, apBothSidesWrite, healConverges],
};
