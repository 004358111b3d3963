// Raft's five invariants over compacted logs (Raft §7): they line entries up by index across
// different snapshot offsets, still catch injected bugs, do work per changed entry only (not per
// log entry), and keep ghosts bounded by forgetting what every node's snapshot covers.
import { describe, expect, it } from 'vitest';
import type { Invariant, NodeSnapshot, Operation } from '../../../src/engine/types';
import { kvMachine } from '../../../src/protocols/kv';
import { createRaft, type StateMachine } from '../../../src/protocols/raft';
import { raftInvariants } from '../../../src/protocols/raft/invariants';
import type { LogEntry, RaftSnapshot, RaftState } from '../../../src/protocols/raft/types';
import { Cluster } from './cluster';
import { leaderWith, logOf, stateWith, write } from './helpers';

const [, leaderAppendOnly, logMatching, leaderCompleteness, stateMachineSafety] = raftInvariants(kvMachine);

type Nodes = NodeSnapshot<RaftState>[];

function up(id: string, state: RaftState): NodeSnapshot<RaftState> {
  return { id, up: true, state };
}

function run<G>(invariant: Invariant<RaftState, G>, steps: Nodes[], changed: (string | null)[] = []): (string | null)[] {
  const ghost = invariant.initGhost();
  return steps.map((nodes, i) => invariant.check(nodes, ghost, changed[i] ?? null));
}

/** `full` (entries 1..n) compacted up to `index`: the entries after it and a snapshot of it. */
function compacted(full: LogEntry[], index: number): { log: LogEntry[]; snapshot: RaftSnapshot } {
  return { log: full.slice(index), snapshot: { index, term: full[index - 1].term, machine: {}, sessions: {} } };
}

describe('invariants over compacted logs', () => {
  const full = logOf(1, 1, 2, 2, 2, 2, 2, 2);

  it('leader append-only: compacting a prefix is fine, deleting after the snapshot is caught', () => {
    const before = leaderWith({ currentTerm: 2, ...compacted(full, 3) });
    const compactedMore = leaderWith({ currentTerm: 2, ...compacted(full, 6) });
    expect(run(leaderAppendOnly, [[up('n1', before)], [up('n1', compactedMore)]])).toEqual([null, null]);
    const truncated = leaderWith({ currentTerm: 2, ...compacted(full.slice(0, 7), 6) });
    expect(run(leaderAppendOnly, [[up('n1', before)], [up('n1', truncated)]])[1]).toMatch(/entry 8 x←8 \(term 2\) was deleted/);
    const backwards = leaderWith({ currentTerm: 2, ...compacted(full, 2) });
    expect(run(leaderAppendOnly, [[up('n1', before)], [up('n1', backwards)]])[1]).toMatch(/snapshot went back from index 3 to 2/);
  });

  it('log matching: lines entries up by index across different snapshots', () => {
    const agree = [up('n1', stateWith(compacted(full, 5))), up('n2', stateWith(compacted(full, 2))), up('n3', stateWith({ log: full }))];
    expect(run(logMatching, [agree])).toEqual([null]);
    const other = full.slice();
    other[6] = { term: 2, command: write('y', 0) };
    const differ = [up('n1', stateWith(compacted(full, 5))), up('n2', stateWith(compacted(other, 2)))];
    expect(run(logMatching, [differ])[0]).toMatch(/index 7 of term 2/);
    // The first entry after a snapshot has the snapshot's term before it.
    const shifted = [up('n1', stateWith({ log: full })), up('n2', stateWith({ log: full.slice(3), snapshot: { index: 3, term: 1, machine: {}, sessions: {} } }))];
    expect(run(logMatching, [shifted])[0]).toMatch(/index 4 of term 2, .*after term 1 vs .* after term 2/);
  });

  it('leader completeness: a snapshot covers committed entries only if its term matches', () => {
    const committed = up('n1', stateWith({ currentTerm: 2, log: full, commitIndex: 6 }));
    const good = up('n2', leaderWith({ currentTerm: 3, ...compacted(full, 4) }, 3, 'n2'));
    expect(run(leaderCompleteness, [[committed], [committed, good]], [null, 'n2'])).toEqual([null, null]);
    const lacking = up('n2', leaderWith({ currentTerm: 3, ...compacted(full.slice(0, 5), 4) }, 3, 'n2'));
    expect(run(leaderCompleteness, [[committed], [committed, lacking]], [null, 'n2'])[1]).toMatch(/leader n2 of term 3 lacks entry 6/);
    const wrongSnapshot = up('n2', leaderWith({ currentTerm: 3, log: [], snapshot: { index: 6, term: 1, machine: {}, sessions: {} } }, 3, 'n2'));
    expect(run(leaderCompleteness, [[committed], [committed, wrongSnapshot]], [null, 'n2'])[1]).toMatch(/lacks entry 6 .*its snapshot ends there with term 1/);
  });

  it('state machine safety: a snapshot of another term at a committed index, or beyond what was applied, is caught', () => {
    const committed = up('n1', stateWith({ log: full, commitIndex: 6, lastApplied: 6 }));
    const installed = up('n2', stateWith({ ...compacted(full, 6), commitIndex: 8, lastApplied: 8 }));
    expect(run(stateMachineSafety, [[committed, installed]])).toEqual([null]);
    const wrong = up('n2', stateWith({ log: [], snapshot: { index: 6, term: 1, machine: {}, sessions: {} }, commitIndex: 6, lastApplied: 6 }));
    expect(run(stateMachineSafety, [[committed, wrong]])[0]).toMatch(/n2 has a snapshot up to index 6 of term 1, but n1 committed/);
    const ahead = up('n2', stateWith({ ...compacted(full, 6), commitIndex: 4, lastApplied: 4 }));
    expect(run(stateMachineSafety, [[committed, ahead]])[0]).toMatch(/snapshot up to index 6 but has applied only up to 4/);
    const changedAfter = full.slice();
    changedAfter[7] = { term: 2, command: write('z', 9) };
    const commitAll = up('n1', stateWith({ log: full, commitIndex: 8, lastApplied: 8 }));
    const differs = up('n2', stateWith({ ...compacted(changedAfter, 6), commitIndex: 8, lastApplied: 8 }));
    expect(run(stateMachineSafety, [[commitAll, differs]])[0]).toMatch(/n2 has z←9 \(term 2\) at committed index 8/);
  });
});

/** Kv Raft with a compaction bug: the snapshot claims one index less than it covers, so every
 * entry after it sits one index too low (an off-by-one in the log offset). */
function offByOneRaft() {
  const library = createRaft({ machine: kvMachine });
  const shift = (state: RaftState): RaftState =>
    state.snapshot === null || state.snapshot.index === 0 ? state : { ...state, snapshot: { ...state.snapshot, index: state.snapshot.index - 1 } };
  const seen = new WeakSet<object>();
  const fix = ([state, out]: [RaftState, any]): [RaftState, any] => {
    // Shift each snapshot once, when it first appears.
    if (state.snapshot === null || seen.has(state.snapshot)) return [state, out];
    const next = shift(state);
    seen.add(next.snapshot!);
    return [next, out];
  };
  const protocol = {
    ...library.protocol,
    onMessage: (state: RaftState, from: string, message: any, ctx: any) => fix(library.protocol.onMessage(state as any, from, message, ctx) as any),
    onTimer: (state: RaftState, timer: string, ctx: any) => fix(library.protocol.onTimer(state as any, timer, ctx) as any),
  };
  return { protocol, invariants: library.invariants };
}

describe('injected bugs are still caught with snapshots on', () => {
  it('an off-by-one log offset after a snapshot breaks log matching and state machine safety', () => {
    const cluster = new Cluster(3, { snapshotEvery: 5 }, offByOneRaft() as never);
    cluster.elect('n1');
    for (let i = 1; i <= 20; i++) {
      cluster.request('n1', write('x', i));
      cluster.deliverAll();
    }
    const names = cluster.violations.map((v) => v.split(':')[0]);
    expect(names).toContain('state-machine-safety');
    expect(names.some((name) => name === 'log-matching' || name === 'leader-append-only')).toBe(true);
  });

  it('a follower that keeps a conflicting suffix after InstallSnapshot breaks log matching', () => {
    const library = createRaft({ machine: kvMachine });
    // The bug: whatever its log held after the snapshot's index stays, even if it conflicts.
    const keepsSuffix = {
      ...library.protocol,
      onMessage: (state: RaftState, from: string, message: any, ctx: any) => {
        const [next, out] = library.protocol.onMessage(state as any, from, message, ctx);
        if (message.type !== 'InstallSnapshot' || next.snapshot === state.snapshot) return [next, out];
        const base = state.snapshot?.index ?? 0;
        const kept = state.log.slice(Math.max(0, message.lastIncludedIndex - base));
        return [{ ...next, log: kept.length > 0 ? kept : next.log }, out];
      },
    };
    /** n3 comes back from a crash with 30 entries of a term nobody else has (a leader of term 7
     * it was, in a history this test skips), past the leader's snapshot; the violations. */
    function scenario(protocol: unknown): string[] {
      const cluster = new Cluster(3, { snapshotEvery: 5 }, { protocol, invariants: library.invariants } as never);
      cluster.elect('n1');
      cluster.request('n1', write('x', 0));
      cluster.deliverAll();
      cluster.crash('n3');
      for (let i = 1; i <= 20; i++) {
        cluster.request('n1', write('x', i));
        cluster.deliverAll();
      }
      cluster.restart('n3');
      const n3 = cluster.node('n3');
      const phantom = Array.from({ length: 30 }, (_, i) => ({ term: 7, command: write('q', i) }));
      n3.state = { ...n3.state!, log: [...n3.state!.log, ...phantom] };
      cluster.checkInvariants('n3');
      for (let round = 0; round < 3; round++) {
        cluster.fire('n1', 'heartbeat');
        cluster.deliverAll();
      }
      expect(cluster.sent.some((e) => e.to === 'n3' && e.message.type === 'InstallSnapshot')).toBe(true);
      return cluster.violations.map((v) => v.split(':')[0]);
    }
    expect(scenario(library.protocol)).toEqual([]);
    expect(scenario(keepsSuffix)).toContain('log-matching');
  });
});

/** The key/value machine, counting how many times the invariants ask for a command's key. */
function countingMachine(): { machine: StateMachine<Record<string, unknown>>; calls: () => number } {
  let calls = 0;
  const machine: StateMachine<Record<string, unknown>> = {
    ...kvMachine,
    key: (command) => {
      calls++;
      return kvMachine.key(command as Operation);
    },
  };
  return { machine, calls: () => calls };
}

describe('incremental checking', () => {
  function keyCallsPerWrite(writes: number, params: Record<string, unknown>): number[] {
    const { machine, calls } = countingMachine();
    const cluster = new Cluster(3, params, createRaft({ machine }) as never);
    cluster.elect('n1');
    const perWrite: number[] = [];
    for (let i = 1; i <= writes; i++) {
      const before = calls();
      cluster.request('n1', write('x', i));
      cluster.deliverAll();
      perWrite.push(calls() - before);
    }
    expect(cluster.violations).toEqual([]);
    return perWrite;
  }

  it('computes keys per new or newly committed entry, not per log entry, however long the log', () => {
    for (const params of [{}, { snapshotEvery: 20 }]) {
      const perWrite = keyCallsPerWrite(400, params);
      const early = perWrite.slice(10, 20);
      const late = perWrite.slice(390, 400);
      expect(Math.max(...late)).toBeLessThanOrEqual(Math.max(...early));
      expect(Math.max(...late)).toBeLessThan(40);
    }
  });

  it('keeps ghosts bounded: what every snapshot covers is forgotten', () => {
    const cluster = new Cluster(3, { snapshotEvery: 10 });
    cluster.elect('n1');
    for (let i = 1; i <= 600; i++) {
      cluster.request('n1', write('x', i));
      cluster.deliverAll();
    }
    expect(cluster.violations).toEqual([]);
    const [, , matching, completeness, machine] = cluster.ghosts as any[];
    expect(matching.entries.size).toBeLessThanOrEqual(40);
    expect(completeness.committed.records.length).toBeLessThanOrEqual(40);
    expect(machine.committed.records.length).toBeLessThanOrEqual(40);
    expect(completeness.committed.base).toBeGreaterThan(500);
  });
});
