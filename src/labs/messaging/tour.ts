// The messaging lab's guided tour: redelivery and duplicates in a queue, idempotence, poison
// messages and the dead-letter queue, commit-before losses and commit-after duplicates in a
// stream, replaying the stream to rebuild a projection (with and without a snapshot), and
// pub/sub with non-durable and durable subscriptions. Every step completes on the checkers'
// findings or the engine state in `frame.labView`; "Do it for me" reads the frame's consumers.
import type { Frame, NodeFrame } from '../../engine/frame';
import { byNodeNumber, serverNodes } from '../../ui/tour/cluster';
import type { Tour, TourAction, TourStep } from '../../ui/tour/types';
import type { RuntimeChange } from './settings';
import type { MessagingView } from './view';

/** The lab's part of the frame, or null before it has one. */
export function messagingView(frame: Frame): MessagingView | null {
  const view = frame.labView as Partial<MessagingView> | null;
  return typeof view === 'object' && view !== null && typeof view.report === 'object' ? (view as MessagingView) : null;
}

const configure = (change: RuntimeChange): TourAction => ({ do: 'lab', name: 'configure', ...change });

function consumers(frame: Frame): NodeFrame[] {
  return serverNodes(frame).slice().sort((a, b) => byNodeNumber(a.id, b.id));
}

/** Consumers in the middle of a message (working on it or applying it). */
function busy(frame: Frame): string[] {
  return consumers(frame).filter((node) => node.up && !node.paused && /^(working on|applying)/.test(node.view.summary)).map((node) => node.id);
}

/** The busy consumers, or the first one when none is. */
function busyOrFirst(frame: Frame): string[] {
  const ids = busy(frame);
  return ids.length > 0 ? ids : [consumers(frame)[0].id];
}

/** All but the last consumer: they stall while one keeps going and takes over their messages. */
function allButLast(frame: Frame): string[] {
  const ids = consumers(frame).map((node) => node.id);
  return ids.length > 1 ? ids.slice(0, -1) : ids;
}

const since = (frame: Frame, start: Frame) => (messagingView(frame)?.windowStartMs ?? -1) >= start.timeMs;

const redelivery: TourStep = {
  id: 'redelivery',
  title: 'A queue delivers at least once',
  narration:
    'A received message turns invisible for the visibility timeout (600 ms) and comes back unless the consumer deletes it in time. A consumer that stalls — a GC pause, a slow disk — has its message handed to another consumer, and then finishes it anyway.',
  task: 'Turn idempotence off and pause consumers for 2 s, past the visibility timeout.',
  lookFor: 'Messages labelled ×2 on the stage (a second receive), and “effects applied more than once” climbing in the checker panel.',
  note: 'No broker can promise exactly-once delivery: it cannot tell a dead consumer from a slow one, so it must either redeliver (at-least-once) or risk never delivering (at-most-once).',
  doIt: {
    label: 'turn idempotence off and pause consumers for 2 s',
    actions: (frame) => [configure({ mode: 'queue', idempotent: false, commit: 'after' }), ...allButLast(frame).map((node): TourAction => ({ do: 'pause', node, durationMs: 2000 }))],
  },
  done: (frame, start) => since(frame, start) && (messagingView(frame)?.report.duplicatedEffects ?? 0) > 0 && messagingView(frame)?.settings.idempotent === false,
  doneText: (frame) => `redelivered, and applied twice: ${messagingView(frame)?.report.duplicates.at(-1)?.sentence ?? ''}`,
};

const idempotence: TourStep = {
  id: 'idempotence',
  title: 'Effectively once: an idempotent consumer',
  narration:
    'Redelivery cannot be avoided, so make it harmless. The store keeps a table of message ids it has applied, written in the same transaction as the effect; a redelivered message finds its id there and changes nothing.',
  task: 'Turn idempotence on and pause consumers again.',
  lookFor: 'Redeliveries still happen, but “deduped by the store” rises instead of duplicated effects.',
  note: 'The dedupe table must be written atomically with the effect: deduping in the consumer’s memory, or checking before and writing after, leaves the same window open.',
  doIt: {
    label: 'turn idempotence on and pause consumers for 2 s',
    actions: (frame) => [configure({ idempotent: true }), ...allButLast(frame).map((node): TourAction => ({ do: 'pause', node, durationMs: 2000 }))],
  },
  done: (frame, start) => {
    const view = messagingView(frame);
    return since(frame, start) && view !== null && view.settings.idempotent && view.store.deduped > (messagingView(start)?.store.deduped ?? 0) && view.report.duplicatedEffects === 0;
  },
  doneText: (frame, start) => `the store skipped ${(messagingView(frame)?.store.deduped ?? 0) - (messagingView(start)?.store.deduped ?? 0)} redelivered message(s); no effect applied twice`,
};

const poison: TourStep = {
  id: 'poison',
  title: 'Poison messages go to the dead-letter queue',
  narration:
    'Some messages can never be processed (☠ on the stage): every attempt fails, the message comes back after each timeout, and without a limit it would cycle forever. After maxReceiveCount receives the broker moves it to the dead-letter queue.',
  task: 'Make every fourth message poison and watch.',
  lookFor: 'The DLQ list in the side panel fills; the Backlog chart’s dead-letter line rises.',
  doIt: { label: 'make every fourth message poison', actions: () => [configure({ poisonEvery: 4, patched: false })] },
  done: (frame, start) => since(frame, start) && (messagingView(frame)?.report.deadLettered ?? 0) > 0,
  doneText: (frame) => `${messagingView(frame)?.report.deadLettered} message(s) dead-lettered after ${messagingView(frame)?.settings.maxReceiveCount} failed receives`,
};

const redrive: TourStep = {
  id: 'redrive',
  title: 'Fix the consumer, redrive the dead letters',
  narration: 'A dead-letter queue is a place to look, not a bin. Once a fix is deployed, send the dead letters back to the queue: this time they succeed.',
  task: 'Deploy the fix and redrive the DLQ.',
  lookFor: '“Recovered from the DLQ” counts dead letters that took effect after the redrive.',
  doIt: { label: 'deploy the fix and redrive the DLQ', actions: () => [configure({ patched: true }), { do: 'lab', name: 'redrive' }] },
  done: (frame, start) => (messagingView(frame)?.settings.patched ?? false) && (messagingView(frame)?.recovered ?? 0) > (messagingView(start)?.recovered ?? 0),
  doneText: (frame) => `${messagingView(frame)?.recovered} dead letter(s) redriven and applied`,
};

const stream: TourStep = {
  id: 'stream',
  title: 'A stream: partitions, offsets and a consumer group',
  narration:
    'Now the broker keeps an append-only log in partitions (a key always lands in the same one, so each key stays in order). The consumers form a group: each partition belongs to one member, which reads it in offset order and commits how far it got. Here the consumers commit before doing the work, and they are slow.',
  task: 'Switch to stream mode, committing before the work, with slow consumers.',
  lookFor: 'The partition table: each partition’s owner, end and committed offset; consumer lag grows on the Backlog chart.',
  doIt: { label: 'switch to a stream with commit-before and slow consumers', actions: () => [configure({ mode: 'stream', commit: 'before', idempotent: false, poisonEvery: 0, processMs: 400 })] },
  done: (frame, start) => {
    const view = messagingView(frame);
    return since(frame, start) && view !== null && view.settings.mode === 'stream' && view.broker.generation > 0 && view.store.effects - (messagingView(start)?.store.effects ?? 0) >= 3;
  },
  doneText: (frame) => `generation ${messagingView(frame)?.broker.generation}: ${messagingView(frame)?.broker.partitions.map((p) => `p${p.partition}→${p.owner ?? '–'}`).join(', ')}`,
};

const commitBefore: TourStep = {
  id: 'commit-before',
  title: 'Commit before the work: a crash loses the message',
  narration:
    'A consumer that commits the offset and then crashes before applying the effect has told the group “done” for work never done. The partition’s new owner starts after the committed offset: that message is skipped for good (at-most-once).',
  task: 'Crash the consumers that are in the middle of a message.',
  lookFor: 'The group rebalances after the session timeout (1 s); the checker’s lost count rises.',
  doIt: { label: 'crash the busy consumers', actions: (frame) => busyOrFirst(frame).map((node): TourAction => ({ do: 'crash', node })) },
  done: (frame) => messagingView(frame)?.settings.commit === 'before' && (messagingView(frame)?.report.lost ?? 0) > 0,
  doneText: (frame) => messagingView(frame)?.report.losses.at(-1)?.sentence ?? 'a message was lost',
};

const commitAfter: TourStep = {
  id: 'commit-after',
  title: 'Commit after the work: duplicates instead',
  narration:
    'Commit after the effect and a crash can no longer lose a message — but a consumer that stalls past the session timeout loses its partitions, the new owner re-reads from the last commit, and the stalled one finishes its message too.',
  task: 'Restart the crashed consumers, commit after the work, and pause the busy ones for 2 s.',
  lookFor: 'A rebalance, records read again from the committed offset, and a duplicated effect (idempotence is still off).',
  doIt: {
    label: 'commit after the work and pause the busy consumers',
    actions: (frame) => [
      ...consumers(frame).filter((node) => !node.up).map((node): TourAction => ({ do: 'restart', node: node.id })),
      configure({ commit: 'after' }),
      ...busyOrFirst(frame).map((node): TourAction => ({ do: 'pause', node, durationMs: 2000 })),
    ],
  },
  done: (frame, start) => since(frame, start) && messagingView(frame)?.settings.commit === 'after' && (messagingView(frame)?.report.duplicatedEffects ?? 0) > 0,
  doneText: (frame) => `no loss, a duplicate instead: ${messagingView(frame)?.report.duplicates.at(-1)?.sentence ?? ''}`,
};

function rebuildText(frame: Frame): string {
  const rebuild = messagingView(frame)?.store.rebuild;
  return rebuild && rebuild.doneMs !== null ? `${rebuild.replayed} events replayed in ${rebuild.doneMs - rebuild.startedMs} ms` : '';
}

const replay: TourStep = {
  id: 'replay',
  title: 'Replay the log to rebuild a projection',
  narration:
    'The store’s totals per key are a projection of the log: fold every event in order and you get them back. Take a snapshot of the projection, then throw it away and replay the stream from offset 0. Replayed records rebuild the projection only; their side effects do not run again.',
  task: 'Snapshot the projection, then replay from offset 0.',
  lookFor: 'The lag jumps to the whole log and drains; the projection panel reports how long the rebuild took.',
  doIt: { label: 'snapshot, then replay from offset 0', actions: () => [configure({ processMs: 80 }), { do: 'lab', name: 'snapshot' }, { do: 'lab', name: 'replay', source: 'start' }] },
  done: (frame, start) => {
    const rebuild = messagingView(frame)?.store.rebuild;
    return rebuild !== null && rebuild !== undefined && rebuild.from === 'start' && rebuild.startedMs >= start.timeMs && rebuild.doneMs !== null;
  },
  doneText: (frame) => `rebuilt from offset 0: ${rebuildText(frame)}`,
};

const snapshotReplay: TourStep = {
  id: 'snapshot-replay',
  title: 'A snapshot makes the rebuild short',
  narration: 'Replay again, this time from the snapshot: the projection starts from the saved totals and only the events after the snapshot’s offsets are replayed.',
  task: 'Replay from the snapshot.',
  lookFor: 'Fewer events replayed, in less time, to the same totals.',
  note: 'Event sourcing keeps the log as the source of truth; snapshots are a cache of a fold over it, so they can be thrown away and rebuilt.',
  doIt: { label: 'replay from the snapshot', actions: () => [{ do: 'lab', name: 'replay', source: 'snapshot' }] },
  done: (frame, start) => {
    const rebuild = messagingView(frame)?.store.rebuild;
    return rebuild !== null && rebuild !== undefined && rebuild.from === 'snapshot' && rebuild.startedMs >= start.timeMs && rebuild.doneMs !== null;
  },
  doneText: (frame) => `rebuilt from the snapshot: ${rebuildText(frame)}`,
};

/** The subscriber the pub/sub steps take offline. */
function offline(frame: Frame): string {
  const ids = consumers(frame).map((node) => node.id);
  return ids[Math.min(1, ids.length - 1)];
}

const nonDurable: TourStep = {
  id: 'non-durable',
  title: 'Pub/sub: an offline subscriber misses messages',
  narration:
    'In pub/sub every subscriber gets its own copy of every message. Without a durable subscription the broker pushes each message once to whoever is connected: a subscriber that is down when it is published never sees it.',
  task: 'Switch to pub/sub with non-durable subscriptions and crash a subscriber.',
  lookFor: 'The lost count rises for the crashed subscriber; the others get everything.',
  doIt: {
    label: 'switch to non-durable pub/sub and crash a subscriber',
    actions: (frame) => [
      ...consumers(frame).filter((node) => !node.up).map((node): TourAction => ({ do: 'restart', node: node.id })),
      configure({ mode: 'pubsub', durable: false, commit: 'after', idempotent: true, processMs: 60 }),
      { do: 'crash', node: offline(frame) },
    ],
  },
  done: (frame) => messagingView(frame)?.settings.mode === 'pubsub' && !messagingView(frame)?.settings.durable && (messagingView(frame)?.report.lost ?? 0) > 0,
  doneText: (frame) => messagingView(frame)?.report.losses.at(-1)?.sentence ?? 'a subscriber missed a message',
};

const durable: TourStep = {
  id: 'durable',
  title: 'A durable subscription keeps them',
  narration: 'A durable subscription belongs to the subscriber, not to its connection: the broker keeps every message the subscriber has not acknowledged, and resends them when it comes back.',
  task: 'Make subscriptions durable and take the subscriber down again.',
  lookFor: 'The broker holds messages for the offline subscriber. Restart it (node menu) and watch them arrive, then explore on your own.',
  doIt: {
    label: 'make subscriptions durable and crash a subscriber',
    actions: (frame) => [
      ...consumers(frame).filter((node) => !node.up).map((node): TourAction => ({ do: 'restart', node: node.id })),
      configure({ durable: true }),
      { do: 'crash', node: offline(frame) },
    ],
  },
  done: (frame, start) => {
    const view = messagingView(frame);
    const id = offline(frame);
    const down = frame.nodes.find((node) => node.id === id)?.up === false;
    return since(frame, start) && view !== null && view.settings.durable && down && (view.broker.unacked[id] ?? 0) > 0;
  },
  doneText: (frame) => `the broker holds ${messagingView(frame)?.broker.unacked[offline(frame)]} message(s) for ${offline(frame)} while it is down`,
};

export const messagingTour: Tour = {
  id: 'messaging',
  title: 'Messaging: what at-least-once really means',
  steps: [redelivery, idempotence, poison, redrive, stream, commitBefore, commitAfter, replay, snapshotReplay, nonDurable, durable],
};
