// Log compaction (Raft §7): snapshots are taken every snapshotEvery applied entries and the log
// stays short; a follower that missed compacted entries gets InstallSnapshot and catches up; a
// restarted node starts from its snapshot; the receiver keeps or discards its log as Figure 13
// says; §8's session table answers a repeated request after its entry was compacted.
import { describe, expect, it } from 'vitest';
import { requestMessage } from '../../../src/protocols/client/messages';
import { raft } from '../../../src/protocols/raft';
import { lastIndex } from '../../../src/protocols/raft/log';
import type { InstallSnapshot, RaftState } from '../../../src/protocols/raft/types';
import { Cluster } from './cluster';
import { context, logOf, replies, sends, stateWith, write } from './helpers';

const EVERY = 10;

/** A 3-node cluster with n1 as leader that has applied `writes` writes of x (1, 2, …). */
function busyCluster(writes: number, size = 3): Cluster {
  const cluster = new Cluster(size, { snapshotEvery: EVERY });
  cluster.elect('n1');
  for (let i = 1; i <= writes; i++) {
    cluster.request('n1', write('x', i));
    cluster.deliverAll();
  }
  heartbeat(cluster);
  return cluster;
}

function heartbeat(cluster: Cluster): void {
  cluster.fire('n1', 'heartbeat');
  cluster.deliverAll();
}

describe('snapshots (Raft §7)', () => {
  it('are taken every snapshotEvery applied entries, and the log stays short over a long run', () => {
    const cluster = new Cluster(3, { snapshotEvery: EVERY });
    cluster.elect('n1');
    let longest = 0;
    for (let i = 1; i <= 300; i++) {
      cluster.request('n1', write('x', i));
      cluster.deliverAll();
      for (const node of cluster.nodes) longest = Math.max(longest, node.state!.log.length);
    }
    heartbeat(cluster);
    expect(cluster.violations).toEqual([]);
    expect(longest).toBeLessThanOrEqual(2 * EVERY + 2);
    for (const node of cluster.nodes) {
      const state = node.state!;
      expect(lastIndex(state)).toBe(301); // the leader's no-op and 300 writes
      expect(state.snapshot?.index).toBeGreaterThanOrEqual(301 - 2 * EVERY);
      expect(state.machine).toEqual({ x: 300 });
      expect(state.commitIndex).toBe(301);
    }
    // The snapshot holds the machine as it was at its index.
    const snapshot = cluster.state('n2').snapshot!;
    expect(snapshot.machine).toEqual({ x: snapshot.index - 1 });
  });

  it('are never taken without the param (a v1 link replays the old way)', () => {
    const cluster = new Cluster(3);
    cluster.elect('n1');
    for (let i = 1; i <= 40; i++) {
      cluster.request('n1', write('x', i));
      cluster.deliverAll();
    }
    for (const node of cluster.nodes) {
      expect(node.state!.snapshot).toBeNull();
      expect(node.state!.sessions).toEqual({});
    }
    expect(cluster.state('n1').log.length).toBe(41);
  });

  it('bring a follower that was down long enough back with InstallSnapshot, to identical committed state', () => {
    const cluster = busyCluster(5);
    cluster.crash('n3');
    for (let i = 6; i <= 60; i++) {
      cluster.request('n1', write('x', i));
      cluster.deliverAll();
    }
    const leader = cluster.state('n1');
    expect(leader.snapshot!.index).toBeGreaterThan(lastIndex(cluster.node('n3').disk!));
    cluster.restart('n3');
    heartbeat(cluster);
    heartbeat(cluster);
    const installs = cluster.sent.filter((e) => e.to === 'n3' && e.message.type === 'InstallSnapshot');
    expect(installs.length).toBeGreaterThan(0);
    const follower = cluster.state('n3');
    const now = cluster.state('n1');
    expect(follower.machine).toEqual(now.machine);
    expect(follower.machine).toEqual({ x: 60 });
    expect(follower.commitIndex).toBe(now.commitIndex);
    expect(lastIndex(follower)).toBe(lastIndex(now));
    expect(follower.snapshot!.index).toBe((installs.at(-1)!.message as InstallSnapshot).lastIncludedIndex);
    // It keeps up by plain AppendEntries from there.
    for (let i = 61; i <= 64; i++) {
      cluster.request('n1', write('x', i));
      cluster.deliverAll();
    }
    heartbeat(cluster);
    expect(cluster.state('n3').machine).toEqual({ x: 64 });
    expect(cluster.violations).toEqual([]);
  });

  it('persist: a restarted node starts from its snapshot, then catches up', () => {
    const cluster = busyCluster(35);
    const before = cluster.state('n2');
    cluster.crash('n2');
    cluster.restart('n2');
    const restarted = cluster.state('n2');
    expect(restarted.snapshot).toEqual(before.snapshot);
    expect(restarted.lastApplied).toBe(before.snapshot!.index);
    expect(restarted.commitIndex).toBe(before.snapshot!.index);
    expect(restarted.machine).toEqual(before.snapshot!.machine);
    expect(restarted.log).toEqual(before.log);
    expect(raft.persisted(restarted).snapshot).toEqual(before.snapshot);
    heartbeat(cluster);
    expect(cluster.state('n2').machine).toEqual({ x: 35 });
    expect(cluster.violations).toEqual([]);
  });
});

describe('InstallSnapshot receiver (Raft §7, Figure 13)', () => {
  const ctx = context('n2', 3, { snapshotEvery: EVERY });
  const message: InstallSnapshot = { type: 'InstallSnapshot', term: 2, leaderId: 'n1', lastIncludedIndex: 5, lastIncludedTerm: 1, machine: { x: 5 }, sessions: {} };

  function follower(fields: Partial<RaftState>): RaftState {
    return stateWith({ currentTerm: 2, leaderId: 'n1', machine: {}, ...fields });
  }

  it('keeps the entries after the snapshot when its log has the last included entry', () => {
    const state = follower({ log: logOf(1, 1, 1, 1, 1, 2, 2), commitIndex: 2, lastApplied: 2, machine: { x: 2 } });
    const [next, out] = raft.onMessage(state, 'n1', message, ctx);
    expect(next.snapshot).toMatchObject({ index: 5, term: 1 });
    expect(next.log).toEqual(state.log.slice(5));
    expect(lastIndex(next)).toBe(7);
    expect(next.machine).toEqual({ x: 5 });
    expect([next.commitIndex, next.lastApplied]).toEqual([5, 5]);
    expect(sends(out, 'InstallSnapshotReply').map((s) => s.message)).toEqual([{ type: 'InstallSnapshotReply', term: 2, matchIndex: 5 }]);
  });

  it('discards the whole log when it conflicts with the snapshot', () => {
    const state = follower({ log: logOf(1, 1, 1, 1, 2, 2), commitIndex: 3, lastApplied: 3, machine: { x: 3 } });
    const [next] = raft.onMessage(state, 'n1', message, ctx);
    expect(next.log).toEqual([]);
    expect(lastIndex(next)).toBe(5);
    expect(next.machine).toEqual({ x: 5 });
  });

  it('changes nothing when its committed prefix already covers the snapshot', () => {
    const state = follower({ log: logOf(1, 1, 1, 1, 1, 1), commitIndex: 6, lastApplied: 6, machine: { x: 6 } });
    const [next, out] = raft.onMessage(state, 'n1', message, ctx);
    expect(next.log).toBe(state.log);
    expect(next.snapshot).toBeNull();
    expect(next.machine).toEqual({ x: 6 });
    expect(sends(out, 'InstallSnapshotReply').map((s) => s.message)).toEqual([{ type: 'InstallSnapshotReply', term: 2, matchIndex: 6 }]);
  });

  it('refuses a stale leader with its own term', () => {
    const state = follower({ currentTerm: 3, log: logOf(1) });
    const [next, out] = raft.onMessage(state, 'n1', message, ctx);
    expect(next).toBe(state);
    expect(sends(out).map((s) => s.message)).toEqual([{ type: 'InstallSnapshotReply', term: 3, matchIndex: 0 }]);
  });
});

describe('§8 de-duplication with the session table', () => {
  it('answers a repeated request once more, from the table, after its entry was compacted, without running it again', () => {
    const cluster = busyCluster(0);
    cluster.queue.push({ from: 'c9', to: 'n1', message: requestMessage(500, write('x', 'first')) });
    cluster.deliverAll();
    const first = cluster.replies.filter((r) => r.to === 'c9' && r.requestId === 500);
    expect(first.map((r) => r.result)).toEqual([{ status: 'ok', value: 'first' }]);
    for (let i = 1; i <= 3 * EVERY; i++) {
      cluster.request('n1', write('x', i));
      cluster.deliverAll();
    }
    const leader = cluster.state('n1');
    expect(leader.snapshot!.index).toBeGreaterThan(2); // the entry of request 500 (index 2) is compacted
    expect(leader.log.some((entry) => entry.request?.requestId === 500)).toBe(false);
    cluster.queue.push({ from: 'c9', to: 'n1', message: requestMessage(500, write('x', 'first')) });
    cluster.deliverAll();
    heartbeat(cluster);
    const after = cluster.state('n1');
    expect(lastIndex(after)).toBe(lastIndex(leader)); // not appended again
    expect(after.machine).toEqual({ x: 3 * EVERY }); // not run again
    const answers = cluster.replies.filter((r) => r.to === 'c9' && r.requestId === 500);
    expect(answers.map((r) => r.result)).toEqual([{ status: 'ok', value: 'first' }, { status: 'ok', value: 'first' }]);
    expect(cluster.violations).toEqual([]);
  });

  it('keeps the table in snapshots, so a follower that installed one recognises the request as leader', () => {
    const cluster = busyCluster(0);
    cluster.queue.push({ from: 'c9', to: 'n1', message: requestMessage(500, write('x', 'first')) });
    cluster.deliverAll();
    cluster.crash('n3');
    for (let i = 1; i <= 3 * EVERY; i++) {
      cluster.request('n1', write('x', i));
      cluster.deliverAll();
    }
    cluster.restart('n3');
    heartbeat(cluster);
    const n3 = cluster.state('n3');
    expect(n3.sessions.c9?.requests.map((r) => r.requestId)).toEqual([500]);
    // n3 leads now: the repeat is answered from the table it got in the snapshot.
    cluster.crash('n1');
    cluster.elect('n3');
    expect(cluster.leader()).toBe('n3');
    const [, out] = raft.onMessage(cluster.state('n3'), 'c9', requestMessage(500, write('x', 'first')), cluster.ctx('n3'));
    expect(replies(out)).toEqual([{ to: 'c9', requestId: 500, result: { status: 'ok', value: 'first' } }]);
    expect(sends(out, 'AppendEntries')).toEqual([]);
  });
});

describe('the view of a compacted log', () => {
  it('starts with a cell for the snapshot, then the entries after it at their own indexes', () => {
    const state = stateWith({ log: logOf(2, 2), snapshot: { index: 120, term: 1, machine: {}, sessions: {} }, commitIndex: 121, lastApplied: 121 });
    const view = raft.view(state);
    expect(view.log).toEqual([
      { term: 1, index: 120, label: 'snap ≤ 120', committed: true },
      { term: 2, index: 121, label: 'x←1', committed: true },
      { term: 2, index: 122, label: 'x←2', committed: false },
    ]);
    expect(view.details.logLength).toBe(122);
    expect(view.details.snapshot).toBe('≤ 120 (term 1)');
  });
});
