// Conformance, per registered lab: (5) a swarm of seeds, each with a random fault plan drawn with
// the lab's faultWeights, holds every invariant; (6) every coverage mark of the lab is reached by
// at least one seed of that swarm (stateright's `sometimes`, TigerBeetle's marks), and a lab
// declares some. SWARM_SEEDS seeds per lab (200 with CI set, 50 otherwise).
import { beforeAll, describe, it } from 'vitest';
import { LABS } from '../../src/labs/registry';
import { planScenario, runHeadless } from '../../src/scenarios/headless';
import { describeViolations, must, SWARM_SEEDS, SWARM_UNTIL_MS, where } from './harness';

const replay = (lab: string, seed: number) => `npm run cli -- run ${lab} --seed ${seed} --faults random --until ${SWARM_UNTIL_MS / 1000}s`;

describe.each(LABS)(`conformance: $id lab, a swarm of ${SWARM_SEEDS} seeds with random faults`, (lab) => {
  const failures: string[] = [];
  const engineErrors: string[] = [];
  /** Each mark's first seed to reach it. */
  const reachedBy = new Map<string, number>();

  beforeAll(() => {
    for (let seed = 1; seed <= SWARM_SEEDS; seed++) {
      const scenario = planScenario({ lab: lab.id, seed, untilMs: SWARM_UNTIL_MS, faults: 'random' });
      let result;
      try {
        result = runHeadless(scenario);
      } catch (error) {
        engineErrors.push(`seed ${seed}: ${(error as Error).message} (replay: ${replay(lab.id, seed)})`);
        continue;
      }
      if (result.violations.length > 0) {
        failures.push(`seed ${seed}: ${describeViolations(result.violations)} (replay: ${replay(lab.id, seed)})`);
      }
      if (result.simulation.world.limited) engineErrors.push(`seed ${seed}: limit hit: ${result.simulation.world.limited}`);
      for (const mark of lab.coverage ?? []) {
        if (!reachedBy.has(mark.name) && mark.reached(result.simulation)) reachedBy.set(mark.name, seed);
      }
    }
  });

  it('5. every seed holds every invariant', () => {
    if (failures.length > 0) console.error(`${where(lab, '5 swarm')} failing seeds:\n${failures.slice(0, 20).join('\n')}`);
    must(engineErrors.length === 0, `${where(lab, '5 swarm')} ${engineErrors.length} of ${SWARM_SEEDS} seeds stopped on the engine:\n${engineErrors.slice(0, 10).join('\n')}`);
    must(failures.length === 0, `${where(lab, '5 swarm')} ${failures.length} of ${SWARM_SEEDS} seeds broke an invariant:\n${failures.slice(0, 10).join('\n')}`);
  });

  it('6. every coverage mark is reached by some seed of the swarm', () => {
    const marks = lab.coverage ?? [];
    must(marks.length > 0,
      `${where(lab, '6 coverage')} the lab declares no coverage marks: add \`coverage: [{ name, description, reached(sim) }]\` to its lab.ts, one per behaviour its swarm must exercise (see src/labs/raft/coverage.ts)`);
    const names = marks.map((mark) => mark.name);
    must(new Set(names).size === names.length, `${where(lab, '6 coverage')} two coverage marks share a name: ${names.join(', ')}`);
    const missed = marks.filter((mark) => !reachedBy.has(mark.name));
    must(missed.length === 0,
      `${where(lab, '6 coverage')} ${missed.length} coverage mark(s) never reached in ${SWARM_SEEDS} seeds of ${SWARM_UNTIL_MS} ms with random faults:\n` +
        missed.map((mark) => `  - ${mark.name}: ${mark.description}`).join('\n') +
        `\n(reached: ${[...reachedBy].map(([name, seed]) => `${name} first at seed ${seed}`).join(', ') || 'none'})`);
  });
});
