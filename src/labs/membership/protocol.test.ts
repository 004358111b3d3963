// The member protocol in real runs: a crash is detected by every member, live suspects refute,
// handlers are copy-on-write, and a random swarm at every size from 8 to 64 keeps the invariants
// (the conformance suite runs the default size only).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../engine/simulation';
import { planScenario, runHeadless } from '../../scenarios/headless';
import { defaultScenario, toWorldConfig } from '../../scenarios/catalog';
import lab from './lab';
import { incarnationNeverDecreases, neverDeadToItself } from './invariants';
import type { MemberState } from './state';
import { finalView } from './verdict';

function run(nodes: number, seed: number, actions: Parameters<typeof Simulation.create>[2], params: Record<string, unknown> = {}, untilMs = 6000): Simulation {
  const scenario = defaultScenario('membership', seed, nodes);
  scenario.params = { ...scenario.params, ...params };
  const sim = Simulation.create(lab.system, toWorldConfig(scenario), actions);
  sim.runUntil(untilMs, Infinity, false);
  return sim;
}

describe('membership protocol', () => {
  it.each(['swim', 'heartbeat'])('%s: every running member comes to believe a crashed member dead', (detector) => {
    const sim = run(16, 3, [{ at: 1000, do: 'crash', node: 'n7' }], { detector });
    const view = finalView(sim);
    expect(view.crashes).toHaveLength(1);
    expect(view.crashes[0].allKnowMs).not.toBeNull();
    expect(view.crashes[0].knownBy).toBe(15);
    expect(view.falsePositives).toBe(0);
    expect(sim.world.violations).toEqual([]);
  });

  it('a member paused past the suspicion timeout is a false positive and rejoins higher', () => {
    const sim = run(12, 5, [{ at: 1000, do: 'pause', node: 'n4', durationMs: 3000 }], {}, 9000);
    const view = finalView(sim);
    expect(view.judged.paused).toBeGreaterThan(0);
    expect(view.members.find((m) => m.id === 'n4')).toMatchObject({ presence: 'online' });
    expect((sim.world.nodes.n4.state as MemberState).incarnation).toBeGreaterThan(0);
    // It learns of the rumor about itself and answers with a higher incarnation (or rejoins).
    expect((sim.world.marks.refuted ?? 0) + (sim.world.marks.rejoined ?? 0)).toBeGreaterThan(0);
  });

  it('SWIM sends a constant load per member; heartbeats grow with N', () => {
    const load = (nodes: number, detector: string) => (finalView(run(nodes, 1, [], { detector }, 5000)), Number(
      (lab.verdict!(run(nodes, 1, [], { detector }, 5000)).fields.loadPerMember)));
    const swim8 = load(8, 'swim');
    const swim32 = load(32, 'swim');
    expect(Math.abs(swim32 - swim8)).toBeLessThan(1.5);
    expect(load(32, 'heartbeat')).toBeGreaterThan(3 * load(8, 'heartbeat'));
  });

  it('the invariants catch a member that dies to itself or forgets its incarnation', () => {
    const sim = run(8, 1, [], {}, 500);
    const state = sim.world.nodes.n1.state as MemberState;
    const dead = { ...state, view: { ...state.view, n1: { ...state.view.n1, status: 'dead' as const } } };
    expect(neverDeadToItself.check([{ id: 'n1', up: true, state: dead }], null, 'n1')).toMatch(/believes itself dead/);
    const ghost = { n1: 3 };
    expect(incarnationNeverDecreases.check([{ id: 'n1', up: true, state }], ghost, 'n1')).toMatch(/from 3 back to 0/);
  });

  it('handlers return the same state when a message changes nothing (copy-on-write)', () => {
    const sim = run(8, 2, [], {}, 2000);
    const state = sim.world.nodes.n1.state as MemberState;
    const [next] = lab.system.protocols.member.onMessage(state, 'n2', { type: 'Ack', seq: -5, rumors: [] }, sim.context('n1'));
    expect(next).toBe(state);
  });

  it('random faults at every size from 8 to 64 keep every invariant', () => {
    fc.assert(fc.property(fc.integer({ min: 8, max: 64 }), fc.integer({ min: 1, max: 100_000 }), (nodes, seed) => {
      const result = runHeadless(planScenario({ lab: 'membership', seed, nodes, untilMs: 4000, faults: 'random' }));
      expect(result.violations, `nodes ${nodes}, seed ${seed}`).toEqual([]);
      expect(result.simulation.world.limited).toBeNull();
    }), { numRuns: 40 });
  }, 120_000);
});
