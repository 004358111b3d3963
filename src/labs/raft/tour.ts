// The Raft lab's guided tour: an election, a committed write, a leader crash, a minority that
// cannot commit, and healing. Each step completes on what the servers' views show.
import type { Frame, NodeFrame } from '../../engine/frame';
import { cutOffServers, hasCutLinks, listIds, minorityGroups, serverNodes } from '../../ui/tour/cluster';
import type { Tour, TourAction, TourStep } from '../../ui/tour/types';

const NO_OP = 'no-op';
const WRITE_KEY = 'x';

interface LeaderAt {
  id: string;
  term: number;
}

/** The frame's leader with its term, if it is up and its view says leader. */
export function leaderOf(frame: Frame): LeaderAt | null {
  const node = frame.nodes.find((n) => n.id === frame.leader);
  if (!node || !node.up || node.view.role !== 'leader') return null;
  return { id: node.id, term: node.view.term ?? 0 };
}

/** Up servers whose view says leader (two for a while after a partition heals). */
function leaders(nodes: readonly NodeFrame[]): NodeFrame[] {
  return nodes.filter((node) => node.up && node.view.role === 'leader');
}

function highestTerm(frame: Frame): number {
  return Math.max(0, ...serverNodes(frame).map((node) => node.view.term ?? 0));
}

/** The newest committed client entry on any server (the no-op a new leader appends is not one). */
function newestCommittedWrite(frame: Frame): { index: number; term: number; label: string } | null {
  let best: { index: number; term: number; label: string } | null = null;
  for (const node of serverNodes(frame)) {
    for (const entry of node.view.log ?? []) {
      if (entry.committed && entry.label !== NO_OP && entry.label !== '' && (!best || entry.index > best.index)) best = entry;
    }
  }
  return best;
}

/** A value for the next write: one more than the client entries in the longest log. */
function nextWriteValue(frame: Frame): number {
  const counts = serverNodes(frame).map((node) => (node.view.log ?? []).filter((entry) => entry.label !== NO_OP).length);
  return Math.max(0, ...counts) + 1;
}

function write(node: string, frame: Frame): TourAction {
  return { do: 'request', node, op: { f: 'write', key: WRITE_KEY, value: nextWriteValue(frame) } };
}

const election: TourStep = {
  id: 'election',
  title: 'A leader is elected',
  narration:
    'Every server starts as a follower with a randomized election timeout. The first to time out becomes a candidate in a new term and asks the others for votes; a majority (3 of 5) makes it leader.',
  task: 'Press play and watch the RequestVote messages.',
  lookFor: 'One server turns leader and starts sending heartbeats (empty AppendEntries) to keep the others from timing out.',
  note: 'Random timeouts make a split vote unlikely, not impossible: when two candidates split the votes, both time out again and retry in a higher term.',
  done: (frame) => leaderOf(frame) !== null,
  doneText: (frame) => {
    const leader = leaderOf(frame);
    return leader ? `${leader.id} became leader in term ${leader.term}` : 'a leader was elected';
  },
};

const replication: TourStep = {
  id: 'replication',
  title: 'A write is committed',
  narration:
    'A client write goes to the leader, which appends it to its log and sends it to the followers in AppendEntries. Once a majority has stored it, the leader commits it and every server applies it.',
  task: 'Click the leader and choose "Client write", or use the button.',
  lookFor: 'The entry appears hollow in the leader’s log, then in the followers’ logs, and fills in once a majority has it.',
  note: 'Committed means stored on a majority, not on every server: a slow follower catches up later. The leader’s first entry is a no-op of its own term, because Raft commits earlier terms’ entries only through one of the current term.',
  doIt: { label: 'send a client write to the leader', actions: (frame) => [write('leader', frame)] },
  done: (frame, start) => (newestCommittedWrite(frame)?.index ?? 0) > (newestCommittedWrite(start)?.index ?? 0),
  doneText: (frame) => {
    const entry = newestCommittedWrite(frame);
    return entry ? `${entry.label} committed at index ${entry.index} in term ${entry.term}` : 'a write was committed';
  },
};

const killLeader: TourStep = {
  id: 'kill-leader',
  title: 'Kill the leader',
  narration:
    'Followers expect the leader’s heartbeats. When it crashes they stop; a follower times out, starts an election in a higher term, and a new leader takes over.',
  task: 'Crash the leader: press k, or click it and choose Crash.',
  lookFor: 'A new leader in a higher term. The crashed server is grey; its log survives on disk for when it restarts.',
  note: 'Only a candidate whose log is at least as up to date as a majority’s can win, so no committed entry is lost. Until the new leader is elected, the cluster accepts no writes.',
  doIt: { label: 'crash the leader', actions: () => [{ do: 'crash', node: 'leader' }] },
  done: (frame, start) => {
    const now = leaderOf(frame);
    const before = leaderOf(start);
    return now !== null && now.id !== before?.id && now.term > (before?.term ?? highestTerm(start));
  },
  doneText: (frame, start) => {
    const now = leaderOf(frame);
    const before = leaderOf(start);
    if (!now) return 'a new leader was elected';
    return before ? `${now.id} took over from ${before.id} in term ${now.term}` : `${now.id} became leader in term ${now.term}`;
  },
};

/** Restarts the servers that are down (so the majority side can elect), cuts the leader and one
 * follower off, and sends the cut-off leader a write it will never commit. */
function partitionLeaderActions(frame: Frame): TourAction[] {
  const leader = leaderOf(frame)?.id;
  const down = serverNodes(frame).filter((node) => !node.up).map((node) => node.id);
  const groups = minorityGroups(frame, leader ? [leader, ...down] : down);
  if (!groups) return [];
  const actions: TourAction[] = down.map((node) => ({ do: 'restart', node }));
  actions.push({ do: 'partition', groups });
  if (leader) actions.push(write(leader, frame));
  return actions;
}

/** The leader on the side of a partition that still has a majority. */
function majorityLeader(frame: Frame): LeaderAt | null {
  const cutOff = new Set(cutOffServers(frame));
  if (cutOff.size === 0) return null;
  const majority = serverNodes(frame).filter((node) => !cutOff.has(node.id));
  const [leader] = leaders(majority).sort((a, b) => (b.view.term ?? 0) - (a.view.term ?? 0));
  return leader ? { id: leader.id, term: leader.view.term ?? 0 } : null;
}

const minorityPartition: TourStep = {
  id: 'minority-partition',
  title: 'A minority cannot commit',
  narration:
    'Partition the leader and one follower away from the other three. The old leader keeps its role but cannot reach a majority, so nothing it appends can commit; the three on the other side elect a leader of their own.',
  task: 'Cut the leader and one follower off from the rest: drag a stroke across their links, or use the button.',
  lookFor: 'The write sent to the old leader stays hollow (uncommitted) in the minority’s logs, while the majority side elects a leader and commits.',
  note: 'For a while two servers believe they lead, but in different terms, and only the one with a majority can commit. Raft stays safe in a split brain by giving up availability on the minority side.',
  doIt: { label: 'partition the leader and one follower', actions: partitionLeaderActions },
  done: (frame) => majorityLeader(frame) !== null,
  doneText: (frame) => {
    const leader = majorityLeader(frame);
    const cutOff = listIds(cutOffServers(frame));
    return leader ? `${leader.id} leads the majority in term ${leader.term}; ${cutOff} cannot commit` : 'the majority side has a leader';
  },
};

const heal: TourStep = {
  id: 'heal',
  title: 'Heal the partition',
  narration:
    'When the network heals, the old leader hears a higher term and steps down. Its uncommitted entries conflict with the new leader’s log and are overwritten.',
  task: 'Heal every cut link: click a cut link, or use the button.',
  lookFor: 'One leader again, and the minority’s hollow entries replaced by the majority’s committed ones.',
  note: 'The write sent to the old leader during the partition is gone. That is safe: it was never committed, so no client was told it succeeded.',
  doIt: { label: 'heal the network', actions: () => [{ do: 'heal' }] },
  done: (frame) => !hasCutLinks(frame) && leaders(serverNodes(frame)).length === 1,
  doneText: (frame) => {
    const leader = leaderOf(frame);
    return leader ? `network whole; ${leader.id} is the only leader, in term ${leader.term}` : 'network whole with one leader';
  },
};

export const raftTour: Tour = {
  id: 'raft',
  title: 'Raft in five steps',
  steps: [election, replication, killLeader, minorityPartition, heal],
};
