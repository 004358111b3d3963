// The trust tour run headlessly, as "Do it for me" would run it: each step's actions are injected
// into a live run and the step must complete on what the engine then reports, within a bounded
// stretch of virtual time, over several seeds; and no step is done before it begins.
import { describe, expect, it } from 'vitest';
import { runTourHeadless, type StepOutcome } from '../../ui/tour/run-tour-headless';
import type { Action } from '../../engine/actions';
import { defaultScenario } from '../../scenarios/catalog';
import { SimulationService } from '../../worker/simulation-service';
import { trustTour, trustView } from './tour';

const STEP_LIMIT_MS = 10_000;

function runTour(seed: number, pressAtMs: number): StepOutcome[] {
  return runTourHeadless({ scenario: defaultScenario('trust', seed), tour: trustTour, startMs: pressAtMs, stepLimitMs: STEP_LIMIT_MS, tickMs: 50 });
}

describe('trust tour, end to end without a page', () => {
  it.each([[1, 0], [2, 500], [3, 1200], [4, 300]])('every step completes on its own evidence (seed %i, first press at %i ms)', (seed, pressAtMs) => {
    const results = runTour(seed, pressAtMs);
    expect(results.filter((r) => r.text === 'NOT DONE'), JSON.stringify(results, null, 1)).toEqual([]);
    const text = (id: string) => results.find((r) => r.step === id)!.text;
    expect(text('tamper-caught')).toMatch(/^n2 rejected \d+ tampered packet\(s\) with a bad tag/);
    expect(text('tamper-unauthenticated')).toMatch(/^replicas-match-primary: n2 holds x=666\d+ at version \d+/);
    expect(text('replay-with-mac-only')).toMatch(/^no-rollback: n2 went back to version \d+/);
    expect(text('replay-caught')).toMatch(/^m1 replayed \d+ old packet\(s\); n2 refused \d+ packet\(s\) as not new and never went back a version$/);
    expect(text('forge')).toMatch(/^m1 forged \d+ packet\(s\) as n1; n2 rejected every one/);
    expect(text('drop')).toMatch(/^m1 dropped \d+ Replicate\(s\); n2 is \d+ versions behind/);
  }, 60_000);
});

describe('trust projection', () => {
  it('reports a settings change at once, and the replicas from engine state', () => {
    const service = new SimulationService();
    const loaded = service.load(defaultScenario('trust', 1), { recordedFrom: 0 });
    if (!loaded.ok) throw new Error('scenario refused');
    const view = trustView(loaded.frame)!;
    expect(view.settings).toEqual({ attack: 'none', auth: 'mac', replayProtection: 'nonce' });
    expect(view.replicas.map((r) => r.id)).toEqual(['n1', 'n2', 'n3']);
    expect(view.attacker?.id).toBe('m1');
    const injected = service.inject({ do: 'lab', name: 'protect', mac: false } as Action);
    expect(injected.ok && trustView(injected.frame)!.settings.auth).toBe('none');
    const attacked = service.inject({ do: 'lab', name: 'setAttack', attack: 'replay' } as Action);
    expect(attacked.ok && trustView(attacked.frame)!.attacker?.attack).toBe('replay');
  });
});
