// Many seeds with random faults (crashes, restarts, partitions, cuts, pauses, loss, duplication)
// in CP, in AP and with random mode flips: Raft's invariants hold in every mode, and after the
// final heal and a quiet period every replica holds the same store. Same seed, same trace.
import { describe, expect, it } from 'vitest';
import type { TimedAction } from '../../../src/engine/actions';
import { Prng } from '../../../src/engine/prng';
import { traceHash } from '../../../src/engine/trace';
import { randomFaults } from '../../../src/scenarios/random-faults';
import { allEqual, capConfig, quiesce, simulate, stores } from './helpers';

const SEEDS = Number(process.env.REGISTER_SWARM_SEEDS ?? 150);
const UNTIL_MS = 6000;
const FAULTS_END_MS = 4000; // randomFaults heals and restarts everything at untilMs - settleMs

type Plan = 'cp' | 'ap' | 'flips';

/** The seed's fault plan, plus for 'flips' one to four mode switches at random moments. */
function plan(seed: number, kind: Plan): TimedAction[] {
  const faults = randomFaults({ seed, nodes: 5, untilMs: UNTIL_MS, settleMs: UNTIL_MS - FAULTS_END_MS });
  if (kind !== 'flips') return faults;
  const prng = Prng.fromSeed(seed, 'mode-flips');
  const flips: TimedAction[] = [];
  for (let i = prng.rangeInclusive(1, 4); i > 0; i--) {
    flips.push({ at: prng.rangeInclusive(100, FAULTS_END_MS), do: 'lab', name: 'setMode', mode: prng.pick(['cp', 'ap']) });
  }
  return [...faults, ...flips].sort((a, b) => a.at - b.at);
}

function run(seed: number, kind: Plan) {
  const sim = simulate(capConfig(seed, kind === 'ap' ? 'ap' : 'cp'), plan(seed, kind));
  sim.runUntil(FAULTS_END_MS);
  quiesce(sim);
  sim.runUntil(UNTIL_MS);
  return sim;
}

describe(`register swarm: ${SEEDS} seeds per mode with random faults`, () => {
  for (const kind of ['cp', 'ap', 'flips'] as const) {
    it(`${kind}: Raft's invariants hold and every replica converges after healing`, () => {
      const failures: string[] = [];
      for (let seed = 1; seed <= SEEDS; seed++) {
        const sim = run(seed, kind);
        for (const v of sim.world.violations) failures.push(`seed ${seed}: ${v.invariant} at ${v.timeMs} ms: ${v.message}`);
        // The flips are lab actions: an action the engine did not know would be skipped silently.
        const switches = sim.world.trace.faults.filter((e) => e.tag === 'setMode').length;
        const planned = plan(seed, kind).filter((a) => a.do === 'lab').length;
        if (switches !== planned) failures.push(`seed ${seed}: ${planned} mode switches planned, ${switches} applied`);
        const replicas = stores(sim);
        if (Object.keys(replicas).length !== 5 || !allEqual(replicas)) failures.push(`seed ${seed}: replicas differ ${JSON.stringify(replicas)}`);
      }
      if (failures.length > 0) console.error(`Failing ${kind} seeds:\n${failures.slice(0, 20).join('\n')}`);
      expect(failures).toEqual([]);
    });
  }
});

describe('determinism', () => {
  it('the same seed gives the same trace hash and history, twice', () => {
    for (const seed of [11, 12]) {
      const skew: TimedAction = { at: 500, do: 'skew', node: 'n2', offsetMs: -700 };
      const actions = [...plan(seed, 'flips'), skew].sort((a, b) => a.at - b.at);
      const runs = [0, 1].map(() => {
        const sim = simulate(capConfig(seed, 'ap'), actions);
        sim.runUntil(UNTIL_MS);
        return sim;
      });
      expect(traceHash(runs[0].world.trace)).toBe(traceHash(runs[1].world.trace));
      expect(runs[0].world.history).toEqual(runs[1].world.history);
      expect(runs[0].world.trace.count).toBeGreaterThan(1000);
    }
  });

  it('a different seed gives a different trace', () => {
    const hashes = [21, 22].map((seed) => {
      const sim = simulate(capConfig(seed, 'ap'), []);
      sim.runUntil(2000);
      return traceHash(sim.world.trace);
    });
    expect(hashes[0]).not.toBe(hashes[1]);
  });
});
