// Soundness of the session checker against a weakly consistent store that keeps every session
// guarantee: writes enter one global version order, each replica has applied a prefix of it that
// only grows, and each client sticks to one replica, which applies its writes before answering.
// Such histories are often not linearizable (stale reads at other replicas), yet no session
// violation may be reported. A replica that forgets (its prefix shrinks) must be caught.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSessions, pairOperations } from '../../../src/checkers/index';
import type { HistoryEvent } from '../../../src/engine/types';

interface Store {
  log: number[];
  applied: number[];
}

function simulate(clients: number, replicas: number, choices: number[], forget: boolean): HistoryEvent[] {
  let cursor = 0;
  const pick = (n: number): number => (choices[cursor++ % choices.length] ?? 0) % n;
  const store: Store = { log: [], applied: Array(replicas).fill(0) };
  const history: HistoryEvent[] = [];
  let nextValue = 1;
  const current = (r: number): number | null => (store.applied[r] === 0 ? null : store.log[store.applied[r] - 1]);
  for (let step = 0; step < choices.length; step++) {
    const client = pick(clients);
    const replica = client % replicas;
    const action = pick(6);
    const base = { process: client, client: `c${client + 1}`, key: 'x' };
    if (action === 0) {
      const other = pick(replicas);
      store.applied[other] = Math.min(store.log.length, store.applied[other] + 1 + pick(3));
    } else if (action === 1 && forget) {
      store.applied[replica] = pick(store.applied[replica] + 1);
    } else if (action <= 3) {
      history.push({ ...base, type: 'invoke', f: 'read', value: null });
      history.push({ ...base, type: 'ok', f: 'read', value: current(replica) });
    } else if (action === 4) {
      const value = nextValue++;
      history.push({ ...base, type: 'invoke', f: 'write', value });
      const outcome = pick(4);
      if (outcome > 0) {
        store.log.push(value);
        store.applied[replica] = store.log.length;
      }
      history.push({ ...base, type: outcome === 0 ? 'fail' : outcome === 1 ? 'info' : 'ok', f: 'write', value });
    } else {
      const value = nextValue++;
      const expected = pick(2) === 0 ? current(replica) : pick(nextValue);
      history.push({ ...base, type: 'invoke', f: 'cas', value: [expected, value] });
      const swapped = expected === current(replica);
      if (swapped) {
        store.log.push(value);
        store.applied[replica] = store.log.length;
      }
      history.push({ ...base, type: 'ok', f: 'cas', value: swapped ? [expected, value] : false });
    }
  }
  return history;
}

function violations(history: HistoryEvent[]) {
  const paired = pairOperations(history);
  if (!paired.ok) throw new Error(paired.error.message);
  return checkSessions(paired.operations);
}

const arbitrary = fc.record({
  clients: fc.integer({ min: 1, max: 4 }),
  replicas: fc.integer({ min: 1, max: 3 }),
  choices: fc.array(fc.nat(1000), { minLength: 1, maxLength: 80 }),
});

describe('session guarantees on a session-consistent store', () => {
  it('reports nothing when every replica only moves forward (1,000 runs)', () => {
    fc.assert(
      fc.property(arbitrary, ({ clients, replicas, choices }) => {
        expect(violations(simulate(clients, replicas, choices, false))).toEqual([]);
      }),
      { numRuns: 1000, seed: 7 },
    );
  });

  it('catches replicas that forget', () => {
    let caught = 0;
    fc.assert(
      fc.property(arbitrary, ({ clients, replicas, choices }) => {
        if (violations(simulate(clients, replicas, choices, true)).length > 0) caught++;
      }),
      { numRuns: 300, seed: 11 },
    );
    expect(caught).toBeGreaterThan(5);
  });
});
