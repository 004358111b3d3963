// The second opinion for register keys the whole-history search gave up on: it settles a real
// CP run full of timeouts, never turns a violation into a pass, and keeps a small budget small.
import { describe, expect, it } from 'vitest';
import { checkHistory, pairOperations } from '../../../src/checkers/index';
import type { KeyVerdict } from '../../../src/checkers/linearizability';
import { settleUnknownRegisterKeys } from '../../../src/checkers/settle-unknown';
import { Simulation } from '../../../src/engine/simulation';
import type { HistoryEvent } from '../../../src/engine/types';
import { labById } from '../../../src/labs/registry';
import { toWorldConfig } from '../../../src/scenarios/catalog';
import { planScenario } from '../../../src/scenarios/headless';

/** A CP run of the CAP lab under random faults: 413 operations, 259 of them timed out. */
function timeoutHeavyHistory(): HistoryEvent[] {
  const scenario = planScenario({ lab: 'cap', seed: 8001, untilMs: 120_000, faults: 'random' });
  const sim = Simulation.create(labById('cap').system, toWorldConfig(scenario), scenario.actions);
  sim.runUntil(120_000, Infinity, false);
  return sim.world.history;
}

function unknownVerdicts(operations: { key?: string }[]): KeyVerdict[] {
  const keys = [...new Set(operations.map((op) => op.key ?? null))];
  return keys.map((key) => ({ key, valid: 'unknown', ops: 0, steps: 0 }));
}

function ev(process: number, type: HistoryEvent['type'], f: string, value: unknown): HistoryEvent {
  return { process, type, f, key: 'x', value };
}

describe('settling unknown register keys', () => {
  it('decides a CP run whose timeouts defeat the whole-history search', () => {
    const history = timeoutHeavyHistory();
    expect(history.filter((e) => e.type === 'info').length).toBeGreaterThan(200);
    const paired = pairOperations(history);
    if (!paired.ok) throw new Error(paired.error.message);
    const perKey = unknownVerdicts(paired.operations);
    settleUnknownRegisterKeys(paired.operations, perKey, 'nil', 5_000_000);
    expect(perKey.every((verdict) => verdict.valid === true)).toBe(true);
    const checked = checkHistory(history);
    expect(checked.ok && checked.linearizability.valid).toBe(true);
  });

  it('leaves a key unknown when the history is not linearizable', () => {
    // A stale read: 1 was overwritten by 2 before the read began.
    const history = [ev(0, 'invoke', 'write', 1), ev(0, 'ok', 'write', 1), ev(1, 'invoke', 'write', 2), ev(1, 'ok', 'write', 2), ev(2, 'invoke', 'read', null), ev(2, 'ok', 'read', 1)];
    const paired = pairOperations(history);
    if (!paired.ok) throw new Error(paired.error.message);
    const perKey = unknownVerdicts(paired.operations);
    settleUnknownRegisterKeys(paired.operations, perKey, 'nil', 5_000_000);
    expect(perKey[0].valid).toBe('unknown');
  });

  it('does nothing with a budget under ten steps, and stays within a tenth of a small one per search', () => {
    const paired = pairOperations(timeoutHeavyHistory());
    if (!paired.ok) throw new Error(paired.error.message);
    const none = unknownVerdicts(paired.operations);
    expect(settleUnknownRegisterKeys(paired.operations, none, 'nil', 9)).toBe(0);
    expect(none[0].valid).toBe('unknown');
    const small = unknownVerdicts(paired.operations);
    settleUnknownRegisterKeys(paired.operations, small, 'nil', 100);
    expect(small[0].valid).toBe('unknown');
  });
});
