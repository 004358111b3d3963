// The random fault plan (VOPR in miniature): one seed, one schedule; every fault names a real
// node and lies inside the run; the last stretch heals everything so recovery can be checked.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { TimedAction } from '../../../src/engine/actions';
import { MAX_SKEW_MS, randomFaults, type LabFault } from '../../../src/scenarios/random-faults';
import { planScenario, runHeadless } from '../../../src/scenarios/headless';
import { validateScenario } from '../../../src/scenarios/validate';

const plan = (seed: number, nodes = 5, untilMs = 10_000, settleMs?: number) => randomFaults({ seed, nodes, untilMs, settleMs });

/** The closing block: heal, network reset, a restart of every node, all at one time. */
function closing(actions: TimedAction[], nodes: number): TimedAction[] {
  return actions.slice(actions.length - (nodes + 2));
}

describe('randomFaults', () => {
  it('is deterministic: the same options give the same plan', () => {
    for (const seed of [0, 1, 7, 123_456, 0xffffffff]) expect(plan(seed)).toEqual(plan(seed));
  });

  it('differs across seeds', () => {
    const plans = new Set(Array.from({ length: 50 }, (_, seed) => JSON.stringify(plan(seed + 1))));
    expect(plans.size).toBe(50);
  });

  it('puts every action within [0, until], in time order', () => {
    fc.assert(fc.property(fc.nat(0xffffffff), fc.integer({ min: 3, max: 9 }), fc.integer({ min: 1, max: 30_000 }), (seed, nodes, untilMs) => {
      const actions = randomFaults({ seed, nodes, untilMs });
      for (const action of actions) {
        expect(action.at).toBeGreaterThanOrEqual(0);
        expect(action.at).toBeLessThanOrEqual(untilMs);
        expect(Number.isInteger(action.at)).toBe(true);
      }
      for (let i = 1; i < actions.length; i++) expect(actions[i].at).toBeGreaterThanOrEqual(actions[i - 1].at);
    }), { numRuns: 300 });
  });

  it('ends with a full heal, a network reset and a restart of every node at until − settle', () => {
    for (const [seed, nodes, untilMs, settleMs, endMs] of [
      [1, 5, 10_000, undefined, 7000], [2, 3, 3000, undefined, 2000], [3, 9, 8000, 1000, 7000], [4, 5, 5000, 0, 5000],
    ] as [number, number, number, number | undefined, number][]) {
      const actions = plan(seed, nodes, untilMs, settleMs);
      const end = closing(actions, nodes);
      expect(end[0]).toEqual({ at: endMs, do: 'heal' });
      expect(end[1]).toMatchObject({ at: endMs, do: 'network', drop: 0, duplicate: 0 });
      expect(end.slice(2)).toEqual(Array.from({ length: nodes }, (_, i) => ({ at: endMs, do: 'restart', node: `n${i + 1}` })));
      // every fault before the closing block happens before the quiet stretch begins
      for (const action of actions.slice(0, actions.length - end.length)) expect(action.at).toBeLessThan(endMs);
    }
  });

  it('names only the cluster’s own nodes: the scenario it makes validates', () => {
    fc.assert(fc.property(fc.nat(0xffffffff), fc.integer({ min: 3, max: 9 }), (seed, nodes) => {
      const actions = randomFaults({ seed, nodes, untilMs: 8000 });
      const result = validateScenario({ lab: 'raft', seed, nodes, actions, until: 8000 }, ['raft', 'cap']);
      expect(result.ok ? [] : result.issues).toEqual([]);
    }), { numRuns: 300 });
  });

  it('never cuts a node from itself and splits partitions into two non-empty groups covering the cluster', () => {
    for (let seed = 1; seed <= 200; seed++) {
      for (const action of plan(seed, 5)) {
        if (action.do === 'cut') expect(action.from).not.toBe(action.to);
        if (action.do === 'partition') {
          expect(action.groups).toHaveLength(2);
          for (const group of action.groups) expect(group.length).toBeGreaterThan(0);
          expect(action.groups.flat().sort()).toEqual(['n1', 'n2', 'n3', 'n4', 'n5']);
        }
      }
    }
  });

  it('draws a mix of every fault kind over many seeds', () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 200; seed++) {
      const actions = plan(seed);
      for (const action of actions.slice(0, actions.length - 7)) {
        if (action.do === 'crash') seen.add(action.node === 'leader' ? 'crash-leader' : 'crash-node');
        else if (action.do === 'cut') seen.add(action.oneWay ? 'cut-one-way' : 'cut-both-ways');
        else if (action.do === 'network') {
          if ((action.drop ?? 0) > 0) seen.add('loss');
          if ((action.duplicate ?? 0) > 0) seen.add('duplication');
        } else seen.add(action.do);
      }
    }
    expect([...seen].sort()).toEqual([
      'crash-leader', 'crash-node', 'cut-both-ways', 'cut-one-way', 'duplication', 'heal', 'loss', 'partition', 'pause', 'restart', 'timeout',
    ]);
  });

  it('has faults at a plausible rate (mean gap about 400 ms) and honours meanGapMs', () => {
    const count = (meanGapMs?: number) => {
      let total = 0;
      for (let seed = 1; seed <= 50; seed++) total += randomFaults({ seed, nodes: 5, untilMs: 20_000, settleMs: 0, meanGapMs }).length - 7;
      return total / 50;
    };
    const byDefault = count();
    expect(byDefault).toBeGreaterThan(20_000 / 400 * 0.7);
    expect(byDefault).toBeLessThan(20_000 / 400 * 1.3);
    expect(count(2000)).toBeLessThan(byDefault / 3);
  });

  it('keeps every action within [0, until] even when settleMs exceeds untilMs', () => {
    const actions = randomFaults({ seed: 1, nodes: 3, untilMs: 1000, settleMs: 2000 });
    for (const action of actions) {
      expect(action.at).toBeGreaterThanOrEqual(0);
      expect(action.at).toBeLessThanOrEqual(1000);
    }
  });

  it('run with Raft, every node is back up at the end', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const result = runHeadless(planScenario({ lab: 'raft', seed, untilMs: 4000, faults: 'random' }));
      const world = result.simulation.world;
      expect(world.nodeIds.filter((id) => !world.nodes[id].up)).toEqual([]);
      expect(Object.keys(world.network.cut)).toEqual([]);
    }
  });
});

describe('randomFaults weights', () => {
  it('never draws a kind a lab weighs 0, even when a restart with nothing crashed falls through', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const plan = randomFaults({ seed, nodes: 5, untilMs: 10_000, weights: { partition: 0, cut: 0 } });
      expect(plan.filter((a) => a.do === 'partition' || a.do === 'cut')).toEqual([]);
    }
  });

  it('with one actor to strike, draws no partition or cut', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const plan = randomFaults({ seed, nodes: 1, untilMs: 10_000 });
      expect(plan.filter((a) => a.do === 'partition' || a.do === 'cut')).toEqual([]);
    }
  });

  it('draws no clock jump unless a lab asks for them', () => {
    for (let seed = 1; seed <= 200; seed++) expect(plan(seed).filter((a) => a.do === 'skew')).toEqual([]);
  });

  it('with clock jumps weighed in, jumps a real node either way by at most MAX_SKEW_MS, and sets every jumped clock right in the closing block', () => {
    let jumps = 0;
    const directions = new Set<number>();
    for (let seed = 1; seed <= 100; seed++) {
      const actions = randomFaults({ seed, nodes: 5, untilMs: 10_000, weights: { skew: 30 } });
      const endMs = 7000;
      const jumped = new Set<string>();
      const resets: string[] = [];
      for (const action of actions) {
        if (action.do !== 'skew') continue;
        expect(['n1', 'n2', 'n3', 'n4', 'n5']).toContain(action.node);
        expect(Math.abs(action.offsetMs)).toBeLessThanOrEqual(MAX_SKEW_MS);
        if (action.at < endMs) {
          jumps++;
          jumped.add(action.node);
          directions.add(Math.sign(action.offsetMs));
        } else {
          expect(action.offsetMs).toBe(0);
          resets.push(action.node);
        }
      }
      expect(resets).toEqual([...jumped].sort());
      const result = validateScenario({ lab: 'raft', seed, nodes: 5, actions, until: 10_000 }, ['raft']);
      expect(result.ok ? [] : result.issues).toEqual([]);
    }
    expect(jumps).toBeGreaterThan(100);
    expect(directions).toEqual(new Set([-1, 1]));
  });

  it('run with the locks lab (which weighs jumps in), every clock is true again at the end', () => {
    let jumpedSeeds = 0;
    for (let seed = 1; seed <= 8; seed++) {
      const scenario = planScenario({ lab: 'locks', seed, untilMs: 6000, faults: 'random' });
      if (scenario.actions.some((a) => a.do === 'skew')) jumpedSeeds++;
      const world = runHeadless(scenario).simulation.world;
      expect(Object.values(world.nodes).filter((node) => node.clockSkewMs !== 0)).toEqual([]);
    }
    expect(jumpedSeeds).toBeGreaterThan(0);
  });

  const failing: LabFault = {
    strike: (prng, node) => ({ do: 'lab', name: 'fail', server: node, mode: prng.int(3) }),
    undo: (node) => ({ do: 'lab', name: 'fail', server: node, mode: -1 }),
  };

  it('draws a lab’s own fault only when the lab weighs it in and says what it is; other plans stay as they were', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const before = plan(seed);
      expect(randomFaults({ seed, nodes: 5, untilMs: 10_000, labFault: failing })).toEqual(before);
      expect(randomFaults({ seed, nodes: 5, untilMs: 10_000, weights: { lab: 20 } })).toEqual(before);
    }
  });

  it('with a lab fault weighed in, strikes real nodes with it and undoes each one in the closing block', () => {
    let strikes = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const actions = randomFaults({ seed, nodes: 5, untilMs: 10_000, weights: { lab: 20 }, labFault: failing });
      const struck = new Set<string>();
      const undone: string[] = [];
      for (const action of actions) {
        if (action.do !== 'lab') continue;
        expect(['n1', 'n2', 'n3', 'n4', 'n5']).toContain(action.server);
        if (action.mode === -1) {
          expect(action.at).toBe(7000);
          undone.push(action.server as string);
        } else {
          expect(action.at).toBeLessThan(7000);
          strikes++;
          struck.add(action.server as string);
        }
      }
      expect(undone).toEqual([...struck].sort());
      expect(actions.at(-1)?.do === 'lab' || struck.size === 0).toBe(true);
    }
    expect(strikes).toBeGreaterThan(100);
  });
});
