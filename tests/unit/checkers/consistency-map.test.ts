// The consistency map: hand-written histories that separate each pair of neighbouring models, the
// sentences and operations of violations, the hierarchy (never green below red), the whole map
// against brute force on random small histories, budgets, unknown starts and convergence.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CONSISTENCY_MODELS,
  checkConsistencyMap,
  checkHistoryConsistency,
  enforceHierarchy,
  pairOperations,
  strongerThan,
  weakerThan,
  type ConsistencyMapResult,
  type ConsistencyModel,
  type WeakModel,
} from '../../../src/checkers/index';
import type { HistoryEvent } from '../../../src/engine/types';
import { bruteForceLinearizable } from './brute-force';
import { bruteForceModel } from './consistency-brute-force';
import { generateWeakHistory, weakHistoryArbitrary } from './consistency-generate';

type Step = [client: number, f: 'read' | 'write' | 'cas', key: string, value: unknown];

/** Operations one after another in real time, each completing ok before the next begins. */
function sequentialHistory(steps: Step[]): HistoryEvent[] {
  return steps.flatMap(([client, f, key, value], i) => [
    { process: client, type: 'invoke' as const, f, key, value: f === 'read' ? null : value, client: `c${client}`, time: i * 100 },
    { process: client, type: 'ok' as const, f, key, value, client: `c${client}`, time: i * 100 + 50 },
  ]);
}

function map(history: HistoryEvent[], options = {}): ConsistencyMapResult {
  const checked = checkHistoryConsistency(history, options);
  if (!checked.ok) throw new Error(checked.error.message);
  return checked.map;
}

function verdicts(result: ConsistencyMapResult): Record<ConsistencyModel, boolean | 'unknown'> {
  return Object.fromEntries(CONSISTENCY_MODELS.map((m) => [m, result.models[m].holds])) as Record<ConsistencyModel, boolean | 'unknown'>;
}

const ALL_TRUE = Object.fromEntries(CONSISTENCY_MODELS.map((m) => [m, true])) as Record<ConsistencyModel, true>;

describe('hand-written histories', () => {
  it('a linearizable history holds everywhere, the weaker models read off linearizability', () => {
    const result = map(sequentialHistory([[1, 'write', 'x', 1], [2, 'read', 'x', 1], [2, 'write', 'x', 2], [1, 'read', 'x', 2]]));
    expect(verdicts(result)).toEqual(ALL_TRUE);
    expect(result.models.sequential.impliedBy).toBe('linearizable');
    expect(result.models.linearizable.impliedBy).toBeNull();
  });

  it('a stale read after a completed write: sequential, not linearizable', () => {
    const result = map(sequentialHistory([[1, 'write', 'x', 1], [2, 'read', 'x', null]]));
    expect(verdicts(result)).toEqual({ ...ALL_TRUE, linearizable: false });
    expect(result.models.linearizable.sentence).toMatch(/c2 read x=nil/);
  });

  it('store buffering (each reads nil after its own write of another key): causal, not sequential', () => {
    const result = map(sequentialHistory([[1, 'write', 'x', 1], [2, 'write', 'y', 2], [1, 'read', 'y', null], [2, 'read', 'x', null]]));
    expect(verdicts(result)).toEqual({ ...ALL_TRUE, linearizable: false, sequential: false });
    expect(result.models.sequential.sentence).toMatch(/^No single order of all 4 operations keeps each session’s order/);
    expect(result.models.sequential.impliedBy).toBeNull();
  });

  it('a read of a value overwritten in its causal past: PRAM and writes-follow-reads, not causal', () => {
    // Writes-follow-reads alone leaves c3's two reads unordered, so it holds; causal order does not.
    const history = sequentialHistory([[1, 'write', 'x', 1], [2, 'read', 'x', 1], [2, 'write', 'y', 2], [3, 'read', 'y', 2], [3, 'read', 'x', null]]);
    const result = map(history);
    expect(verdicts(result)).toEqual({ ...ALL_TRUE, linearizable: false, sequential: false, causal: false });
    expect(result.models.causal.impliedBy).toBeNull();
    expect(result.models.causal.sentence).toBe('c3 read x=nil at 0.4 s, though c1’s write x=1 at 0 s was in its causal past and came after the initial nil.');
    expect(result.models.sequential.impliedBy).toBe('causal');
    expect(result.models.sequential.sentence).toMatch(/^Not causal, so not sequential either: c3 read x=nil/);
  });

  it('the causal pattern sentence names the overwriting write in the causal past', () => {
    // c2 saw 1 then 2 written after it (causally); c3 saw 2, then read x=1.
    const history = sequentialHistory([[1, 'write', 'x', 1], [2, 'read', 'x', 1], [2, 'write', 'x', 2], [3, 'read', 'x', 2], [3, 'write', 'y', 3], [4, 'read', 'y', 3], [4, 'read', 'x', 1]]);
    const paired = pairOperations(history);
    if (!paired.ok) throw new Error('bad');
    const result = checkConsistencyMap(paired.operations);
    expect(result.models.causal.holds).toBe(false);
    expect(result.models.causal.impliedBy).toBeNull();
    expect(result.models.causal.sentence).toBe('c4 read x=1 at 0.6 s, though c2’s write x=2 at 0.2 s was in its causal past and came after c1’s write x=1 at 0 s.');
    expect(result.models.causal.operations.map((op) => op.callIndex)).toEqual([12, 4, 0]);
    expect(result.models.pram.holds).toBe(true);
  });

  it('two reads in reverse write order: monotonic reads alone holds, PRAM does not', () => {
    const result = map(sequentialHistory([[1, 'write', 'x', 1], [1, 'write', 'x', 2], [2, 'read', 'x', 2], [2, 'read', 'x', 1]]));
    expect(verdicts(result)).toEqual({ ...ALL_TRUE, linearizable: false, sequential: false, causal: false, pram: false });
    expect(result.models.pram.sentence).toBe('c2 read x=2 at 0.2 s, then read x=1 at 0.3 s, though c1 made its write x=1 before its write x=2.');
    expect(result.models.pram.operations.map((op) => op.description)).toEqual(['c2 read x=2 (ok)', 'c2 read x=1 (ok)', 'c1 write x=1 (ok)', 'c1 write x=2 (ok)']);
  });

  it('reads that go back through three reads name all three', () => {
    const result = map(sequentialHistory([[1, 'write', 'x', 1], [1, 'write', 'x', 2], [2, 'read', 'x', 1], [2, 'read', 'x', 2], [2, 'read', 'x', 1]]));
    expect(verdicts(result)).toEqual({ ...ALL_TRUE, linearizable: false, sequential: false, causal: false, pram: false, 'monotonic-reads': false });
    expect(result.models.pram.impliedBy).toBe('monotonic-reads');
    expect(result.models['monotonic-reads'].sentence).toBe('c2 read x=1 at 0.2 s, then read x=2 at 0.3 s, then read x=1 at 0.4 s: its reads went back to an older value.');
    expect(result.models['monotonic-reads'].operations).toHaveLength(3);
  });

  it('reading nil after its own write: read-your-writes violated only', () => {
    const result = map(sequentialHistory([[1, 'write', 'x', 1], [1, 'read', 'x', null]]));
    expect(verdicts(result)).toEqual({ ...ALL_TRUE, linearizable: false, sequential: false, causal: false, pram: false, 'read-your-writes': false });
    expect(result.models['read-your-writes'].sentence).toBe('c1 read x=nil at 0.1 s, after its own write x=1 at 0 s.');
  });

  it('a session’s writes seen out of order: monotonic writes violated only', () => {
    // c2's cas of y saw c1's second write; its later cas of x still saw x empty: c1's writes in
    // c1's order and c2's in c2's cannot both hold in c2's view.
    const result = map(sequentialHistory([[1, 'write', 'x', 1], [1, 'write', 'y', 2], [2, 'cas', 'y', [2, 3]], [2, 'cas', 'x', [null, 4]]]));
    expect(verdicts(result)).toEqual({ ...ALL_TRUE, linearizable: false, sequential: false, causal: false, pram: false, 'monotonic-writes': false });
  });

  it('a write that does not follow what its session read: writes-follow-reads violated, PRAM holds', () => {
    const result = map(sequentialHistory([[1, 'write', 'x', 1], [2, 'read', 'x', 1], [2, 'write', 'y', 2], [3, 'cas', 'y', [2, 4]], [3, 'cas', 'x', [null, 5]]]));
    expect(verdicts(result)).toEqual({ ...ALL_TRUE, linearizable: false, sequential: false, causal: false, 'writes-follow-reads': false });
  });

  it('a read of a value nobody wrote violates every model', () => {
    const result = map(sequentialHistory([[1, 'write', 'x', 1], [2, 'read', 'x', 7]]));
    for (const model of CONSISTENCY_MODELS) expect(result.models[model].holds).toBe(false);
    expect(result.models['monotonic-writes'].sentence).toBe('c2 read x=7 at 0.1 s, but no operation wrote 7.');
  });

  it('a value written twice leaves the weaker models unknown (unless linearizability holds)', () => {
    const result = map(sequentialHistory([[1, 'write', 'x', 1], [2, 'write', 'x', 1], [1, 'read', 'x', null]]));
    expect(result.models.linearizable.holds).toBe(false);
    expect(result.models.pram.holds).toBe('unknown');
    expect(result.models.pram.sentence).toMatch(/written more than once/);
    expect(verdicts(map(sequentialHistory([[1, 'write', 'x', 1], [2, 'write', 'x', 1], [1, 'read', 'x', 1]])))).toEqual(ALL_TRUE);
  });

  it('a window with an unknown start: values read but not written in it are older writes', () => {
    const history = sequentialHistory([[1, 'read', 'x', 5], [2, 'write', 'x', 6], [1, 'read', 'x', 6], [1, 'read', 'x', 5]]);
    expect(map(history).models['monotonic-writes'].holds).toBe(false); // 5 was never written
    const windowed = map(history, { initialState: 'unknown' });
    expect(windowed.models['read-your-writes'].holds).toBe(true);
    expect(windowed.models['monotonic-reads'].holds).toBe(false);
  });

  it('a search out of budget is unknown, and still combined soundly', () => {
    // Many concurrent writes read back in crossing orders: the sequential search has to branch.
    const history: HistoryEvent[] = [];
    for (let c = 1; c <= 4; c++) history.push({ process: c, type: 'invoke', f: 'write', key: 'x', value: c, client: `c${c}` });
    for (let c = 1; c <= 4; c++) history.push({ process: c, type: 'ok', f: 'write', key: 'x', value: c, client: `c${c}` });
    for (let c = 1; c <= 4; c++) {
      for (const v of [c, (c % 4) + 1]) history.push({ process: c, type: 'invoke', f: 'read', key: 'x', value: null, client: `c${c}` }, { process: c, type: 'ok', f: 'read', key: 'x', value: v, client: `c${c}` });
    }
    const full = map(history);
    expect(full.models.sequential.holds).toBe(false);
    const paired = pairOperations(history);
    if (!paired.ok) throw new Error('bad');
    const lin = { valid: 'unknown' as const, ops: paired.operations.length, steps: 0, perKey: [] };
    const cut = checkConsistencyMap(paired.operations, { budgetSteps: 3, linearizable: lin });
    expect(cut.models.sequential.holds).toBe('unknown');
    expect(cut.models.linearizable.holds).toBe('unknown');
    expect(cut.steps).toBeGreaterThan(0);
  });

  it('eventual convergence from the replicas’ final states', () => {
    const history = sequentialHistory([[1, 'write', 'x', 1]]);
    expect(map(history).convergence).toBeNull();
    expect(map(history, { replicas: { n1: { x: 1 }, n2: { x: 1 } } }).convergence?.holds).toBe(true);
    const diverged = map(history, { replicas: { n1: { x: 1 }, n2: {} } }).convergence!;
    expect(diverged.holds).toBe(false);
    expect(diverged.sentence).toMatch(/Replicas differ on one key: x: n1 holds 1; n2 holds nil/);
  });
});

describe('the hierarchy', () => {
  it('lists Jepsen’s edges', () => {
    expect(weakerThan('linearizable')).toEqual(['sequential', 'causal', 'pram', 'writes-follow-reads', 'read-your-writes', 'monotonic-reads', 'monotonic-writes']);
    expect(strongerThan('writes-follow-reads')).toEqual(['linearizable', 'sequential', 'causal']);
    expect(strongerThan('monotonic-reads')).toEqual(['linearizable', 'sequential', 'causal', 'pram']);
  });

  it('turns red every model above a red one, and green every unknown one below a green one', () => {
    const raw = { ...Object.fromEntries(CONSISTENCY_MODELS.map((m) => [m, 'unknown'])), 'monotonic-reads': false, causal: true } as Record<ConsistencyModel, boolean | 'unknown'>;
    const out = enforceHierarchy(raw);
    expect(out.causal).toEqual({ holds: false, impliedBy: 'monotonic-reads' }); // red wins over a contradicting green
    expect(out.linearizable).toEqual({ holds: false, impliedBy: 'monotonic-reads' });
    expect(out['writes-follow-reads']).toEqual({ holds: 'unknown', impliedBy: null });
    const green = enforceHierarchy({ ...raw, 'monotonic-reads': 'unknown' });
    expect(green['writes-follow-reads']).toEqual({ holds: true, impliedBy: 'causal' });
    expect(green.sequential).toEqual({ holds: 'unknown', impliedBy: null });
  });

  it('is never green below red, and the whole map equals brute force, on 2,000 random histories', () => {
    const weak: WeakModel[] = ['sequential', 'causal', 'pram', 'read-your-writes', 'monotonic-reads', 'monotonic-writes', 'writes-follow-reads'];
    fc.assert(
      fc.property(weakHistoryArbitrary(6), (options) => {
        const history = generateWeakHistory(options);
        const result = map(history);
        for (const model of CONSISTENCY_MODELS) {
          if (result.models[model].holds !== true) continue;
          for (const weaker of weakerThan(model)) expect(result.models[weaker].holds, `${model} green above ${weaker}`).not.toBe(false);
        }
        expect(result.models.linearizable.holds).toBe(bruteForceLinearizable(history));
        for (const model of weak) expect(result.models[model].holds, model).toBe(bruteForceModel(history, model));
        for (const model of CONSISTENCY_MODELS) if (result.models[model].holds === false) expect(result.models[model].sentence).toBeTruthy();
      }),
      { numRuns: 2000, seed: 2024 },
    );
  });
});
