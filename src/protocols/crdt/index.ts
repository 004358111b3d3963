// The CRDTs (and the naive baselines) behind one shape: an empty state, a merge, and the value a
// user sees. Operations differ per type and live in each type's module.
import { gCounterEmpty, gCounterMerge, gCounterValue } from './g-counter';
import { lwwRegisterEmpty, lwwRegisterMerge, lwwSetEmpty, lwwSetMerge, lwwSetValue } from './lww';
import { naiveCounterMerge, naiveSetMerge } from './naive';
import { orSetEmpty, orSetMerge, orSetValue } from './or-set';
import { pnCounterEmpty, pnCounterMerge, pnCounterValue } from './pn-counter';

export const CRDT_KINDS = ['g-counter', 'pn-counter', 'or-set', 'lww-register', 'lww-element-set', 'naive-counter', 'naive-set'] as const;
export type CrdtKind = (typeof CRDT_KINDS)[number];

/** The kinds that are CRDTs (the naive ones are the broken baselines). */
export const REAL_CRDTS: readonly CrdtKind[] = ['g-counter', 'pn-counter', 'or-set', 'lww-register', 'lww-element-set'];

export interface CrdtType<S = any> {
  kind: CrdtKind;
  empty(): S;
  merge(a: S, b: S): S;
  /** What a user reads: a number, a sorted list of elements, or the register's value. */
  value(state: S): number | string[] | null;
}

export const CRDTS: Record<CrdtKind, CrdtType> = {
  'g-counter': { kind: 'g-counter', empty: gCounterEmpty, merge: gCounterMerge, value: gCounterValue },
  'pn-counter': { kind: 'pn-counter', empty: pnCounterEmpty, merge: pnCounterMerge, value: pnCounterValue },
  'or-set': { kind: 'or-set', empty: orSetEmpty, merge: orSetMerge, value: orSetValue },
  'lww-register': { kind: 'lww-register', empty: lwwRegisterEmpty, merge: lwwRegisterMerge, value: (r) => r.value },
  'lww-element-set': { kind: 'lww-element-set', empty: lwwSetEmpty, merge: lwwSetMerge, value: lwwSetValue },
  'naive-counter': { kind: 'naive-counter', empty: () => 0, merge: naiveCounterMerge, value: (n) => n },
  'naive-set': { kind: 'naive-set', empty: () => [], merge: naiveSetMerge, value: (s) => [...s] },
};

export function isCounter(kind: CrdtKind): boolean {
  return kind === 'g-counter' || kind === 'pn-counter' || kind === 'naive-counter';
}

export function isSet(kind: CrdtKind): boolean {
  return kind === 'or-set' || kind === 'lww-element-set' || kind === 'naive-set';
}

export function showCrdtValue(value: number | string[] | null): string {
  if (value === null) return '∅';
  if (Array.isArray(value)) return `{${value.join(',')}}`;
  return String(value);
}
