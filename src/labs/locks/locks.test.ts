// The locks lab's pieces on their own and in whole runs: the storage's fencing rule and ledger
// (fast-check over interleavings of critical sections), the lock node's lease and tokens, the
// mutex check of the lock service's history, and seeded runs with random faults.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HistoryEvent, Message, NodeContext } from '../../engine/types';
import { planScenario, runHeadless } from '../../scenarios/headless';
import { checkLockService, EMPTY_LEDGER, isDoubleWrite, recordAccess, recentMutexOperations } from './checks';
import { pairOperations, mutexModel } from '../../checkers/index';
import { lockNode, type LockNodeState } from './lock-node';
import { SETTINGS_DEFAULTS } from './settings';
import { storage, type StorageState } from './storage';

function context(id: string, clockMs = 0, params: Record<string, unknown> = {}): NodeContext {
  const counters: Record<string, number> = {};
  return {
    id, role: 'x', peers: [], roster: {}, servers: [], home: null, params, clockMs,
    rng: { int: () => 0, rangeInclusive: (min) => min, pick: (items) => items[0], chancePpm: () => false },
    next: (counter, start = 0) => {
      const value = counters[counter] ?? start;
      counters[counter] = value + 1;
      return value;
    },
    peek: (counter, start = 0) => counters[counter] ?? start,
  };
}

function storageWith(fencing: boolean): StorageState {
  const [state] = storage.init(context('s1', 0, { ...SETTINGS_DEFAULTS, fencing }));
  return state;
}

function deliver(state: StorageState, from: string, message: Message): StorageState {
  return storage.onMessage(state, from, message, context('s1'))[0];
}

describe('the storage ledger', () => {
  it('a write lands in a newer section only when another section began after its own', () => {
    let ledger = recordAccess(EMPTY_LEDGER, 'c1', 5, 1);
    expect(isDoubleWrite(ledger, 'c1', 5, 1)).toBe(false);
    ledger = recordAccess(ledger, 'c2', 6, 2);
    expect(isDoubleWrite(ledger, 'c1', 5, 1)).toBe(true);
    expect(isDoubleWrite(ledger, 'c2', 6, 2)).toBe(false);
    // The same token from another lease of the same client is another section (Redlock repeats).
    expect(isDoubleWrite(ledger, 'c2', 6, 3)).toBe(true);
  });

  it('a duplicated old read does not start its section again', () => {
    let ledger = recordAccess(EMPTY_LEDGER, 'c1', 5, 1);
    ledger = recordAccess(ledger, 'c2', 6, 2);
    expect(recordAccess(ledger, 'c1', 5, 1).latest).toBe(ledger.latest);
  });
});

/** Critical sections, each a read then a write of read + 1, their requests arriving at the storage
 * in the order given (each section's read before its write). Tokens follow the grant order. */
function runSections(fencing: boolean, order: number[]): StorageState {
  let state = storageWith(fencing);
  const read: Record<number, number | null> = {};
  for (const section of order) {
    const client = `c${section}`;
    const token = section + 1;
    if (!(section in read)) {
      const before = state;
      state = deliver(state, client, { type: 'Read', token, section });
      read[section] = state.rejected > before.rejected ? null : state.value;
    } else if (read[section] !== null) {
      state = deliver(state, client, { type: 'Write', token, section, value: read[section]! + 1, writeId: section });
    }
  }
  return state;
}

/** Each of `sections` appears twice (its read, then its write), interleaved arbitrarily. */
const interleavings = fc
  .integer({ min: 1, max: 6 })
  .chain((sections) => fc.shuffledSubarray([...Array(sections).keys(), ...Array(sections).keys()], { minLength: sections * 2, maxLength: sections * 2 }));

describe('the storage with fencing', () => {
  it('never takes a double write and never loses an increment, however requests interleave', () => {
    fc.assert(
      fc.property(interleavings, (order) => {
        const state = runSections(true, order);
        expect(state.doubleWrites).toBe(0);
        expect(state.applied).toBe(state.value);
      }),
    );
  });

  it('without fencing, every lost increment comes with a double write', () => {
    fc.assert(
      fc.property(interleavings, (order) => {
        const state = runSections(false, order);
        if (state.applied > state.value) expect(state.doubleWrites).toBeGreaterThan(0);
      }),
    );
  });

  it('without fencing, a paused holder writing after its successor read loses an increment', () => {
    // c0 reads, c1 reads, c0 writes (the paused holder), c1 writes.
    const state = runSections(false, [0, 1, 0, 1]);
    expect(state.doubleWrites).toBe(1);
    expect(state.applied - state.value).toBe(1);
    // With fencing the stale write is refused instead.
    const fenced = runSections(true, [0, 1, 0, 1]);
    expect(fenced.rejected).toBe(1);
    expect(fenced.value).toBe(1);
  });

  it('applies a duplicated write once', () => {
    let state = deliver(storageWith(true), 'c1', { type: 'Read', token: 1, section: 1 });
    state = deliver(state, 'c1', { type: 'Write', token: 1, section: 1, value: 1, writeId: 7 });
    state = deliver(state, 'c1', { type: 'Write', token: 1, section: 1, value: 1, writeId: 7 });
    expect(state.applied).toBe(1);
  });
});

describe('a lock node', () => {
  const acquire = (state: LockNodeState, from: string, attempt: number, clockMs: number) =>
    lockNode.onMessage(state, from, { type: 'Acquire', attempt, leaseMs: 500 }, context('n1', clockMs))[0];

  it('grants a free lock, denies a held one, and grants again with a higher token once the lease ran out on its clock', () => {
    const [fresh] = lockNode.init(context('n1', 0, { ...SETTINGS_DEFAULTS }));
    const held = acquire(fresh, 'c1', 1, 0);
    expect(held.holder).toMatchObject({ client: 'c1', token: 1 });
    expect(acquire(held, 'c2', 2, 499)).toBe(held);
    const next = acquire(held, 'c2', 2, 500);
    expect(next.holder).toMatchObject({ client: 'c2', token: 2 });
  });

  it('lets a clock jump cut a lease short', () => {
    const [fresh] = lockNode.init(context('n1', 0, { ...SETTINGS_DEFAULTS }));
    const held = acquire(fresh, 'c1', 1, 0);
    // 100 ms later by virtual time, but the node's clock jumped 1 s ahead.
    expect(acquire(held, 'c2', 2, 1100).holder?.client).toBe('c2');
  });

  it('keeps its lease and counter across a restart unless the forgetful rule is on', () => {
    const [fresh] = lockNode.init(context('n1', 0, { ...SETTINGS_DEFAULTS }));
    const held = acquire(fresh, 'c1', 1, 0);
    expect(lockNode.persisted(held)).toMatchObject({ counter: 1, holder: { client: 'c1' } });
    const [forgetful] = lockNode.init(context('n1', 0, { ...SETTINGS_DEFAULTS, durableLocks: false }));
    expect(lockNode.persisted(acquire(forgetful, 'c1', 1, 0))).toMatchObject({ counter: 0, holder: null });
  });
});

describe('the lock service as a mutex', () => {
  const op = (process: number, f: string, key: string, time: number): HistoryEvent[] => [
    { process, type: 'invoke', f, key, client: `c${process}`, time },
    { process, type: 'ok', f, key, client: `c${process}`, time },
  ];

  it('is linearizable when grants and releases alternate, and not when a held lock is granted again', () => {
    const good = [...op(1, 'acquire', 'n1', 0), ...op(1, 'release', 'n1', 5), ...op(2, 'acquire', 'n1', 6)];
    expect(checkLockService(good).linearizable).toBe(true);
    const bad = [...op(1, 'acquire', 'n1', 0), ...op(2, 'acquire', 'n1', 5)];
    const verdict = checkLockService(bad);
    expect(verdict.linearizable).toBe(false);
    expect(verdict.explanation).toBeTruthy();
  });

  it('a window of the latest operations starts each lock at an acquire', () => {
    const history = [...op(1, 'acquire', 'n1', 0), ...op(1, 'release', 'n1', 5), ...op(2, 'acquire', 'n1', 6)];
    const paired = pairOperations(history, mutexModel);
    if (!paired.ok) throw new Error(paired.error.message);
    expect(recentMutexOperations(paired.operations, 2).map((o) => o.f)).toEqual(['acquire']);
  });
});

describe('whole runs with random faults', () => {
  const run = (seed: number, params: Record<string, unknown>) => runHeadless(planScenario({ lab: 'locks', seed, untilMs: 10_000, faults: 'random', params }));
  const fields = (seed: number, params: Record<string, unknown>) => {
    const result = run(seed, params);
    return { result, storage: result.simulation.world.nodes.s1.state as StorageState };
  };

  it('with one lock node and fencing, no seed loses an increment or takes a double write', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), (seed) => {
        const { result, storage: s } = fields(seed, {});
        expect(result.violations).toEqual([]);
        expect(s.doubleWrites).toBe(0);
        expect(s.applied).toBe(s.value);
      }),
      { numRuns: 40 },
    );
  });

  it('without fencing some seed of the first 100 takes a double write', () => {
    const found = Array.from({ length: 100 }, (_, i) => i + 1).find((seed) => fields(seed, { fencing: false }).storage.doubleWrites > 0);
    expect(found).toBeDefined();
  });

  it('forgetful lock nodes are caught: by the token invariant or the mutex checker in some seed', () => {
    const caught = Array.from({ length: 60 }, (_, i) => i + 1).some((seed) => {
      const result = run(seed, { durableLocks: false });
      return result.violations.some((v) => v.invariant === 'fencing-tokens-increase') || checkLockService(result.simulation.world.history).linearizable === false;
    });
    expect(caught).toBe(true);
  });
});
