// The client and its dependencies in whole runs: bulkheads contain a slow dependency and a shared
// pool does not; a timeout frees the caller's slot while the dependency keeps working; a crash
// restarts the breakers CLOSED. And a property over random settings, seeds and faults: no pool
// ever holds more calls than its slots, and no call starts while its breaker stays OPEN.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TimedAction } from '../../engine/actions';
import type { Simulation } from '../../engine/simulation';
import { randomFaults } from '../../scenarios/random-faults';
import type { ClientState } from './client';
import lab from './lab';
import { DEPENDENCIES } from './params';
import { breakerSimulation } from './test-runs';

const simulate = breakerSimulation;

function run(seed: number, params: Record<string, unknown> = {}, untilMs = 8000, actions: TimedAction[] = []) {
  const sim = simulate(seed, params, actions);
  sim.runUntil(untilMs, Infinity, false);
  return { sim, fields: lab.verdict!(sim).fields as Record<string, any>, failed: lab.verdict!(sim).failed };
}

const clientOf = (sim: Simulation) => sim.world.nodes.c1.state as ClientState | null;

describe('bulkheads', () => {
  it('with a pool per dependency, B’s slow calls never cost A a call', () => {
    for (const seed of [1, 2, 3]) {
      const { fields, failed } = run(seed);
      expect(fields.healthyFailures).toBe(0);
      expect(fields.rejected.bulkhead).toBeGreaterThan(0); // B's own bulkhead filled up
      expect(fields.successPct.A).toBe(100);
      expect(failed).toBe(false);
    }
  });

  it('with one shared pool and no breaker, B’s slow calls take the slots A needs, and the run fails', () => {
    const { fields, failed } = run(1, { bulkheads: false, breaker: false });
    expect(fields.healthyFailures).toBeGreaterThan(20);
    expect(fields.successPct.A).toBeLessThan(90);
    expect(failed).toBe(true);
  });

  it('a breaker limits the damage of a shared pool: fewer healthy failures than without it', () => {
    const without = run(1, { bulkheads: false, breaker: false }).fields.healthyFailures;
    const withBreaker = run(1, { bulkheads: false, breaker: true }).fields.healthyFailures;
    expect(withBreaker).toBeLessThan(without);
  });
});

describe('timeouts and the breaker in a run', () => {
  it('B’s breaker opens after the incident begins, and closes after it ends', () => {
    const { fields } = run(1, {}, 10_000);
    expect(fields.breakerOpenedAt.A).toBeNull();
    expect(fields.breakerOpenedAt.B).toBeGreaterThan(1000);
    expect(fields.transitions.at(-1)).toMatch(/^B HALF_OPEN→CLOSED at \d+ ms: trial calls: failure rate 0% < 50%/);
  });

  it('a timeout frees the slot, but the slow dependency still answers later, to nobody', () => {
    const { fields } = run(2, { breaker: false });
    expect(fields.timeouts).toBeGreaterThan(0);
    expect(fields.lateReplies).toBeGreaterThan(0);
  });

  it('a time-based window trips the breaker too', () => {
    const { fields } = run(3, { window: 'time', windowSize: 2, minimumCalls: 5 });
    expect(fields.breakerOpenedAt.B).toBeGreaterThan(1000);
    expect(fields.transitions[0]).toMatch(/in the last 2 s/);
  });

  it('without the breaker, calls keep going into the failing dependency, and it works for nobody', () => {
    const off = run(4, { breaker: false }).fields;
    const on = run(4, { breaker: true }).fields;
    // With the breaker, only its half-open trials go in; without, every call a free slot allows.
    expect(off.unprotectedCalls).toBeGreaterThan(1.5 * on.unprotectedCalls);
    expect(off.lateReplies).toBeGreaterThan(on.lateReplies);
  });
});

describe('a crashed client', () => {
  it('comes back with both breakers CLOSED and keeps its record of transitions', () => {
    const sim = simulate(1, {}, [{ at: 3000, do: 'crash', node: 'c1' }, { at: 3500, do: 'restart', node: 'c1' }]);
    sim.runUntil(2990, Infinity, false);
    expect(clientOf(sim)!.sides.B.breaker.value).toBe('OPEN');
    const before = clientOf(sim)!.transitionCount;
    sim.runUntil(3500, Infinity, false);
    const client = clientOf(sim)!;
    expect(client.sides.B.breaker.value).toBe('CLOSED');
    expect(client.transitionCount).toBe(before);
    expect(Object.keys(client.calls)).toEqual([]);
  });
});

const settingsArb = fc.record({
  bulkheads: fc.boolean(),
  breaker: fc.boolean(),
  bulkheadSize: fc.integer({ min: 1, max: 8 }),
  sharedPoolSize: fc.integer({ min: 1, max: 12 }),
  timeoutMs: fc.constantFrom(20, 100, 1000, 3000),
  window: fc.constantFrom('count', 'time'),
  windowSize: fc.integer({ min: 1, max: 12 }),
  minimumCalls: fc.integer({ min: 1, max: 12 }),
  waitInOpenMs: fc.integer({ min: 50, max: 1500 }),
  halfOpenCalls: fc.integer({ min: 1, max: 4 }),
  incident: fc.constantFrom('slow', 'failing'),
});

describe('what the client promises, whatever the settings, seed and faults', () => {
  it('pools never hold more calls than their slots, and no call starts while its breaker stays OPEN', () => {
    fc.assert(
      fc.property(settingsArb, fc.integer({ min: 1, max: 10_000 }), (settings, seed) => {
        const sim = simulate(seed, settings, randomFaults({ seed, nodes: 2, untilMs: 4000, weights: lab.faultWeights }));
        let before = clientOf(sim);
        for (let next = sim.nextMomentMs(); next !== null && next <= 4000; next = sim.nextMomentMs()) {
          sim.runUntil(next, Infinity, false);
          const client = clientOf(sim);
          if (!client) { before = null; continue; }
          const calls = Object.values(client.calls);
          for (const d of DEPENDENCIES) {
            const held = calls.filter((call) => call.dependency === d).length;
            expect(client.sides[d].inUse).toBe(held);
            if (settings.bulkheads) expect(held).toBeLessThanOrEqual(settings.bulkheadSize);
            if (before && before.sides[d].breaker.value === 'OPEN' && client.sides[d].breaker.value === 'OPEN') {
              const previous = before.calls;
              const started = Object.keys(client.calls).filter((id) => client.calls[id].dependency === d && !Object.hasOwn(previous, id));
              expect(started, `a call to ${d} started while its breaker stayed OPEN at ${sim.world.timeMs} ms`).toEqual([]);
            }
          }
          if (!settings.bulkheads) expect(calls.length).toBeLessThanOrEqual(settings.sharedPoolSize);
          before = client;
        }
      }),
      { numRuns: 25 },
    );
  }, 60_000);
});

describe('dependencies', () => {
  const modeOf = (sim: Simulation, id: string) => (sim.world.nodes[id].state as { mode: string } | null)?.mode ?? null;

  it('B follows the scenario’s incident: slow from 1 s for 4 s, through a crash in the middle', () => {
    const sim = simulate(1, {}, [{ at: 2000, do: 'crash', node: 'n2' }, { at: 2500, do: 'restart', node: 'n2' }]);
    sim.runUntil(999, Infinity, false);
    expect(modeOf(sim, 'n2')).toBe('healthy');
    sim.runUntil(1000, Infinity, false);
    expect(modeOf(sim, 'n2')).toBe('slow');
    sim.runUntil(2600, Infinity, false);
    expect(modeOf(sim, 'n2')).toBe('slow'); // restarted during the incident: still slow
    sim.runUntil(5000, Infinity, false);
    expect(modeOf(sim, 'n2')).toBe('healthy');
    expect(modeOf(sim, 'n1')).toBe('healthy');
  });

  it('a person setting B’s mode takes over from the scenario’s incident', () => {
    const sim = simulate(1, {}, [{ at: 500, do: 'lab', name: 'setDependency', dependency: 'B', mode: 'failing' }]);
    sim.runUntil(6000, Infinity, false);
    expect(modeOf(sim, 'n2')).toBe('failing');
    const fields = lab.verdict!(sim).fields as Record<string, any>;
    expect(fields.transitions[0]).toMatch(/^B CLOSED→OPEN at \d+ ms: failure rate \d+% ≥ 50%/);
  });

  it('a mode set while the dependency is down reaches it when it restarts', () => {
    const sim = simulate(1, { incident: 'none' }, [
      { at: 300, do: 'crash', node: 'n1' },
      { at: 400, do: 'lab', name: 'setDependency', dependency: 'A', mode: 'slow' },
      { at: 600, do: 'restart', node: 'n1' },
    ]);
    sim.runUntil(700, Infinity, false);
    expect(modeOf(sim, 'n1')).toBe('slow');
  });
});
