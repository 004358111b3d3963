// Merge is commutative, associative and idempotent for every type (Shapiro et al.: a join
// semilattice), on states reached by random operations on random replicas and random merges.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gCounterIncrement } from './g-counter';
import { CRDT_KINDS, CRDTS, type CrdtKind } from './index';
import { lwwRegisterWrite, lwwSetAdd, lwwSetRemove, type LwwRegister, type LwwSet } from './lww';
import { naiveSetAdd, naiveSetRemove } from './naive';
import { orSetAdd, orSetRemove, orSetValue, type OrSet } from './or-set';
import { pnCounterDecrement, pnCounterIncrement } from './pn-counter';

const REPLICAS = ['n1', 'n2', 'n3'];
const ELEMENTS = ['a', 'b', 'c'];

type Step = { replica: number; op: number; element: number; mergeFrom: number | null };

/** Applies one random operation of the type at a replica. Stamps and tags are unique per
 * replica (its clock only moves forward), as the lab's replicas make them. */
function operate(kind: CrdtKind, state: any, replica: string, op: number, element: string, n: number): any {
  const stamp = { ms: n, replica };
  switch (kind) {
    case 'g-counter':
      return gCounterIncrement(state, replica);
    case 'pn-counter':
      return op % 2 === 0 ? pnCounterIncrement(state, replica) : pnCounterDecrement(state, replica);
    case 'or-set':
      return op % 2 === 0 ? orSetAdd(state as OrSet, element, `${replica}.${n}`) : orSetRemove(state as OrSet, element);
    case 'lww-register':
      return lwwRegisterWrite(state as LwwRegister, n, stamp);
    case 'lww-element-set':
      return op % 2 === 0 ? lwwSetAdd(state as LwwSet, element, stamp) : lwwSetRemove(state as LwwSet, element, stamp);
    case 'naive-counter':
      return state + 1;
    case 'naive-set':
      return op % 2 === 0 ? naiveSetAdd(state, element) : naiveSetRemove(state, element);
  }
}

/** Three states of a type after a random history of operations and merges between replicas. */
function statesAfter(kind: CrdtKind, steps: Step[]): any[] {
  const type = CRDTS[kind];
  const states = REPLICAS.map(() => type.empty());
  steps.forEach((step, n) => {
    const at = step.replica % REPLICAS.length;
    if (step.mergeFrom !== null) states[at] = type.merge(states[at], states[step.mergeFrom % REPLICAS.length]);
    else states[at] = operate(kind, states[at], REPLICAS[at], step.op, ELEMENTS[step.element % ELEMENTS.length], n + 1);
  });
  return states;
}

const steps = fc.array(
  fc.record({ replica: fc.nat(2), op: fc.nat(3), element: fc.nat(2), mergeFrom: fc.option(fc.nat(2), { nil: null }) }),
  { maxLength: 30 },
);

const same = (a: unknown, b: unknown) => expect(JSON.stringify(a)).toBe(JSON.stringify(b));

describe.each(CRDT_KINDS)('%s merge', (kind) => {
  const { merge } = CRDTS[kind];

  it('is commutative, associative and idempotent', () => {
    fc.assert(fc.property(steps, (history) => {
      const [a, b, c] = statesAfter(kind, history);
      same(merge(a, b), merge(b, a));
      same(merge(merge(a, b), c), merge(a, merge(b, c)));
      same(merge(a, a), a);
    }), { numRuns: 300 });
  });

  it('gives every replica the same value once each has merged every other, in any order', () => {
    fc.assert(fc.property(steps, fc.nat(5), (history, order) => {
      const states = statesAfter(kind, history);
      const orders = [[0, 1, 2], [2, 1, 0], [1, 0, 2], [1, 2, 0], [0, 2, 1], [2, 0, 1]];
      const forward = states.reduce((x, y) => merge(x, y));
      const shuffled = orders[order].map((i) => states[i]).reduce((x, y) => merge(x, y));
      same(CRDTS[kind].value(forward), CRDTS[kind].value(shuffled));
    }), { numRuns: 200 });
  });
});

describe('what the types keep', () => {
  it('OR-Set: an add concurrent with a remove survives (add wins); LWW-Element-Set drops it', () => {
    const seen = orSetAdd(orSetAdd({ adds: {}, removed: [] }, 'a', 'n1.1'), 'a', 'n2.2');
    const n2 = orSetRemove(orSetAdd({ adds: {}, removed: [] }, 'a', 'n2.2'), 'a');
    expect(orSetValue(CRDTS['or-set'].merge(seen, n2))).toEqual(['a']);
    const lwwN1 = lwwSetAdd({ adds: {}, removes: {} }, 'a', { ms: 10, replica: 'n1' });
    const lwwN2 = lwwSetRemove(lwwSetAdd({ adds: {}, removes: {} }, 'a', { ms: 10, replica: 'n2' }), 'a', { ms: 11, replica: 'n2' });
    expect(CRDTS['lww-element-set'].value(CRDTS['lww-element-set'].merge(lwwN1, lwwN2))).toEqual([]);
  });

  it('the naive counter: two concurrent increments merge to 1, a G-Counter to 2', () => {
    expect(CRDTS['naive-counter'].merge(1, 1)).toBe(1);
    expect(CRDTS['g-counter'].value(CRDTS['g-counter'].merge(gCounterIncrement({}, 'n1'), gCounterIncrement({}, 'n2')))).toBe(2);
  });
});
