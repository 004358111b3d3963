// Each Raft invariant passes on valid states and detects a hand-crafted violation (Raft Figure 3).
import { describe, expect, it } from 'vitest';
import type { Invariant, NodeSnapshot } from '../../../src/engine/types';
import { kvMachine } from '../../../src/protocols/kv';
import { raftInvariants } from '../../../src/protocols/raft/invariants';

const [electionSafety, leaderAppendOnly, logMatching, leaderCompleteness, stateMachineSafety] = raftInvariants(kvMachine);
import type { RaftState } from '../../../src/protocols/raft/types';
import { leaderWith, logOf, stateWith, write } from './helpers';
import { growableLog } from '../../../src/protocols/raft/log-lineage';

type Nodes = NodeSnapshot<RaftState>[];

function up(id: string, state: RaftState): NodeSnapshot<RaftState> {
  return { id, up: true, state };
}

/** Runs an invariant over a sequence of cluster snapshots, as the engine would after each event. */
function run<G>(invariant: Invariant<RaftState, G>, steps: Nodes[], changed: (string | null)[] = []): (string | null)[] {
  const ghost = invariant.initGhost();
  return steps.map((nodes, i) => invariant.check(nodes, ghost, changed[i] ?? null));
}

describe('election safety', () => {
  it('passes with one leader per term, even a stale leader of an older term', () => {
    const nodes = [up('n1', leaderWith({ currentTerm: 2, log: logOf(2) })), up('n2', leaderWith({ currentTerm: 3, log: logOf(2, 3) }, 3, 'n2'))];
    expect(run(electionSafety, [nodes])).toEqual([null]);
  });

  it('detects two leaders in one term, even if the first has crashed since', () => {
    const first = [up('n1', leaderWith({ currentTerm: 2, log: logOf(2) })), up('n2', stateWith({ currentTerm: 2 }))];
    const second: Nodes = [{ id: 'n1', up: false, state: null }, up('n2', leaderWith({ currentTerm: 2, log: logOf(2) }, 3, 'n2'))];
    const results = run(electionSafety, [first, second], [null, 'n2']);
    expect(results[0]).toBeNull();
    expect(results[1]).toMatch(/two leaders in term 2: n1 and n2/);
  });
});

describe('leader append-only', () => {
  const log = logOf(1, 2, 2);
  it('passes while the leader appends', () => {
    const steps = [[up('n1', leaderWith({ currentTerm: 2, log }))], [up('n1', leaderWith({ currentTerm: 2, log: [...log, { term: 2, command: null }] }))]];
    expect(run(leaderAppendOnly, steps, ['n1', 'n1'])).toEqual([null, null]);
  });

  it('detects a leader deleting or overwriting an entry', () => {
    const truncated = [[up('n1', leaderWith({ currentTerm: 2, log }))], [up('n1', leaderWith({ currentTerm: 2, log: log.slice(0, 2) }))]];
    expect(run(leaderAppendOnly, truncated)[1]).toMatch(/entry 3 .* was deleted/);
    const overwritten = [[up('n1', leaderWith({ currentTerm: 2, log }))], [up('n1', leaderWith({ currentTerm: 2, log: [log[0], { term: 2, command: write('y', 7) }, log[2]] }))]];
    expect(run(leaderAppendOnly, overwritten)[1]).toMatch(/entry 2 .* was replaced by y←7/);
  });

  it('compares entries by value after a checkpoint clone', () => {
    const state = leaderWith({ currentTerm: 2, log });
    expect(run(leaderAppendOnly, [[up('n1', state)], [up('n1', structuredClone(state))]])).toEqual([null, null]);
  });

  it('allows a new term to start from a different log', () => {
    const steps = [[up('n1', leaderWith({ currentTerm: 2, log }))], [up('n1', leaderWith({ currentTerm: 5, log: log.slice(0, 1) }))]];
    expect(run(leaderAppendOnly, steps)).toEqual([null, null]);
  });
});

describe('log matching', () => {
  it('passes on logs that agree wherever they share an (index, term)', () => {
    const nodes = [up('n1', stateWith({ log: logOf(1, 2, 2) })), up('n2', stateWith({ log: logOf(1, 2) })), up('n3', stateWith({ log: [...logOf(1), { term: 3, command: null }] }))];
    expect(run(logMatching, [nodes])).toEqual([null]);
  });

  it('detects the same (index, term) with a different command', () => {
    const nodes = [up('n1', stateWith({ log: logOf(1, 2) })), up('n2', stateWith({ log: [logOf(1)[0], { term: 2, command: write('y', 1) }] }))];
    expect(run(logMatching, [nodes])[0]).toMatch(/index 2 of term 2/);
  });

  it('detects the same (index, term) with different entries before it', () => {
    const nodes = [up('n1', stateWith({ log: logOf(1, 1, 3) })), up('n2', stateWith({ log: logOf(1, 2, 3) }))];
    expect(run(logMatching, [nodes])[0]).toMatch(/index 3 of term 3/);
  });

  it('checks only the changed node, incrementally', () => {
    const log = logOf(1, 2);
    const longer = [...log, { term: 2, command: write('z', 0) }];
    const steps = [[up('n1', stateWith({ log }))], [up('n1', stateWith({ log: longer })), up('n2', stateWith({ log: [...log, { term: 2, command: write('z', 1) }] }))]];
    expect(run(logMatching, steps, [null, 'n1'])).toEqual([null, null]);
    expect(run(logMatching, steps, [null, null])[1]).toMatch(/index 3 of term 2/);
  });
});

describe('leader completeness', () => {
  it('passes when later leaders hold every committed entry', () => {
    const log = logOf(1, 2);
    const nodes = [up('n1', stateWith({ currentTerm: 2, log, commitIndex: 2 })), up('n2', leaderWith({ currentTerm: 3, log: [...log, { term: 3, command: null }] }, 3, 'n2'))];
    expect(run(leaderCompleteness, [nodes])).toEqual([null]);
  });

  it('detects a leader of a later term that lacks a committed entry', () => {
    const committed = [up('n1', leaderWith({ currentTerm: 2, log: logOf(1, 2), commitIndex: 2 }))];
    const later = [...committed, up('n2', leaderWith({ currentTerm: 3, log: logOf(1, 1) }, 3, 'n2'))];
    expect(run(leaderCompleteness, [committed, later], [null, 'n2'])[1]).toMatch(/leader n2 of term 3 lacks entry 2/);
  });

  it('detects an entry committed while a later leader lacks it', () => {
    const before = [up('n1', stateWith({ currentTerm: 2, log: logOf(1, 2) })), up('n2', leaderWith({ currentTerm: 3, log: logOf(1) }, 3, 'n2'))];
    const after = [up('n1', stateWith({ currentTerm: 2, log: logOf(1, 2), commitIndex: 2 })), before[1]];
    expect(run(leaderCompleteness, [before, after], [null, 'n1'])[1]).toMatch(/lacks entry 2/);
  });
});

describe('state machine safety', () => {
  it('passes when committed prefixes agree', () => {
    const nodes = [up('n1', stateWith({ log: logOf(1, 2), commitIndex: 2, lastApplied: 2 })), up('n2', stateWith({ log: logOf(1, 2, 2), commitIndex: 1, lastApplied: 1 }))];
    expect(run(stateMachineSafety, [nodes])).toEqual([null]);
  });

  it('detects two nodes committing different commands at one index', () => {
    const nodes = [up('n1', stateWith({ log: logOf(1, 2), commitIndex: 2 })), up('n2', stateWith({ log: [logOf(1)[0], { term: 3, command: null }], commitIndex: 2 }))];
    expect(run(stateMachineSafety, [nodes])[0]).toMatch(/n2 has no-op \(term 3\) at committed index 2/);
  });

  it('detects a committed entry that changes later on the same node', () => {
    const log = logOf(1, 2);
    const steps = [[up('n1', stateWith({ log, commitIndex: 2 }))], [up('n1', stateWith({ log: [log[0], { term: 2, command: write('q', 1) }], commitIndex: 2 }))]];
    expect(run(stateMachineSafety, steps, ['n1', 'n1'])[1]).toMatch(/committed index 2/);
  });

  it('detects a commit index beyond the log', () => {
    expect(run(stateMachineSafety, [[up('n1', stateWith({ log: logOf(1), commitIndex: 3 }))]])[0]).toMatch(/only 1 entries/);
  });

  it('ignores crashed nodes and re-checks a restarted one from scratch', () => {
    const log = logOf(1, 2);
    const steps: Nodes[] = [[up('n1', stateWith({ log, commitIndex: 2 }))], [{ id: 'n1', up: false, state: null }], [up('n1', stateWith({ log: structuredClone(log) }))]];
    expect(run(stateMachineSafety, steps, ['n1', 'n1', 'n1'])).toEqual([null, null, null]);
  });
});

describe('logs that grow in place (growableLog)', () => {
  /** A node's log array as the engine's Raft keeps it: with a lineage, so appends push onto it. */
  const [appendOnly, matching, machineSafety] = [leaderAppendOnly, logMatching, stateMachineSafety] as Invariant<RaftState, any>[];

  function owned(entries: RaftState['log']): RaftState['log'] {
    return growableLog(entries.slice(), entries.length);
  }

  it('see the entries pushed onto a log they checked before, without a false alarm', () => {
    const log = owned(logOf(1, 1));
    const ghost = appendOnly.initGhost();
    const matchingGhost = matching.initGhost();
    const first = [up('n1', leaderWith({ currentTerm: 1, log }))];
    expect(appendOnly.check(first, ghost, 'n1')).toBeNull();
    expect(matching.check(first, matchingGhost, 'n1')).toBeNull();
    log.push({ term: 1, command: write('x', 3) });
    const second = [up('n1', leaderWith({ currentTerm: 1, log }))];
    expect(appendOnly.check(second, ghost, 'n1')).toBeNull();
    expect(matching.check(second, matchingGhost, 'n1')).toBeNull();
  });

  it('catch a conflicting entry pushed onto a log already checked', () => {
    const a = owned(logOf(1, 1));
    const b = owned(logOf(1, 1));
    const ghost = matching.initGhost();
    const nodes = () => [up('n1', stateWith({ currentTerm: 1, log: a })), up('n2', stateWith({ currentTerm: 1, log: b }))];
    expect(matching.check(nodes(), ghost, null)).toBeNull();
    a.push({ term: 1, command: write('x', 1) });
    expect(matching.check(nodes(), ghost, 'n1')).toBeNull();
    b.push({ term: 1, command: write('x', 2) });
    expect(matching.check(nodes(), ghost, 'n2')).toMatch(/n2 and n1 both have an entry at index 3 of term 1/);
  });

  it('check newly committed entries pushed in place against what another node applied', () => {
    const a = owned(logOf(1));
    const b = owned(logOf(1));
    const ghost = machineSafety.initGhost();
    a.push({ term: 1, command: write('x', 1) });
    expect(machineSafety.check([up('n1', stateWith({ currentTerm: 1, log: a, commitIndex: 2, lastApplied: 2 }))], ghost, 'n1')).toBeNull();
    expect(machineSafety.check([up('n2', stateWith({ currentTerm: 1, log: b, commitIndex: 1, lastApplied: 1 }))], ghost, 'n2')).toBeNull();
    b.push({ term: 1, command: write('x', 2) });
    expect(machineSafety.check([up('n2', stateWith({ currentTerm: 1, log: b, commitIndex: 2, lastApplied: 2 }))], ghost, 'n2')).toMatch(/n2 has x←2 \(term 1\) at committed index 2/);
  });
});
