// The CAP lab end to end, headless: CP histories stay linearizable whatever the faults; AP
// histories under partitions are not, yet the replicas converge once the network heals and the
// writes stop. The verdicts come from the checkers, over the histories the engine recorded.
import { describe, expect, it } from 'vitest';
import { checkHistory } from '../../../src/checkers/index';
import { convergesOnceQuiet, CapChecks } from '../../../src/labs/cap/checks';
import { labById } from '../../../src/labs/registry';
import { defaultScenario } from '../../../src/scenarios/catalog';
import { planScenario, runHeadless } from '../../../src/scenarios/headless';
import { Session } from '../../../src/engine/session';
import { toWorldConfig } from '../../../src/scenarios/catalog';

const CP_SEEDS = Number(process.env.CAP_SEEDS ?? 300);

describe('CAP lab, CP mode', () => {
  it(`is linearizable over ${CP_SEEDS} random fault schedules`, () => {
    const failures: string[] = [];
    let operations = 0;
    for (let seed = 1; seed <= CP_SEEDS; seed++) {
      const scenario = planScenario({ lab: 'cap', seed, untilMs: 12000, faults: 'random', params: { mode: 'cp' } });
      const result = runHeadless(scenario);
      const checked = checkHistory(result.simulation.world.history);
      if (!checked.ok) {
        failures.push(`seed ${seed}: history malformed: ${checked.error.message}`);
        continue;
      }
      operations += checked.operations.length;
      if (result.violations.length > 0) failures.push(`seed ${seed}: ${result.violations.map((v) => v.message).join('; ')}`);
      if (checked.linearizability.valid !== true) failures.push(`seed ${seed}: ${checked.linearizability.valid} — ${checked.linearizability.explanation?.sentence ?? 'budget'}`);
    }
    if (failures.length > 0) console.error(`Failing seeds (replay: npm run cli -- run cap --mode cp --faults random --until 12s --seed N):\n${failures.slice(0, 20).join('\n')}`);
    expect(failures).toEqual([]);
    expect(operations / CP_SEEDS).toBeGreaterThan(20); // the clients really worked
  });

  it('fails the minority side instead of answering wrongly', () => {
    const scenario = { ...defaultScenario('cap', 4), actions: [{ at: 2000, do: 'partition' as const, groups: [['n1', 'n2'], ['n3', 'n4', 'n5']] }], until: 8000 };
    scenario.params = { ...scenario.params, mode: 'cp' };
    const result = runHeadless(scenario);
    const history = result.simulation.world.history;
    // c1 lives on n1 and c2 on n2 (the minority); c3 on n3 (the majority).
    const during = (client: string) => history.filter((e) => e.client === client && e.type !== 'invoke' && (e.time ?? 0) > 2600 && (e.time ?? 0) <= 8000);
    expect(during('c1').filter((e) => e.type === 'ok')).toEqual([]);
    expect(during('c1').length).toBeGreaterThan(0);
    expect(during('c3').filter((e) => e.type === 'ok').length).toBeGreaterThan(5);
    const checked = checkHistory(history);
    expect(checked.ok && checked.linearizability.valid).toBe(true);
  });
});

describe('CAP lab, flipping modes', () => {
  it('after a switch back to CP, the window since the switch is linearizable (100 seeds with faults)', () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= 100; seed++) {
      const scenario = planScenario({ lab: 'cap', seed, untilMs: 12_000, faults: 'random', params: { mode: 'cp' } });
      const flips = [
        { at: 1000 + (seed % 7) * 300, do: 'lab' as const, name: 'setMode', mode: 'ap' as const },
        { at: 4000 + (seed % 5) * 400, do: 'lab' as const, name: 'setMode', mode: 'cp' as const },
      ];
      scenario.actions = [...scenario.actions, ...flips];
      const result = runHeadless(scenario);
      const summary = new CapChecks().summarize(result.simulation);
      expect(summary.mode).toBe('cp');
      expect(summary.windowStartMs).toBe(flips[1].at);
      if (summary.linearizable !== true) failures.push(`seed ${seed}: ${summary.linearizable} — ${summary.explanation?.sentence ?? 'budget'}`);
    }
    expect(failures).toEqual([]);
  });
});

describe('CAP lab, AP mode', () => {
  it('stays available under a partition, is caught not linearizable, and converges after healing', () => {
    let caught = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const scenario = { ...defaultScenario('cap', seed), actions: [{ at: 1000, do: 'partition' as const, groups: [['n1', 'n2'], ['n3', 'n4', 'n5']] }, { at: 5000, do: 'heal' as const }], until: 8000 };
      scenario.params = { ...scenario.params, mode: 'ap' };
      const result = runHeadless(scenario);
      const history = result.simulation.world.history;
      const minorityOk = history.filter((e) => e.client === 'c1' && e.type === 'ok' && (e.time ?? 0) > 1200 && (e.time ?? 0) < 5000);
      expect(minorityOk.length).toBeGreaterThan(3);
      const checked = checkHistory(history);
      if (checked.ok && checked.linearizability.valid === false) caught++;
      expect(convergesOnceQuiet(result.simulation).converged).toBe(true);
    }
    expect(caught).toBeGreaterThanOrEqual(18);
  });

  it('the live checks flag the violation within the run and mark the window of a switch to CP', () => {
    const scenario = { ...defaultScenario('cap', 2), actions: [
      { at: 500, do: 'lab' as const, name: 'setMode', mode: 'ap' },
      { at: 1000, do: 'partition' as const, groups: [['n1', 'n2'], ['n3', 'n4', 'n5']] },
      { at: 4000, do: 'heal' as const },
      { at: 4500, do: 'lab' as const, name: 'setMode', mode: 'cp' },
      { at: 5000, do: 'partition' as const, groups: [['n1', 'n2'], ['n3', 'n4', 'n5']] },
    ] };
    const session = new Session(labById('cap').system, toWorldConfig(scenario), scenario.actions);
    const checks = new CapChecks();
    session.advanceTo(4000);
    const inAp = checks.summarize(session.simulation);
    expect(inAp.linearizable).toBe(false);
    expect(inAp.explanation?.sentence).toMatch(/read|cas/);
    expect(inAp.explanation?.operations.length).toBeGreaterThan(0);
    session.advanceTo(9000);
    const inCp = checks.summarize(session.simulation);
    expect(inCp.mode).toBe('cp');
    expect(inCp.windowStartMs).toBe(4500);
    expect(inCp.linearizable).toBe(true);
    expect(inCp.checkedOps).toBeGreaterThan(10);
    expect(inCp.availability.total).toBeGreaterThan(0);
    expect(inCp.availability.ok).toBeLessThan(inCp.availability.total); // the minority side fails
  });
});
