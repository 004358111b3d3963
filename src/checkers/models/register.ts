// The read/write/cas register, one per key, starting at nil. Its plain-value step defines the
// semantics (and serves anyone composing models); checking uses the encoded fast path with its
// proofs (register-check.ts), which agrees with it exactly.

import { describeOperation } from '../describe';
import type { HistoryOperation } from '../operations';
import { checkRegisterPartition } from '../register-check';
import { UNKNOWN_VALUE, sameValue, showValue, valueKey } from '../values';
import { IMPOSSIBLE, type HistoryModel, type Impossible } from './model';

/** A register's value; UNKNOWN_VALUE when nobody has observed it yet. */
export type RegisterState = unknown;

export const registerModel: HistoryModel<RegisterState> = {
  name: 'register',
  functions: ['read', 'write', 'cas'],
  summary: 'a read/write/compare-and-set register per key, starting at nil; an ok cas with value false is a compare that failed',
  init: () => null,
  unknownInit: () => UNKNOWN_VALUE,
  step: stepRegisterValue,
  stateKey: (state) => (state === UNKNOWN_VALUE ? 'unknown' : valueKey(state)),
  describeOperation,
  describeState: (state) => `the register at ${showValue(state)}`,
  whyNot: (state, op) => (op.f === 'read' ? `it read ${showValue(op.output)}, but the register held ${showValue(state)}` : `its compare disagrees with ${showValue(state)}`),
  checkPartition: checkRegisterPartition,
};

/** The register after `op`, or IMPOSSIBLE when it cannot happen; from an unknown value, an
 * observation reveals it (at least as permissive as any concrete start). */
export function stepRegisterValue(state: RegisterState, op: HistoryOperation): RegisterState | Impossible {
  const unknown = state === UNKNOWN_VALUE;
  if (op.f === 'read') {
    if (op.outcome === 'info') return state;
    if (unknown) return op.output;
    return sameValue(state, op.output) ? state : IMPOSSIBLE;
  }
  if (op.f === 'write') return op.input;
  const [expected, next] = op.input as [unknown, unknown];
  if (op.outcome === 'info') return unknown ? state : sameValue(state, expected) ? next : state;
  if (op.output === false) return unknown || !sameValue(state, expected) ? state : IMPOSSIBLE;
  return unknown || sameValue(state, expected) ? next : IMPOSSIBLE;
}
