// The transactions tour run headlessly, as "Do it for me" would run it: each step's actions are
// injected into a live run and the step must complete on what the engine then reports, within a
// bounded stretch of virtual time, over several seeds; and no step is done before it begins.
import { describe, expect, it } from 'vitest';
import { runTourHeadless, type StepOutcome } from '../../ui/tour/run-tour-headless';
import type { Action } from '../../engine/actions';
import { defaultScenario } from '../../scenarios/catalog';
import { SimulationService } from '../../worker/simulation-service';
import { transactionsTour, txView } from './tour';

const STEP_LIMIT_MS = 20_000;

function runTour(seed: number, pressAtMs: number): StepOutcome[] {
  return runTourHeadless({ scenario: defaultScenario('transactions', seed), tour: transactionsTour, startMs: pressAtMs, stepLimitMs: STEP_LIMIT_MS, tickMs: 50 });
}

describe('transactions tour, end to end without a page', () => {
  it.each([[1, 0], [2, 500], [3, 1200], [4, 300], [5, 2000]])('every step completes on its own evidence (seed %i, first press at %i ms)', (seed, pressAtMs) => {
    const results = runTour(seed, pressAtMs);
    expect(results.filter((r) => r.text === 'NOT DONE'), JSON.stringify(results, null, 1)).toEqual([]);
    const text = (id: string) => results.find((r) => r.step === id)!.text;
    expect(text('crash-coordinator')).toMatch(/^n1 is down: .* in doubt for \d+\.\d s/);
    expect(text('recover')).toMatch(/^n1's log held tx \d+ with no decision, so it aborts it and tells every participant \(presumed abort\)\. The longest wait in doubt: \d+\.\d s$/);
    expect(text('saga')).toMatch(/^r\d read a total of \d+, not 300 \(n2=/);
    expect(text('blind-compensation')).toMatch(/^money-conserved: no transfer in progress, yet the balances add up to \d+, not 300/);
  }, 60_000);
});

describe('transactions projection', () => {
  it('reports a settings change at once, and the coordinator and participants from engine state', () => {
    const service = new SimulationService();
    const loaded = service.load(defaultScenario('transactions', 1), { recordedFrom: 0 });
    if (!loaded.ok) throw new Error('scenario refused');
    const view = txView(loaded.frame)!;
    expect(view.settings.protocol).toBe('2pc');
    expect(view.coordinator.id).toBe('n1');
    expect(view.participants.map((p) => p.id)).toEqual(['n2', 'n3', 'n4']);
    expect(view.money).toEqual({ opening: 300, total: 300, quiescent: true });
    const injected = service.inject({ do: 'lab', name: 'configure', protocol: 'saga' } as Action);
    expect(injected.ok && txView(injected.frame)!.settings.protocol).toBe('saga');
  });
});
