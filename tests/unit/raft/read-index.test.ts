// Read-index (Raft thesis §6.4): a leader answers a read without appending it. It notes its
// commit index, confirms with a heartbeat round that a majority still takes it as leader, waits
// until it has applied that index, then answers from its state machine. In the CAP lab's CP mode
// the reads stay linearizable whatever the faults.
import { describe, expect, it } from 'vitest';
import { checkHistory } from '../../../src/checkers/index';
import { raft, type RaftState } from '../../../src/protocols/raft';
import type { RegisterState } from '../../../src/protocols/register';
import { planScenario, runHeadless } from '../../../src/scenarios/headless';
import { context, frozen, leaderWith, replies, request, sends } from './helpers';

const READ_INDEX = { reads: 'read-index' };
const ctx1 = context('n1', 3, READ_INDEX);

function leader(fields: Partial<RaftState> = {}) {
  return frozen(leaderWith({ currentTerm: 2, log: [{ term: 2, command: null }], commitIndex: 1, lastApplied: 1, machine: { x: 7 }, ...fields }));
}

describe('read-index, one leader', () => {
  it('appends nothing, starts a heartbeat round, and answers once a majority acknowledged it', () => {
    const [waiting, effects] = raft.onMessage(leader(), 'c1', { type: 'ClientRequest', requestId: 5, op: { f: 'read', key: 'x' } }, ctx1);
    expect(waiting.log).toHaveLength(1);
    expect(replies(effects)).toEqual([]);
    const probes = sends(effects, 'AppendEntries').map((s) => s.message.probe);
    expect(probes).toEqual([{ round: 1, sentMs: 0 }, { round: 1, sentMs: 0 }]);
    // An acknowledgement of an older round does not confirm this read.
    const [still, none] = raft.onMessage(frozen(waiting), 'n2', { type: 'AppendEntriesReply', term: 2, success: true, matchIndex: 1, probe: { round: 0, sentMs: 0 } }, ctx1);
    expect(replies(none)).toEqual([]);
    const [done, answered] = raft.onMessage(frozen(still), 'n2', { type: 'AppendEntriesReply', term: 2, success: true, matchIndex: 1, probe: { round: 1, sentMs: 0 } }, ctx1);
    expect(replies(answered)).toEqual([{ to: 'c1', requestId: 5, result: { status: 'ok', value: 7 } }]);
    expect(done.reads).toEqual([]);
    expect(done.log).toHaveLength(1);
  });

  it('waits until an entry of its own term is committed (§6.4 step 1)', () => {
    const fresh = leader({ log: [{ term: 1, command: { f: 'write', key: 'x', value: 3 } }, { term: 2, command: null }], commitIndex: 0, lastApplied: 0, machine: {} });
    const [waiting] = raft.onMessage(fresh, 'c1', { type: 'ClientRequest', requestId: 5, op: { f: 'read', key: 'x' } }, ctx1);
    expect(waiting.reads[0].readIndex).toBeNull();
    // n2 acknowledges the round but has stored only entry 1: nothing of term 2 is committed yet.
    const [confirmedOnly, none] = raft.onMessage(frozen(waiting), 'n2', { type: 'AppendEntriesReply', term: 2, success: true, matchIndex: 1, probe: { round: 1, sentMs: 0 } }, ctx1);
    expect(replies(none)).toEqual([]);
    const [, answered] = raft.onMessage(frozen(confirmedOnly), 'n2', { type: 'AppendEntriesReply', term: 2, success: true, matchIndex: 2, probe: { round: 1, sentMs: 0 } }, ctx1);
    expect(replies(answered)).toEqual([{ to: 'c1', requestId: 5, result: { status: 'ok', value: 3 } }]);
  });

  it('a leader that steps down sends its waiting reads on to the new leader', () => {
    const [waiting] = raft.onMessage(leader(), 'c1', { type: 'ClientRequest', requestId: 5, op: { f: 'read', key: 'x' } }, ctx1);
    const [deposed, effects] = raft.onMessage(frozen(waiting), 'n3', { type: 'AppendEntries', term: 3, leaderId: 'n3', prevLogIndex: 1, prevLogTerm: 2, entries: [], leaderCommit: 1 }, ctx1);
    expect(deposed.reads).toEqual([]);
    expect(replies(effects)).toEqual([{ to: 'c1', requestId: 5, result: { status: 'redirect', leaderHint: 'n3' } }]);
  });

  it('with reads through the log (the default) a read is still an entry', () => {
    const [state] = raft.onMessage(leader(), 'c1', { type: 'ClientRequest', requestId: 5, op: { f: 'read', key: 'x' } }, context('n1'));
    expect(state.log).toHaveLength(2);
  });
});

const SEEDS = 100;

describe('read-index in the CAP lab (CP)', () => {
  it(`is linearizable over ${SEEDS} random fault schedules, with no read in any log`, () => {
    const failures: string[] = [];
    let okReads = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const result = runHeadless(planScenario({ lab: 'cap', seed, untilMs: 10_000, faults: 'random', params: { mode: 'cp', reads: 'read-index' } }));
      const checked = checkHistory(result.simulation.world.history);
      if (!checked.ok) throw new Error(`seed ${seed}: ${checked.error.message}`);
      if (checked.linearizability.valid !== true) failures.push(`seed ${seed}: ${checked.linearizability.explanation?.sentence ?? 'unknown'}`);
      if (result.violations.length > 0) failures.push(`seed ${seed}: ${result.violations.map((v) => v.message).join('; ')}`);
      okReads += checked.operations.filter((op) => op.f === 'read' && op.outcome === 'ok').length;
      for (const id of result.simulation.world.nodeIds) {
        const state = result.simulation.world.nodes[id].state as RegisterState | null;
        const reads = state?.raft.log.filter((entry) => (entry.command as { op?: { f: string } } | null)?.op?.f === 'read') ?? [];
        if (reads.length > 0) failures.push(`seed ${seed}: ${id} has ${reads.length} reads in its log`);
      }
    }
    expect(failures).toEqual([]);
    expect(okReads / SEEDS).toBeGreaterThan(10); // reads really were answered
  });
});
