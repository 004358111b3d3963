// Pre-vote (Raft thesis §9.6), in the Raft lab: a follower cut off on its own keeps asking for
// pre-votes nobody can grant, so its term stays put; when the partition heals the leader keeps
// leading. Without pre-vote the same follower inflates its term and deposes the leader on healing.
import { describe, expect, it } from 'vitest';
import { applyAction } from '../../../src/engine/apply-action';
import type { Simulation } from '../../../src/engine/simulation';
import type { RaftState } from '../../../src/protocols/raft';
import { createSimulation, planScenario } from '../../../src/scenarios/headless';
import { context, frozen, sends, stateWith } from './helpers';
import { raft } from '../../../src/protocols/raft';

const raftOf = (sim: Simulation, id: string) => sim.world.nodes[id].state as RaftState;

/** Runs to 1 s, cuts a follower off for 3 s, heals, and runs 2 s more. */
function isolateFollower(seed: number, preVote: boolean) {
  const sim = createSimulation(planScenario({ lab: 'raft', seed, untilMs: 6000, faults: 'none', params: { preVote } }));
  sim.runUntil(1000);
  const leader = sim.currentLeader()!;
  const term = raftOf(sim, leader).currentTerm;
  const follower = sim.world.nodeIds.find((id) => id !== leader)!;
  applyAction(sim, { do: 'partition', groups: [[follower], sim.world.nodeIds.filter((id) => id !== follower)] });
  sim.runUntil(4000);
  const isolatedTerm = raftOf(sim, follower).currentTerm;
  applyAction(sim, { do: 'heal' });
  sim.runUntil(6000);
  const stepDowns = sim.world.trace.notable.filter((e) => e.kind === 'note' && e.tag === 'stepped-down' && e.node === leader && e.timeMs > 4000);
  return { sim, leader, term, isolatedTerm, stepDowns, violations: sim.world.violations };
}

describe('pre-vote (thesis §9.6)', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`seed ${seed}: an isolated follower's term stays put and the leader survives the heal`, () => {
      const run = isolateFollower(seed, true);
      expect(run.isolatedTerm).toBe(run.term);
      expect(run.sim.currentLeader()).toBe(run.leader);
      expect(raftOf(run.sim, run.leader).currentTerm).toBe(run.term);
      expect(run.stepDowns).toEqual([]);
      expect(run.violations).toEqual([]);
    });

    it(`seed ${seed}: without pre-vote the same follower inflates its term and deposes the leader`, () => {
      const run = isolateFollower(seed, false);
      expect(run.isolatedTerm).toBeGreaterThan(run.term + 3);
      expect(run.stepDowns.length).toBeGreaterThan(0);
      expect(raftOf(run.sim, run.sim.currentLeader()!).currentTerm).toBeGreaterThan(run.term);
    });
  }

  it('the pre-candidate asks for term + 1 without changing its term or vote', () => {
    const ctx = context('n1', 3, { preVote: true });
    const [state, effects] = raft.onTimer(frozen(stateWith({ currentTerm: 4, votedFor: 'n2' })), 'election', ctx);
    expect(state).toMatchObject({ role: 'follower', currentTerm: 4, votedFor: 'n2', preVotes: ['n1'] });
    expect(sends(effects, 'PreVote').map((s) => s.message)).toEqual([
      { type: 'PreVote', term: 5, candidateId: 'n1', lastLogIndex: 0, lastLogTerm: 0 },
      { type: 'PreVote', term: 5, candidateId: 'n1', lastLogIndex: 0, lastLogTerm: 0 },
    ]);
    const [candidate] = raft.onMessage(frozen(state), 'n2', { type: 'PreVoteReply', term: 5, voteGranted: true }, ctx);
    expect(candidate).toMatchObject({ role: 'candidate', currentTerm: 5, votedFor: 'n1', preVotes: null });
  });

  it('a voter that heard from a leader within the minimum election timeout refuses, and changes nothing', () => {
    const ctx = { ...context('n2', 3, { preVote: true }), clockMs: 1100 };
    const recent = frozen(stateWith({ currentTerm: 4, leaderId: 'n3', leaderSeenMs: 1000 }));
    const ask = { type: 'PreVote', term: 5, candidateId: 'n1', lastLogIndex: 0, lastLogTerm: 0 };
    const [same, effects] = raft.onMessage(recent, 'n1', ask, ctx);
    expect(same).toBe(recent);
    expect(sends(effects)[0].message).toEqual({ type: 'PreVoteReply', term: 4, voteGranted: false });
    const later = { ...ctx, clockMs: 1200 }; // 200 ms ≥ the 150 ms minimum election timeout
    expect(sends(raft.onMessage(recent, 'n1', ask, later)[1])[0].message).toEqual({ type: 'PreVoteReply', term: 5, voteGranted: true });
  });
});
