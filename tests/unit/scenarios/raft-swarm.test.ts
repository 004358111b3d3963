// The swarm (TigerBeetle's VOPR in miniature): many seeds, each with its own random fault plan
// and client load. Every invariant must hold; after the final heal the cluster must elect a
// leader and agree on every committed entry. A failing seed is printed so it can be replayed
// with `npm run cli -- run raft --seed N --faults random --until 4s`.
import { describe, expect, it } from 'vitest';
import { checkHistory } from '../../../src/checkers/index';
import type { RaftState } from '../../../src/protocols/raft';
import { planScenario, runHeadless } from '../../../src/scenarios/headless';

const SEEDS = Number(process.env.SWARM_SEEDS ?? 1000);
const UNTIL_MS = 4000;

function committedAgree(states: RaftState[]): string | null {
  for (const a of states) {
    for (const b of states) {
      const upTo = Math.min(a.commitIndex, b.commitIndex);
      for (let i = 0; i < upTo; i++) {
        if (a.log[i].term !== b.log[i].term || JSON.stringify(a.log[i].command) !== JSON.stringify(b.log[i].command)) return `committed entry ${i + 1} differs`;
      }
    }
  }
  return null;
}

describe(`Raft swarm: ${SEEDS} seeds with random faults`, () => {
  it('holds every invariant, re-elects after healing, agrees on committed entries and stays linearizable', () => {
    const failures: string[] = [];
    let leaderless = 0;
    let operations = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const scenario = planScenario({ lab: 'raft', seed, untilMs: UNTIL_MS, faults: 'random' });
      scenario.workload = { clients: 2, intervalMs: [40, 120], timeoutMs: 800, mix: { read: 1, write: 2, cas: 1 }, keys: ['x'] };
      const result = runHeadless(scenario);
      if (result.violations.length > 0) {
        failures.push(`seed ${seed}: ${result.violations.map((v) => `${v.invariant} at ${v.timeMs} ms: ${v.message}`).join('; ')}`);
        continue;
      }
      const sim = result.simulation;
      const states = sim.world.nodeIds.map((id) => sim.world.nodes[id].state as RaftState);
      if (sim.currentLeader() === null) leaderless++;
      const disagreement = committedAgree(states);
      if (disagreement) failures.push(`seed ${seed}: after healing, ${disagreement}`);
      // Reads go through the log, so what the clients saw must be linearizable.
      const checked = checkHistory(sim.world.history);
      if (checked.ok) operations += checked.operations.length;
      if (!checked.ok) failures.push(`seed ${seed}: history malformed: ${checked.error.message}`);
      else if (checked.linearizability.valid !== true) failures.push(`seed ${seed}: history ${checked.linearizability.valid}: ${checked.linearizability.explanation?.sentence ?? 'budget'}`);
    }
    if (failures.length > 0) console.error(`Failing seeds:\n${failures.slice(0, 20).join('\n')}`);
    expect(failures).toEqual([]);
    // After a full heal and restart with a quiet settle period, a leader must be elected.
    expect(leaderless).toBe(0);
    // The workload's clients really ran (a lab without a client role would leave the history empty).
    expect(operations / SEEDS).toBeGreaterThan(10);
  });
});
