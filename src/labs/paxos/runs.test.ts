// Whole runs: agreement under random faults whatever the settings (fast-check draws them), the
// duel that never ends without backoff and settles with it, and the broken rule caught.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TimedAction } from '../../engine/actions';
import { planScenario, runHeadless } from '../../scenarios/headless';
import { AGREEMENT } from './agreement';
import { paxosVerdict } from './verdict';
import { paxosView } from './view';

const lab = (at: number, name: string, fields: Record<string, unknown>) => ({ at, do: 'lab', name, ...fields }) as unknown as TimedAction;

describe('Paxos runs', () => {
  it('never chooses two values, with random faults and any settings', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 4 }), fc.boolean(), fc.boolean(), fc.constantFrom(3, 4, 5, 7),
      (seed, proposers, backoff, multiPaxos, nodes) => {
        const result = runHeadless(planScenario({ lab: 'paxos', seed, untilMs: 6000, faults: 'random', nodes, params: { proposers, backoff, multiPaxos } }));
        expect(result.violations).toEqual([]);
        expect(paxosVerdict(result.simulation).fields.learnerConflicts).toBe(0);
      },
    ), { numRuns: 60 });
  });

  it('the two proposers of a duel action, with no backoff, choose nothing for the whole run; with backoff they settle', () => {
    const duel = (backoff: boolean) => {
      const scenario = planScenario({ lab: 'paxos', seed: 7, untilMs: 10_000, faults: 'none', params: { backoff, startSpreadMs: 0 } });
      scenario.actions = [lab(5, 'duel', { slot: 1 })];
      return runHeadless(scenario).simulation;
    };
    const stuck = paxosVerdict(duel(false)).fields;
    expect(stuck.chosen).toBeNull();
    expect(stuck.preemptions as number).toBeGreaterThan(40);
    const settled = paxosVerdict(duel(true)).fields;
    expect(settled.chosen).toMatch(/^[AB]1$/);
    expect(settled.learnedAtMs as number).toBeLessThan(3000);
  });

  it('without backoff some seeds choose nothing in 10 s, and with it every seed chooses', () => {
    const chosen = (seed: number, backoff: boolean) => paxosVerdict(runHeadless(planScenario({ lab: 'paxos', seed, untilMs: 10_000, faults: 'none', params: { backoff } })).simulation).fields.chosen;
    const seeds = Array.from({ length: 40 }, (_, i) => i + 1);
    expect(seeds.filter((seed) => chosen(seed, false) === null).length).toBeGreaterThan(5);
    expect(seeds.filter((seed) => chosen(seed, true) === null)).toEqual([]);
  });

  it('acceptors that forget on restart let a second value be chosen, and the invariant and learners catch it', () => {
    const scenario = planScenario({ lab: 'paxos', seed: 1, untilMs: 3000, faults: 'none', params: { forgetOnRestart: true } });
    const acceptors = ['n1', 'n2', 'n3', 'n4', 'n5'];
    scenario.actions = [
      ...acceptors.map((node) => ({ at: 1500, do: 'crash', node }) as TimedAction),
      ...acceptors.map((node) => ({ at: 1500, do: 'restart', node }) as TimedAction),
      lab(1500, 'propose', { proposer: 'p1', slot: 1, value: 'Z1' }),
    ];
    const result = runHeadless(scenario);
    expect(result.violations.map((v) => v.invariant)).toEqual([AGREEMENT]);
    expect(paxosView(result.simulation).learnerConflicts).toBeGreaterThan(0);
    expect(paxosVerdict(result.simulation).failed).toBe(true);
    // The same script with the rule kept: the old value is adopted, nothing breaks.
    const kept = runHeadless({ ...scenario, params: { ...scenario.params, forgetOnRestart: false } });
    expect(kept.violations).toEqual([]);
    expect(paxosView(kept.simulation).slots[0].ballots.length).toBeGreaterThan(1);
  });
});
