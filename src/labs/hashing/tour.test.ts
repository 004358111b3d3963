// The hashing tour run headlessly, as "Do it for me" would run it: each step's actions injected
// into a live run must complete the step on what the engine then reports, within a bounded stretch
// of virtual time, over several seeds and cluster sizes; and no step is done before it begins.
import { describe, expect, it } from 'vitest';
import { runTourHeadless, type StepOutcome } from '../../ui/tour/run-tour-headless';
import { defaultScenario } from '../../scenarios/catalog';
import { hashingTour } from './tour';

const STEP_LIMIT_MS = 10_000;

function runTour(seed: number, nodes?: number): StepOutcome[] {
  return runTourHeadless({ scenario: defaultScenario('hashing', seed, nodes), tour: hashingTour, startMs: 500, stepLimitMs: STEP_LIMIT_MS, tickMs: 100 });
}

describe('hashing tour, end to end without a page', () => {
  it.each([
    [1, undefined],
    [2, undefined],
    [3, 3],
    [4, 24],
  ])('every step completes on its own evidence (seed %i, %s nodes)', (seed, nodes) => {
    const results = runTour(seed, nodes);
    expect(results.filter((r) => r.text === 'NOT DONE'), JSON.stringify(results, null, 1)).toEqual([]);
    const text = (id: string) => results.find((r) => r.step === id)!.text;
    expect(text('join')).toMatch(/^n\d+ joined: \d+ of 200 keys/);
    // On the ring a leaving node's keys are the only ones that move.
    const leave = /: (\d+) of 200 keys .* (\d+) of them were/.exec(text('leave'))!;
    expect(leave[1]).toBe(leave[2]);
    // Hash mod N moves most keys on one join.
    const mod = /(\d+) of 200 keys/.exec(text('mod-n'))!;
    expect(Number(mod[1])).toBeGreaterThan(100);
    expect(text('hot-key')).toContain('k1’s first replica');
  }, 60_000);
});
