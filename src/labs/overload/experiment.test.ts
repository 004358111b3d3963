// `cli experiment metastable`: its runs are the CLI's runs (same figures for the same seed), and
// over a few seeds it tells the collapsed settings from the recovered ones.
import { describe, expect, it } from 'vitest';
import { planScenario, runHeadless } from '../../scenarios/headless';
import { COMPARED, metastableExperiment, runOnce } from './experiment';
import { overloadVerdict } from './verdict';

describe('metastable experiment', () => {
  it('a run of the experiment is the run `cli run overload` makes', () => {
    const cli = runHeadless(planScenario({ lab: 'overload', seed: 2, untilMs: 10_000, faults: 'none', params: { retry: 'backoff-jitter', budget: 0.1 } }));
    expect(runOnce(2, { retry: 'backoff-jitter', budget: 0.1 }, 10_000).goodput).toEqual(overloadVerdict(cli.simulation).fields.goodput);
  });

  it('prints a row per setting: aggressive retries collapse, a budget recovers', () => {
    const rows: Record<string, unknown>[] = [];
    metastableExperiment.run({ seeds: 3, seconds: 10 }, (row) => rows.push(row));
    expect(rows.map((row) => row.setting)).toEqual(Object.keys(COMPARED));
    expect(rows.find((row) => row.setting === 'aggressive')).toMatchObject({ collapsed: 3, recovered: 0 });
    expect(rows.find((row) => row.setting === 'aggressive + budget 0.1')).toMatchObject({ collapsed: 0 });
    expect(rows.every((row) => row.violations === 0)).toBe(true);
  }, 60_000);
});
