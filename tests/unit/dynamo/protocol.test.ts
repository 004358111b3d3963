// Scripted runs of the Dynamo servers (the quorum lab's system, the workload kept quiet): a write
// waits for W acknowledgements; a sloppy quorum writes to a stand-in with a hint and hands it
// off after the partition heals; a strict quorum leaves the write's outcome unknown; a failed
// write is not rolled back, so two reads with W + R > N disagree; strict quorums never return a
// read older than a completed write, over a swarm of random faults.
import { describe, expect, it } from 'vitest';
import type { TimedAction } from '../../../src/engine/actions';
import type { Simulation } from '../../../src/engine/simulation';
import type { DynamoState } from '../../../src/protocols/dynamo/types';
import { createSimulation, planScenario, runHeadless } from '../../../src/scenarios/headless';
import { labById } from '../../../src/labs/registry';
import { checkHistory } from '../../../src/checkers/index';

const LAB = 'quorum';

function quietRun(actions: TimedAction[], params: Record<string, unknown> = {}, untilMs = 3000): Simulation {
  const scenario = planScenario({ lab: LAB, seed: 1, untilMs, faults: 'none', params });
  scenario.workload = { ...scenario.workload!, clients: 1, intervalMs: [600_000, 600_000] };
  scenario.actions = actions;
  const sim = createSimulation(scenario);
  sim.runUntil(untilMs, Infinity, false);
  return sim;
}

const store = (sim: Simulation, id: string) => (sim.world.nodes[id].state as DynamoState).store;
const valuesOf = (sim: Simulation, id: string, key = 'x') => (store(sim, id)[key] ?? []).map((v) => v.value);
const outcomes = (sim: Simulation) => sim.world.history.filter((e) => e.type !== 'invoke').map((e) => `${e.f} ${e.type}${e.f === 'read' && e.type === 'ok' ? ` ${JSON.stringify(e.value)}` : ''}`);
const write = (at: number, node: string, key = 'x'): TimedAction => ({ at, do: 'request', node, op: { f: 'write', key } });
const read = (at: number, node: string, key = 'x'): TimedAction => ({ at, do: 'request', node, op: { f: 'read', key } });

describe('Dynamo servers, scripted', () => {
  it('a write reaches all N replicas and is acknowledged; a read returns it', () => {
    const sim = quietRun([write(100, 'n1'), read(400, 'n3')]);
    expect(outcomes(sim)).toEqual(['write ok', 'read ok 1']);
    for (const id of ['n1', 'n2', 'n3']) expect(valuesOf(sim, id)).toEqual([1]);
    expect(valuesOf(sim, 'n4')).toEqual([]);
  });

  it('sloppy quorum: cut off from two replicas, n1 writes to stand-in n4 with a hint, handed off after the heal', () => {
    const partition: TimedAction = { at: 50, do: 'partition', groups: [['n1', 'n4', 'n5'], ['n2', 'n3']] };
    const during = quietRun([partition, write(100, 'n1')], {}, 600);
    expect(outcomes(during)).toEqual(['write ok']);
    expect(during.world.marks['sloppy-write']).toBe(1);
    const hints = [...(during.world.nodes.n4.state as DynamoState).hints, ...(during.world.nodes.n5.state as DynamoState).hints];
    expect(hints.map((h) => h.for).sort()).toEqual(['n2', 'n3']);
    expect(valuesOf(during, 'n2')).toEqual([]);

    const healed = quietRun([partition, write(100, 'n1'), { at: 700, do: 'heal' }], {}, 4000);
    expect(valuesOf(healed, 'n2')).toEqual([1]);
    expect(healed.world.marks.handoff).toBeGreaterThan(0);
  });

  it('strict quorum: the same write misses W, gets no answer (unknown outcome) and is kept as a hint by the coordinator', () => {
    const sim = quietRun([{ at: 50, do: 'partition', groups: [['n1', 'n4', 'n5'], ['n2', 'n3']] }, write(100, 'n1')], { sloppyQuorum: false }, 1000);
    expect(outcomes(sim)).toEqual(['write info']);
    expect(valuesOf(sim, 'n1')).toEqual([1]);
    expect((sim.world.nodes.n1.state as DynamoState).hints.map((h) => h.for).sort()).toEqual(['n2', 'n3']);
  });

  it('W + R > N is not linearizable: a failed write stays on one replica, one read sees it and a later one does not', () => {
    // Every mechanism that would copy the failed write on later is off, so the gap stays open.
    const settings = { sloppyQuorum: false, readRepair: false, antiEntropy: false, hintedHandoff: false };
    const sim = quietRun([
      { at: 50, do: 'partition', groups: [['n1'], ['n2', 'n3', 'n4', 'n5']] },
      write(100, 'n1'),
      { at: 1000, do: 'heal' },
      read(1100, 'n1'), // asks n1 and n2: sees the failed write
      read(1400, 'n2'), // asks n2 and n3: does not
    ], settings, 2000);
    expect(outcomes(sim)).toEqual(['write info', 'read ok 1', 'read ok null']);
    const checked = checkHistory(sim.world.history);
    expect(checked.ok && checked.linearizability.valid).toBe(false);
  });

  it('read repair: a read that found a replica behind sends it the newer version', () => {
    const sim = quietRun([
      { at: 50, do: 'partition', groups: [['n1', 'n2'], ['n3', 'n4', 'n5']] },
      write(100, 'n1'),
      { at: 700, do: 'heal' },
      read(800, 'n3'),
    ], { sloppyQuorum: false, antiEntropy: false, hintedHandoff: false }, 1200);
    expect(valuesOf(sim, 'n3')).toEqual([1]);
    expect(sim.world.marks['read-repair']).toBe(1);
  });

  it('LWW: a write through a node whose clock runs behind is acknowledged, then loses to an earlier write', () => {
    const sim = quietRun([{ at: 0, do: 'skew', node: 'n1', offsetMs: -1000 }, write(100, 'n2'), write(400, 'n1'), read(700, 'n3')]);
    expect(outcomes(sim)).toEqual(['write ok', 'write ok', 'read ok 1']);
    const lines = labById(LAB).verdict!(sim).fields;
    expect(lines.lostWrites).toBe(1);
  });

  it('version vectors: the same skewed write wins, since its coordinator had seen the earlier one', () => {
    const sim = quietRun([{ at: 0, do: 'skew', node: 'n1', offsetMs: -1000 }, write(100, 'n2'), write(400, 'n1'), read(700, 'n3')], { versioning: 'vv' });
    expect(outcomes(sim)).toEqual(['write ok', 'write ok', 'read ok 2']);
  });
});

describe('strict quorums over a swarm', () => {
  it('with W + R > N and no sloppy quorum, no read misses a completed write (100 seeds, random faults)', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const result = runHeadless(planScenario({ lab: LAB, seed, untilMs: 6000, faults: 'random', params: { sloppyQuorum: false } }));
      const verdict = labById(LAB).verdict!(result.simulation);
      expect({ seed, stale: verdict.fields.staleReads, failed: verdict.failed }).toEqual({ seed, stale: 0, failed: false });
    }
  }, 60_000);
});
