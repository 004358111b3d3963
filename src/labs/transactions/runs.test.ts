// Whole runs under random faults (the CLI's `--faults random`): correct 2PC and sagas keep every
// invariant and leave no lock behind; 2PC readers never see a half-done transfer while saga
// readers do; and each break-a-rule switch is caught by its invariant in some seed.
import { describe, expect, it } from 'vitest';
import { planScenario, runHeadless } from '../../scenarios/headless';
import type { ParticipantState } from './participant';
import { stuckLocks, txVerdict } from './verdict';

function run(seed: number, params: Record<string, unknown> = {}, untilMs = 6000) {
  const result = runHeadless(planScenario({ lab: 'transactions', seed, untilMs, faults: 'random', params }));
  return { result, verdict: txVerdict(result.simulation) };
}

const SEEDS = Array.from({ length: 60 }, (_, i) => i + 1);

describe('transactions under random faults', () => {
  it('2PC: no invariant breaks, no lock outlives the faults, no reader sees a half-done transfer, and crashes block', () => {
    const runs = SEEDS.map((seed) => run(seed, { protocol: '2pc' }));
    expect(runs.flatMap((r) => r.result.violations)).toEqual([]);
    expect(runs.filter((r) => r.verdict.failed).map((r) => r.result.seed)).toEqual([]);
    expect(runs.reduce((sum, r) => sum + (r.verdict.fields.anomalies as number), 0)).toBe(0);
    const crashedAfterPrepare = runs.filter((r) => (r.verdict.fields.recoveredAfterPrepare as number) > 0);
    expect(crashedAfterPrepare.length).toBeGreaterThan(0);
    expect(crashedAfterPrepare.every((r) => (r.verdict.fields.blockedMs as number) > 0)).toBe(true);
  }, 60_000);

  it('saga: no invariant breaks and nothing blocks, but readers see transfers half done', () => {
    const runs = SEEDS.map((seed) => run(seed, { protocol: 'saga' }));
    expect(runs.flatMap((r) => r.result.violations)).toEqual([]);
    expect(runs.filter((r) => r.verdict.failed).map((r) => r.result.seed)).toEqual([]);
    expect(runs.every((r) => r.verdict.fields.blockedMs === 0)).toBe(true);
    expect(runs.filter((r) => (r.verdict.fields.anomalies as number) > 0).length).toBeGreaterThan(SEEDS.length / 2);
    expect(runs.some((r) => (r.verdict.fields.compensated as number) > 0)).toBe(true);
  }, 60_000);

  it.each([
    ['blind compensations', 'money-conserved', { protocol: 'saga', compensation: 'blind' }],
    ['participants that abort in doubt', 'atomic-commit', { inDoubt: 'abort' }],
    ['a coordinator log kept in memory', 'no-orphaned-lock', { coordinatorLog: 'memory' }],
  ] as const)('%s: caught by %s in some seed', (_name, invariant, params) => {
    const caught = SEEDS.filter((seed) => run(seed, { ...params }).result.violations.some((v) => v.invariant === invariant));
    expect(caught.length).toBeGreaterThan(0);
  }, 60_000);
});

describe('stuck locks', () => {
  it('are found only when a lock taken long before the run went quiet is still held', () => {
    const { result } = run(3, {}, 10_000);
    const sim = result.simulation;
    expect(stuckLocks(sim)).toEqual([]);
    const node = sim.world.nodes.n2;
    const state = node.state as ParticipantState;
    node.state = { ...state, prepared: { tx: 999, delta: 0, waitedMs: 200 } };
    expect(stuckLocks(sim)).toEqual([]);
    node.state = { ...state, prepared: { tx: 999, delta: 0, waitedMs: 2600 } };
    expect(stuckLocks(sim)).toEqual(['n2']);
  });
});
