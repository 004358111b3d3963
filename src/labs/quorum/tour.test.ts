// The quorum tour run headlessly, as "Do it for me" would run it: each step's actions are
// injected into a live run and the step must complete on what the engine and checkers then
// report, within a bounded stretch of virtual time, over several seeds. And a step is not done
// before its evidence exists.
import { describe, expect, it } from 'vitest';
import { runTourHeadless, type StepOutcome } from '../../ui/tour/run-tour-headless';
import type { Action } from '../../engine/actions';
import { defaultScenario } from '../../scenarios/catalog';
import { SimulationService } from '../../worker/simulation-service';
import { quorumTour } from './tour';

const STEP_LIMIT_MS = 20_000;

function runTour(seed: number): StepOutcome[] {
  return runTourHeadless({ scenario: defaultScenario('quorum', seed), tour: quorumTour, startMs: 500, stepLimitMs: STEP_LIMIT_MS, tickMs: 100 });
}

describe('quorum tour, end to end without a page', () => {
  it.each([1, 2, 3, 4, 5])('every step completes on its own evidence (seed %i)', (seed) => {
    const results = runTour(seed);
    expect(results.filter((r) => r.text === 'NOT DONE'), JSON.stringify(results, null, 1)).toEqual([]);
    expect(results.find((r) => r.step === 'read-misses-it')!.text).toMatch(/^with W \+ R > N, the linearizability checker says: /);
    expect(results.find((r) => r.step === 'lww-skew')!.text).toContain('silently drops');
  }, 60_000);
});

describe('quorum projection', () => {
  it('reports new settings at once, even when nothing else changed (a change at time 0)', () => {
    const service = new SimulationService();
    const loaded = service.load(defaultScenario('quorum', 1), { recordedFrom: 0 });
    if (!loaded.ok) throw new Error('scenario refused');
    expect((loaded.frame.labView as { config: { w: number } }).config.w).toBe(2);
    const injected = service.inject({ do: 'lab', name: 'configure', w: 1 } as Action);
    expect(injected.ok && (injected.frame.labView as { config: { w: number } }).config.w).toBe(1);
  });
});
