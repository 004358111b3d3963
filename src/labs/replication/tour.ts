// The replication lab's guided tour: async loses an acknowledged write at failover and semi-sync
// does not; reads from followers go back in time; sync stalls when one follower is cut off; without
// fencing two primaries accept writes, and with it the old one steps down. Each step completes on
// the lab's checker results and the engine's notes in the frame.
import type { Frame } from '../../engine/frame';
import { hasCutLinks, serverNodes } from '../../ui/tour/cluster';
import type { Tour, TourAction, TourStep } from '../../ui/tour/types';
import { replicationView } from './ui/replication-view';

const lab = (name: string, fields: Record<string, unknown>): TourAction => ({ do: 'lab', name, ...fields });

/** The primary alone on one side of a partition (its clients stay with it), and a write sent to it. */
function isolatePrimary(frame: Frame, write: boolean): TourAction[] {
  const primary = replicationView(frame)?.primary ?? null;
  if (primary === null) return [];
  const others = serverNodes(frame).map((node) => node.id).filter((id) => id !== primary);
  const actions: TourAction[] = [{ do: 'partition', groups: [[primary], others] }];
  if (write) actions.push({ do: 'request', node: primary, op: { f: 'write', key: 'x' } });
  return actions;
}

/** Protocol notes of a tag at or after `sinceMs`, from the frame's recent notable events. */
function notedSince(frame: Frame, tag: string, sinceMs: number): boolean {
  return frame.notable.some((event) => event.kind === 'note' && event.tag === tag && event.timeMs >= sinceMs);
}

/** A write invoked at or after `sinceMs` that ended with one of `outcomes` (info: the client gave
 * up waiting, its outcome unknown; fail: refused). */
function writeEndedSince(frame: Frame, sinceMs: number, outcomes: readonly string[]): boolean {
  const invokedAt = new Map<number, number>();
  for (const event of frame.history) {
    if (event.f !== 'write') continue;
    if (event.type === 'invoke') invokedAt.set(event.process, event.time ?? 0);
    else if (outcomes.includes(event.type) && (invokedAt.get(event.process) ?? -1) >= sinceMs) return true;
  }
  return false;
}

/** The primary in the frame has acknowledged a write since `sinceMs` (it is serving). */
function primaryServingSince(frame: Frame, sinceMs: number): boolean {
  const primary = replicationView(frame)?.primary;
  return frame.history.some((event) => event.type === 'ok' && event.f === 'write' && event.node === primary && (event.time ?? 0) >= sinceMs);
}

/** When fencing was last switched on (the recent faults and controls ring), or null. */
function fencingOnSince(frame: Frame): number | null {
  const switched = frame.faults.filter((event) => event.kind === 'control' && event.tag === 'setFencing' && event.data?.on === true).at(-1);
  return switched ? switched.timeMs : null;
}

function lostSince(frame: Frame, sinceMs: number) {
  return replicationView(frame)?.lost.recent.filter((write) => write.timeMs >= sinceMs) ?? [];
}

const asyncLoses: TourStep = {
  id: 'async-loses-a-write',
  title: 'Async: an acknowledged write lost at failover',
  narration:
    'In async replication the primary answers a write as soon as it is in its own log and ships it to the followers afterwards. If the primary is cut off (or crashes) in between, a write the client was told succeeded exists only on the old primary.',
  task: 'In async mode, cut the primary off with its clients and send it a write. Then play until the followers elect a new primary.',
  lookFor:
    'The write is acknowledged ("ok") by the isolated primary. The followers stop hearing it, wait out its lease, and elect the most up-to-date of them. Once the new primary serves, the "Acknowledged, then lost" count goes up: its log does not have that write.',
  note: 'Nothing here is a bug: async trades this window of loss for fast writes. The window is replication lag — usually milliseconds, but unbounded when followers fall behind.',
  doIt: { label: 'switch to async, cut the primary off and write to it', actions: (frame) => [lab('setMode', { mode: 'async' }), { do: 'heal' }, ...isolatePrimary(frame, true)] },
  done: (frame, start) => {
    const view = replicationView(frame);
    return view?.mode === 'async' && view.lost.authorityIsPrimary && lostSince(frame, start.timeMs).length > 0 && primaryServingSince(frame, start.timeMs);
  },
  doneText: (frame, start) => lostSince(frame, start.timeMs).at(-1)?.sentence ?? 'an acknowledged write was lost',
};

const semiSyncKeeps: TourStep = {
  id: 'semi-sync-keeps-it',
  title: 'Semi-sync: the same failover loses nothing',
  narration:
    'In semi-sync mode the primary answers only once a follower has the write. Cut off, it cannot get that acknowledgement, so the client is never told "ok" — it times out, not knowing — and whatever was acknowledged is on a follower the election can pick.',
  task: 'Heal, switch to semi-sync, and cut the new primary off with a write as before.',
  lookFor: 'The write is not acknowledged: it waits and times out (outcome unknown), or is refused once the primary’s lease runs out. A new primary is elected and serves; no write acknowledged in semi-sync is lost (one acknowledged in async just before the switch still can be).',
  note: 'With three servers one follower’s copy plus the primary’s is a majority, so any election must include a node that has every acknowledged write. With five servers one follower is not a majority: semi-sync can then lose writes unless failover picks exactly the follower that acknowledged (MySQL’s semi-sync also falls back to async after a timeout, by default). Sync mode (every follower) never loses one.',
  doIt: { label: 'heal, switch to semi-sync, cut the primary off and write to it', actions: (frame) => [{ do: 'heal' }, lab('setMode', { mode: 'semi-sync' }), ...isolatePrimary(frame, true)] },
  done: (frame, start) => {
    const view = replicationView(frame);
    if (!view || view.mode === 'async') return false;
    const unanswered = writeEndedSince(frame, start.timeMs, ['info', 'fail']);
    // Writes acknowledged in async just before the switch may still be lost: they are async's.
    const lost = lostSince(frame, start.timeMs).filter((write) => write.mode !== 'async');
    return notedSince(frame, 'promoted', start.timeMs) && unanswered && lost.length === 0 && primaryServingSince(frame, start.timeMs);
  },
  doneText: (frame) => `in ${replicationView(frame)?.mode}, the isolated primary never acknowledged the write; ${replicationView(frame)?.primary ?? 'a new primary'} took over and no acknowledged write was lost`,
};

const followerReads: TourStep = {
  id: 'follower-reads',
  title: 'Reads from followers go back in time',
  narration:
    'Followers apply what they receive a little later than the primary. A client that writes through the primary and then reads from its own follower may not see its write — or may see a newer value, then an older one.',
  task: 'Heal, and let clients read from any node, followers included.',
  lookFor: 'The session checker flags a client whose read went back: "read-your-writes" or "monotonic reads" broken, with the operations named. The lag bars show why.',
  note: 'Even sync replication does not fix this: a follower acknowledges a write when it has received it, before it has applied it (PostgreSQL calls the stronger setting remote_apply). Reading from the primary, or from a follower known to have applied your write, keeps these guarantees.',
  doIt: { label: 'heal and read from followers', actions: () => [{ do: 'heal' }, lab('setReads', { reads: 'followers' })] },
  done: (frame, start) => {
    const view = replicationView(frame);
    return view?.reads === 'followers' && view.sessions.recent.some((violation) => violation.timeMs >= start.timeMs);
  },
  doneText: (frame) => {
    const last = replicationView(frame)?.sessions.recent.at(-1);
    return last ? `${last.guarantee} broken: ${last.sentence}` : 'a session guarantee broke';
  },
};

const syncStalls: TourStep = {
  id: 'sync-stalls',
  title: 'Sync: one follower cut off stalls every write',
  narration:
    'Sync replication waits for every follower. Cut one follower off from the primary and no write can be acknowledged, however healthy the rest of the cluster is.',
  task: 'Read from the primary again, switch to sync, and cut the link between the primary and one follower.',
  lookFor: 'Writes wait and time out; availability drops while reads at the primary still succeed. Heal the link and writes flow again.',
  note: 'This is why real systems rarely wait for all followers: PostgreSQL waits for a named number of standbys (ANY 1 of …), and MySQL’s semi-sync waits for one.',
  doIt: {
    label: 'read from the primary, switch to sync and cut one follower off',
    actions: (frame) => {
      const view = replicationView(frame);
      const follower = view?.lag.find((lag) => lag.up)?.node;
      const cut: TourAction[] = view?.primary && follower ? [{ do: 'cut', from: view.primary, to: follower }] : [];
      return [{ do: 'heal' }, lab('setReads', { reads: 'primary' }), lab('setMode', { mode: 'sync' }), ...cut];
    },
  },
  done: (frame, start) => replicationView(frame)?.mode === 'sync' && hasCutLinks(frame) && writeEndedSince(frame, start.timeMs, ['info']),
  doneText: (frame) => `in sync mode with a follower cut off, writes time out (availability ${replicationView(frame)?.availability.ok ?? 0} of ${replicationView(frame)?.availability.total ?? 0})`,
};

const splitBrain: TourStep = {
  id: 'split-brain',
  title: 'No fencing: two primaries accept writes',
  narration:
    'Fencing is what stops an old primary: epochs it must respect and a lease it must hold to act. Switch it off and cut the primary off again: it keeps answering its clients, while the followers elect a new primary that answers theirs.',
  task: 'Heal, switch to async, turn fencing off, and cut the primary off.',
  lookFor: 'Two primaries on the stage; the invariant "no-split-brain" fires (playback pauses on it): an older primary acknowledged a write after a newer one had.',
  note: 'Whatever either side acknowledged, one side’s writes must be thrown away when they meet again. Real systems fence with epochs checked by followers or storage, with leases, or by cutting the old primary’s power (STONITH).',
  doIt: { label: 'heal, switch to async, turn fencing off and cut the primary off', actions: (frame) => [{ do: 'heal' }, lab('setMode', { mode: 'async' }), lab('setFencing', { on: false }), ...isolatePrimary(frame, false)] },
  done: (frame, start) => (replicationView(frame)?.splitBrain.writes ?? 0) > (replicationView(start)?.splitBrain.writes ?? 0),
  doneText: (frame) => replicationView(frame)?.splitBrain.sentence ?? 'two primaries accepted writes',
};

const fencingStops: TourStep = {
  id: 'fencing-stops-it',
  title: 'Fencing on: the old primary steps down',
  narration:
    'Turn fencing back on. The old primary meets the newer epoch and steps down, dropping the writes only it had; cut the current primary off and it stops answering once its lease runs out, before the followers elect anyone.',
  task: 'Turn fencing on, heal, and cut the current primary off.',
  lookFor: 'A note that the old primary stepped down or refused requests without a lease, a new primary elected, and no more writes accepted by an older primary.',
  note: 'The lease relies on clocks running at the same rate: skew a primary’s clock and its lease can outlive the followers’ promises. That is the price of leases; epochs alone (checked by whoever stores the data) do not need clocks.',
  doIt: { label: 'turn fencing on, heal and cut the primary off', actions: (frame) => [lab('setFencing', { on: true }), { do: 'heal' }, ...isolatePrimary(frame, false)] },
  done: (frame, start) => {
    const view = replicationView(frame);
    if (!view?.fencing) return false;
    const stepped = notedSince(frame, 'fenced', start.timeMs) || notedSince(frame, 'lease-expired', start.timeMs);
    // No older primary acknowledged a write since fencing came back on (an action at a time runs
    // after every event of that millisecond, so an acknowledgement then came before it).
    const fencedSince = fencingOnSince(frame) ?? start.timeMs;
    return stepped && notedSince(frame, 'promoted', start.timeMs) && (view.splitBrain.lastAtMs ?? -1) <= fencedSince;
  },
  doneText: (frame) => `with fencing, the old primary stood down and ${replicationView(frame)?.primary ?? 'a new primary'} took over; no older primary accepted a write`,
};

export const replicationTour: Tour = {
  id: 'replication',
  title: 'Replication: what each mode costs and loses',
  steps: [asyncLoses, semiSyncKeeps, followerReads, syncStalls, splitBrain, fencingStops],
};
