// Leader leases (Raft thesis §6.4.1): while a majority acknowledged a heartbeat within the lease
// (shorter than the minimum election timeout), the leader answers reads alone, at once. That
// rests on bounded clock drift: with honest clocks the CAP lab stays linearizable under random
// faults; set an isolated leader's clock back and it serves a stale read after a new leader has
// committed a newer write.
import { describe, expect, it } from 'vitest';
import { checkHistory } from '../../../src/checkers/index';
import { applyAction } from '../../../src/engine/apply-action';
import type { HistoryEvent } from '../../../src/engine/types';
import { raft } from '../../../src/protocols/raft';
import { createSimulation, planScenario } from '../../../src/scenarios/headless';
import { context, frozen, leaderWith, replies, sends } from './helpers';

const LEASE = { reads: 'lease' };

describe('lease, one leader', () => {
  const read = { type: 'ClientRequest', requestId: 5, op: { f: 'read', key: 'x' } };
  const leader = () =>
    frozen(leaderWith({ currentTerm: 2, log: [{ term: 2, command: null }], commitIndex: 1, lastApplied: 1, machine: { x: 7 }, probeRound: 3, probeAcks: { n2: { round: 3, sentMs: 1000 } } }));

  it('answers at once, without a log entry or a heartbeat round, while the lease holds', () => {
    const [state, effects] = raft.onMessage(leader(), 'c1', read, { ...context('n1', 3, LEASE), clockMs: 1100 });
    expect(replies(effects)).toEqual([{ to: 'c1', requestId: 5, result: { status: 'ok', value: 7 } }]);
    expect(sends(effects, 'AppendEntries')).toEqual([]);
    expect(state.log).toHaveLength(1);
  });

  it('falls back to a read-index round once the lease (135 ms of the 150 ms minimum timeout) ran out', () => {
    const [state, effects] = raft.onMessage(leader(), 'c1', read, { ...context('n1', 3, LEASE), clockMs: 1135 });
    expect(replies(effects)).toEqual([]);
    expect(state.reads).toHaveLength(1);
    expect(sends(effects, 'AppendEntries')).toHaveLength(2);
  });

  it('a follower that heard from its leader within the minimum election timeout ignores RequestVote', () => {
    const follower = frozen({ ...leaderWith({ currentTerm: 2, log: [] }), role: 'follower' as const, leaderId: 'n1', leaderSeenMs: 1000 });
    const vote = { type: 'RequestVote', term: 3, candidateId: 'n3', lastLogIndex: 5, lastLogTerm: 2 };
    const [same, effects] = raft.onMessage(follower, 'n3', vote, { ...context('n2', 3, LEASE), clockMs: 1100 });
    expect(same).toBe(follower);
    expect(effects).toEqual([]);
    const [moved] = raft.onMessage(follower, 'n3', vote, { ...context('n2', 3, LEASE), clockMs: 1150 });
    expect(moved).toMatchObject({ currentTerm: 3, votedFor: 'n3' });
  });
});

const SEEDS = 100;

describe('lease in the CAP lab (CP)', () => {
  /** Random faults, plus a nemesis that cuts the current leader off alone for a second every
   * two seconds (with a client beside it, it is the leader a stale lease would betray). */
  function runWithLeaderIsolation(seed: number) {
    const sim = createSimulation(planScenario({ lab: 'cap', seed, untilMs: 10_000, faults: 'random', params: { mode: 'cp', reads: 'lease' } }));
    for (let at = 1000 + (seed % 7) * 100; at < 8000; at += 2000) {
      sim.runUntil(at, Infinity, false);
      const leader = sim.currentLeader();
      if (leader !== null) applyAction(sim, { do: 'partition', groups: [[leader], sim.world.nodeIds.filter((id) => id !== leader)] });
      sim.runUntil(at + 1000, Infinity, false);
      applyAction(sim, { do: 'heal' });
    }
    sim.runUntil(10_000, Infinity, false);
    return sim;
  }

  it(`is linearizable over ${SEEDS} random fault schedules with leaders cut off, when clocks are not skewed`, () => {
    const failures: string[] = [];
    let okReads = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const sim = runWithLeaderIsolation(seed);
      const checked = checkHistory(sim.world.history);
      if (!checked.ok) throw new Error(`seed ${seed}: ${checked.error.message}`);
      if (checked.linearizability.valid !== true) failures.push(`seed ${seed}: ${checked.linearizability.explanation?.sentence ?? 'unknown'}`);
      if (sim.world.violations.length > 0) failures.push(`seed ${seed}: ${sim.world.violations.map((v) => v.message).join('; ')}`);
      okReads += checked.operations.filter((op) => op.f === 'read' && op.outcome === 'ok').length;
    }
    expect(failures).toEqual([]);
    expect(okReads / SEEDS).toBeGreaterThan(10);
  });

  /** Seed 1: n2 leads at 1.5 s. It is cut off alone (its clock set back by `skewMs`), the others
   * elect n1 and commit a write at 2.5 s; at 3 s someone asks n2 to read. */
  function staleReadScenario(skewMs: number) {
    const sim = createSimulation(planScenario({ lab: 'cap', seed: 1, untilMs: 5000, faults: 'none', params: { mode: 'cp', reads: 'lease' } }));
    sim.runUntil(1500);
    const oldLeader = sim.currentLeader()!;
    const others = sim.world.nodeIds.filter((id) => id !== oldLeader);
    applyAction(sim, { do: 'partition', groups: [[oldLeader], others] });
    if (skewMs !== 0) applyAction(sim, { do: 'skew', node: oldLeader, offsetMs: skewMs });
    sim.runUntil(2500);
    applyAction(sim, { do: 'request', node: others[0], op: { f: 'write', key: 'x', value: 1_000_000 } });
    sim.runUntil(3000);
    applyAction(sim, { do: 'request', node: oldLeader, op: { f: 'read', key: 'x' } });
    sim.runUntil(4500);
    const mine = (f: string) => sim.world.history.find((e: HistoryEvent) => e.process >= 1000 && e.f === f && e.type !== 'invoke');
    return { oldLeader, newLeader: sim.currentLeader(), write: mine('write'), read: mine('read'), checked: checkHistory(sim.world.history) };
  }

  it('with the isolated leader’s clock set back 3 s, it serves a stale read after a newer write completed', () => {
    const run = staleReadScenario(-3000);
    expect(run.oldLeader).toBe('n2');
    expect(run.newLeader).not.toBe('n2');
    expect(run.write).toMatchObject({ type: 'ok', time: expect.any(Number) });
    expect(run.write!.time!).toBeLessThan(3000); // completed before the read was invoked
    expect(run.read).toMatchObject({ type: 'ok', node: 'n2' });
    expect(run.read!.value).not.toBe(1_000_000); // stale
    expect(run.checked.ok && run.checked.linearizability.valid).toBe(false);
  });

  it('with honest clocks the same scenario stays linearizable: the old leader’s lease ran out', () => {
    const run = staleReadScenario(0);
    expect(run.write).toMatchObject({ type: 'ok' });
    expect(run.read?.type).not.toBe('ok'); // n2 cannot confirm leadership, the client times out
    expect(run.checked.ok && run.checked.linearizability.valid).toBe(true);
  });
});
