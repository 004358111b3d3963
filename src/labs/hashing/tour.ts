// The hashing lab's guided tour. Every step completes on the lab's view of the engine
// (frame.labView): a change recorded by the node that joined or left, the settings in force,
// transfers all acknowledged, per-node keys and requests. "Do it for me" picks its node from the
// same view.
import type { Frame } from '../../engine/frame';
import type { Tour, TourAction, TourStep } from '../../ui/tour/types';
import type { ChangeRecord } from './protocol';
import type { HashingView } from './projection';
import type { PlacementSettings } from './settings';

/** The lab's part of the frame, or null before it has one. */
export function hashingViewOf(frame: Frame): HashingView | null {
  const view = frame.labView as Partial<HashingView> | null;
  return typeof view === 'object' && view !== null && Array.isArray(view.members) && typeof view.settings === 'object' ? (view as HashingView) : null;
}

const configure = (change: Partial<PlacementSettings>): TourAction => ({ do: 'lab', name: 'configure', ...change });

function pct(value: number): string {
  return `${Math.round(value * 1000) / 10}%`;
}

function describeMove(change: ChangeRecord): string {
  const ideal = change.ideal === null ? '' : `; the ideal is ${pct(change.ideal)}`;
  return `${change.moved} of ${change.total} keys (${pct(change.moved / Math.max(1, change.total))}) moved${ideal}`;
}

/** The latest membership change of this kind made since `startMs`, once every transfer landed. */
function settledChange(frame: Frame, kind: 'join' | 'leave', sinceMs: number, scheme?: PlacementSettings['scheme']): ChangeRecord | null {
  const view = hashingViewOf(frame);
  if (!view || !view.settled) return null;
  const change = [...view.changes].reverse().find((c) => c.kind === kind && c.atMs >= sinceMs);
  if (!change || (scheme && view.settings.scheme !== scheme)) return null;
  return change;
}

/** The lowest-numbered live node outside the ring, or null. */
function spare(frame: Frame): string | null {
  return hashingViewOf(frame)?.nodes.find((node) => !node.inRing && node.up)?.id ?? null;
}

const join: TourStep = {
  id: 'join',
  title: 'A node joins: only its share of keys moves',
  narration:
    'Each node sits on the ring at the hash of its name, and a few more points (its virtual nodes, or tokens). A key belongs to the first token clockwise from its own hash. When a node joins, it takes over the arcs just before its tokens — and nothing else changes.',
  task: 'Add the spare node to the ring (it also joins on its own at 1.5 s).',
  lookFor: 'Transfer messages carry keys from their old owners to the new node only. The moves chart compares the share moved with 1/(N+1), the least any scheme can move.',
  note: 'With few tokens, the share a joining node takes is whatever arcs its tokens happen to cut: more or less than 1/(N+1).',
  doIt: {
    label: 'add the spare node',
    actions: (frame) => {
      const id = spare(frame);
      return [id ? { do: 'lab', name: 'join', node: id } : { do: 'lab', name: 'join' }];
    },
  },
  done: (frame) => settledChange(frame, 'join', 0) !== null,
  doneText: (frame) => {
    const change = settledChange(frame, 'join', 0)!;
    return `${change.node} joined: ${describeMove(change)}; ${change.involving} of the moved keys went to ${change.node}`;
  },
};

const leave: TourStep = {
  id: 'leave',
  title: 'A node leaves: its keys go to the next nodes clockwise',
  narration: 'Take a node out. Each of its arcs now ends at the next token clockwise, so its keys spread over the nodes after its tokens. Every other key stays where it is.',
  task: 'Remove a node from the ring.',
  lookFor: 'Only the leaving node sends transfers; it keeps each key until the new owner acknowledges it, so nothing is lost on the way.',
  doIt: {
    label: 'remove the lowest-numbered member',
    actions: (frame) => [{ do: 'lab', name: 'leave', node: hashingViewOf(frame)?.members[0] ?? 'n1' }],
  },
  done: (frame, start) => settledChange(frame, 'leave', start.timeMs) !== null,
  doneText: (frame, start) => {
    const change = settledChange(frame, 'leave', start.timeMs)!;
    return `${change.node} left: ${describeMove(change)}; ${change.involving} of them were ${change.node}’s`;
  },
};

const modN: TourStep = {
  id: 'mod-n',
  title: 'Hash mod N: almost every key moves',
  narration:
    'The obvious alternative puts key k on node hash(k) mod N. It balances well, but N is in the formula: change it by one and a key stays put only if its hash gives the same remainder for both N and N+1.',
  task: 'Switch to hash mod N, let the keys settle, then add the node back.',
  lookFor: 'Switching schemes reshuffles everything (expected). Then the join: transfers fly between almost every pair of nodes, and the moves chart shows about N/(N+1) of the keys moved instead of 1/(N+1).',
  doIt: {
    label: 'switch to hash mod N and add the node back',
    actions: (frame) => {
      const id = spare(frame);
      return [configure({ scheme: 'mod' }), id ? { do: 'lab', name: 'join', node: id } : { do: 'lab', name: 'join' }];
    },
  },
  done: (frame, start) => settledChange(frame, 'join', start.timeMs, 'mod') !== null,
  doneText: (frame, start) => `with hash mod N, ${settledChange(frame, 'join', start.timeMs, 'mod')!.node} joining: ${describeMove(settledChange(frame, 'join', start.timeMs, 'mod')!)}`,
};

function balanceText(frame: Frame): string {
  const view = hashingViewOf(frame)!;
  const busiest = view.nodes.filter((n) => n.inRing).reduce((a, b) => (b.primary > a.primary ? b : a));
  return `the busiest node, ${busiest.id}, is first replica for ${busiest.primary} keys: ${view.balance.maxOverMean}× the mean of ${view.balance.mean}`;
}

const oneToken: TourStep = {
  id: 'one-token',
  title: 'One token per node: a lopsided ring',
  narration:
    'Back to the ring, but with one token per node. N random points cut the circle into very uneven arcs: the largest is typically about ln N times the average, and the node owning it holds that much more data.',
  task: 'Switch to the ring with one token per node.',
  lookFor: 'The keys-per-node bars: one or two nodes stand well above the mean line.',
  doIt: { label: 'switch to the ring with one token per node', actions: () => [configure({ scheme: 'ring', vnodes: 1 })] },
  done: (frame) => {
    const view = hashingViewOf(frame);
    return view !== null && view.settled && view.settings.scheme === 'ring' && view.settings.vnodes === 1;
  },
  doneText: (frame) => `with one token per node, ${balanceText(frame)}`,
};

const manyTokens: TourStep = {
  id: 'many-tokens',
  title: 'Many virtual nodes even it out',
  narration:
    'Give every node many tokens. Each node now owns many small arcs scattered round the ring, and the sum of many random arcs is close to its fair share. A node that joins takes a little from every other node instead of everything from one neighbour.',
  task: 'Give each node 64 tokens.',
  lookFor: 'The bars flatten towards the mean line. (`npm run cli -- experiment hashing` measures it over 100,000 keys.)',
  note: 'Tokens are not free: the ring to search grows with them, and with 200 keys the bars still show sampling noise.',
  doIt: { label: 'give each node 64 tokens', actions: () => [configure({ scheme: 'ring', vnodes: 64 })] },
  done: (frame) => {
    const view = hashingViewOf(frame);
    return view !== null && view.settled && view.settings.scheme === 'ring' && view.settings.vnodes >= 32;
  },
  doneText: (frame) => `with ${hashingViewOf(frame)!.settings.vnodes} tokens per node, ${balanceText(frame)}`,
};

const replicas: TourStep = {
  id: 'replicas',
  title: 'Replicas: the next three distinct nodes clockwise',
  narration:
    'To keep three copies, a key goes on the first three distinct nodes clockwise from its hash — its preference list (tokens of a node already on the list are skipped). This is where the quorum lab keeps each key’s N replicas; there each server has one token, in id order.',
  task: 'Set three replicas per key and pick a key on the ring panel to see its preference list.',
  lookFor: 'Transfers copy each key to its second and third replicas; the holders of a picked key match its preference list.',
  doIt: { label: 'keep three replicas of every key', actions: () => [configure({ replicas: 3 })] },
  done: (frame) => {
    const view = hashingViewOf(frame);
    return view !== null && view.settled && view.settings.replicas === 3 && view.holders.every((h) => h.length >= 3);
  },
  doneText: (frame) => {
    const view = hashingViewOf(frame)!;
    return `every key is on 3 nodes; k1’s preference list is ${view.preference[0].join(', ')} and it is held by ${[...view.holders[0]].sort().join(', ')}`;
  },
};

/** The busiest member's requests over the mean in the last second (0 without requests). */
function overload(frame: Frame): number {
  const view = hashingViewOf(frame);
  return view && view.load.mean > 0 ? view.load.max / view.load.mean : 0;
}

const hotKey: TourStep = {
  id: 'hot-key',
  title: 'A hot key: no hashing spreads one key',
  narration:
    'Hashing spreads keys, not requests. Make half of all requests ask for one key, k1: every one of them goes to k1’s first replica, however many tokens or which scheme places it.',
  task: 'Send half of all requests to one hot key.',
  lookFor: 'The requests-per-node chart: the busiest node far above the mean. Changing the scheme only moves the hot spot to another node.',
  note: 'The cures are elsewhere: cache the hot key, read it from all its replicas, or split it into sub-keys (k1#0…k1#7) that hash apart.',
  doIt: { label: 'make k1 a hot key', actions: () => [configure({ access: 'hot' })] },
  // The hot key's node carries half the requests plus its share of the rest: with N members about
  // (N + 1)/2 times the mean, so at least twice it from three members on.
  // Judged on a whole second of hot traffic: two seconds after the switch.
  done: (frame, start) => {
    const view = hashingViewOf(frame);
    return view !== null && frame.timeMs - start.timeMs >= 2000 && view.settings.access === 'hot' && view.load.busiest === view.preference[0]?.[0] && overload(frame) >= 1.5;
  },
  doneText: (frame) => {
    const view = hashingViewOf(frame)!;
    const holder = view.preference[0]?.[0];
    const why = holder === view.load.busiest ? `: it is k1’s first replica` : ` (k1’s first replica is ${holder})`;
    return `${view.load.busiest} served ${view.load.max} requests in the last second, ${Math.round(overload(frame) * 10) / 10}× the mean of ${view.load.mean}${why}`;
  },
};

export const hashingTour: Tour = {
  id: 'hashing',
  title: 'Consistent hashing: what moves, what balances, what it cannot fix',
  steps: [join, leave, modN, oneToken, manyTokens, replicas, hotKey],
};
