// Whole runs under random faults with random membership and settings changes (fast-check picks
// them): no invariant breaks, and once the faults stop, the cluster settles with every key on
// exactly the nodes of its preference list — whatever joined, left, crashed or was cut off.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TimedAction } from '../../engine/actions';
import { createSimulation } from '../../scenarios/headless';
import { defaultScenario } from '../../scenarios/catalog';
import { randomFaults } from '../../scenarios/random-faults';
import { hashingView } from './projection';
import { SCHEMES } from './placement';

const FAULTS_UNTIL_MS = 4000;
const SETTLE_MS = 6000;

const labAction = (nodes: number) =>
  fc.oneof(
    fc.record({ name: fc.constantFrom('join', 'leave'), node: fc.integer({ min: 1, max: nodes }).map((n) => `n${n}`) }),
    fc.record({ name: fc.constant('configure'), scheme: fc.constantFrom(...SCHEMES) }),
    fc.record({ name: fc.constant('configure'), vnodes: fc.integer({ min: 1, max: 16 }) }),
    fc.record({ name: fc.constant('configure'), replicas: fc.integer({ min: 1, max: 4 }) }),
  );

function run(seed: number, nodes: number, changes: { at: number; action: Record<string, unknown> }[]) {
  const scenario = defaultScenario('hashing', seed, nodes);
  const faults = randomFaults({ seed, nodes, untilMs: FAULTS_UNTIL_MS + 1, settleMs: 1 });
  const labActions = changes.map(({ at, action }) => ({ at, do: 'lab', ...action }) as unknown as TimedAction);
  scenario.actions = [...faults, ...labActions].sort((a, b) => a.at - b.at);
  const sim = createSimulation(scenario);
  sim.runUntil(FAULTS_UNTIL_MS + SETTLE_MS, Infinity, false);
  return sim;
}

describe('hashing runs with faults and changes', () => {
  it.each([3, 9, 64])('hold the invariants and settle with every key on its preference list (%i nodes)', (nodes) => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(fc.record({ at: fc.integer({ min: 0, max: FAULTS_UNTIL_MS }), action: labAction(nodes) }), { maxLength: 8 }),
        (seed, changes) => {
          const sim = run(seed, nodes, changes);
          expect(sim.world.violations).toEqual([]);
          const view = hashingView(sim);
          expect(view.settled, `seed ${seed}: unsettled, ${view.handingOver} transfers pending, ${view.missing} replica copies missing`).toBe(true);
          view.holders.forEach((holders, key) => expect([...holders].sort(), `k${key + 1}`).toEqual([...view.preference[key]].sort()));
        },
      ),
      // A fixed seed keeps CI reproducible (HASHING_SEED to explore others); a random one found
      // the run replayed below.
      { numRuns: Number(process.env.HASHING_RUNS ?? (nodes === 64 ? 8 : 30)), seed: Number(process.env.HASHING_SEED ?? 20261126) },
    );
  }, 120_000);

  // Found by the property: n1 never heard n3 join, so by n1's view n2 stayed a replica of k10,
  // while n2, by its own view, handed k10 on and dropped it; replicas 2→3 then made n2 a replica
  // again, and no holder saw it as new, so only n2 itself could ask for the key back.
  it('a replica that dropped a key by its own view gets it back when a change makes it a replica again (seed 506506)', () => {
    const sim = run(506506, 3, [
      { at: 0, action: { name: 'configure', vnodes: 2 } },
      { at: 0, action: { name: 'configure', replicas: 2 } },
      { at: 2342, action: { name: 'configure', scheme: 'rendezvous' } },
      { at: 2377, action: { name: 'configure', replicas: 3 } },
    ]);
    expect(sim.world.violations).toEqual([]);
    const view = hashingView(sim);
    expect(view.settled).toBe(true);
    expect([...view.holders[9]].sort()).toEqual(['n1', 'n2', 'n3']);
    view.holders.forEach((holders, key) => expect([...holders].sort(), `k${key + 1}`).toEqual([...view.preference[key]].sort()));
  });

  it('the invariant catches a lost key (a node that drops keys without handing them over)', () => {
    const sim = run(7, 5, []);
    const id = 'n1';
    const state = sim.world.nodes[id].state as { held: number[] };
    sim.runHandler(id, (s) => [{ ...s, held: [] }, []]);
    expect(state.held.length).toBeGreaterThan(0);
    expect(sim.world.violations.map((v) => v.invariant)).toContain('no-key-lost');
  });
});
