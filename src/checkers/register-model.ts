// The register model the linearizability search steps: states and values are interned integers
// (nil = 0), and each operation is one of five kinds with up to two value arguments.

import type { HistoryOperation } from './operations';
import { UNKNOWN_ID, UNOBSERVED_VALUE, valueKey, type ValueInterner } from './values';
import type { SearchProblem, StepFunction } from './wgl-search';

export const READ = 0; // a: value read. Valid iff state = a.
export const WRITE = 1; // a: value written (ok or unknown outcome: a write always succeeds).
export const CAS = 2; // a: expected, b: new. Succeeded: valid iff state = a; state becomes b.
export const CAS_FALSE = 3; // a: expected. Returned false: valid iff state != a; no change.
export const CAS_UNKNOWN = 4; // a: expected, b: new. Unknown outcome: swaps iff state = a.

/** One key's operations, ready for the search: struct-of-arrays, ordered by invocation. */
export interface EncodedOperations extends SearchProblem {
  kind: Int8Array;
  a: Int32Array;
  b: Int32Array;
  /** The source operation of each entry. */
  source: HistoryOperation[];
}

/**
 * Encodes the operations the search must consider: `fail` operations certainly did not happen and
 * reads of unknown outcome constrain nothing, so both are left out. So is an unknown write or cas
 * whose new value nothing observes (no read returns it, no cas expects it) when no cas returned
 * false: taking effect could only make later reads and cases fail, so it may as well never have.
 */
export function encodeOperations(operations: readonly HistoryOperation[], interner: ValueInterner): EncodedOperations {
  const candidates = operations.filter(mayConstrain);
  const { observed, falseCas } = observedValues(candidates);
  const unobservedAnyway = (value: unknown) => !observed.has(valueKey(value));
  // With a cas that returned false no unknown write is left out: any other value fails its compare.
  const kept = falseCas ? candidates : candidates.filter((op) => op.outcome !== 'info' || !unobservedAnyway(newValueOf(op)));
  // With a cas that returned false, an unknown write of a value nobody observes can matter (it
  // makes the register differ from the expected value), but only as "some other value": all such
  // values behave alike, so they share one id, and their writes become interchangeable twins.
  let other = -1;
  const otherId = () => (other >= 0 ? other : (other = interner.fresh(UNOBSERVED_VALUE)));
  const count = kept.length;
  const encoded: EncodedOperations = {
    count,
    kind: new Int8Array(count),
    a: new Int32Array(count),
    b: new Int32Array(count),
    callIndex: new Float64Array(count),
    returnIndex: new Float64Array(count),
    source: kept,
    twinBefore: new Int32Array(count).fill(-1),
  };
  for (let i = 0; i < count; i++) {
    const op = kept[i];
    encoded.callIndex[i] = op.callIndex;
    encoded.returnIndex[i] = op.outcome === 'info' ? Infinity : op.returnIndex;
    if (op.f === 'read') {
      encoded.kind[i] = READ;
      encoded.a[i] = interner.id(op.output);
    } else if (op.f === 'write') {
      encoded.kind[i] = WRITE;
      encoded.a[i] = op.outcome === 'info' && unobservedAnyway(op.input) ? otherId() : interner.id(op.input);
    } else {
      const [expected, next] = op.input as [unknown, unknown];
      encoded.kind[i] = op.outcome === 'info' ? CAS_UNKNOWN : op.output === false ? CAS_FALSE : CAS;
      encoded.a[i] = interner.id(expected);
      encoded.b[i] = op.outcome === 'info' && unobservedAnyway(next) ? otherId() : interner.id(next);
    }
  }
  linkTwins(encoded);
  return encoded;
}

/** `fail` certainly did not happen, and a read of unknown outcome constrains nothing. */
function mayConstrain(op: HistoryOperation): boolean {
  return op.outcome !== 'fail' && !(op.f === 'read' && op.outcome === 'info');
}

function newValueOf(op: HistoryOperation): unknown {
  return op.f === 'write' ? op.input : (op.input as [unknown, unknown])[1];
}

/** Chains operations of unknown outcome with identical kind and arguments, in call order. */
function linkTwins(ops: EncodedOperations): void {
  const last = new Map<string, number>();
  for (let i = 0; i < ops.count; i++) {
    if (ops.returnIndex[i] !== Infinity) continue;
    const signature = `${ops.kind[i]}:${ops.a[i]}:${ops.b[i]}`;
    const before = last.get(signature);
    if (before !== undefined) ops.twinBefore[i] = before;
    last.set(signature, i);
  }
}

/** The values read or expected by a cas (whatever the cases returned), and whether some cas
 * returned false. One pass: encoding is part of every live check. */
function observedValues(operations: readonly HistoryOperation[]): { observed: Set<string>; falseCas: boolean } {
  const observed = new Set<string>();
  let falseCas = false;
  for (const op of operations) {
    if (op.f === 'read') observed.add(valueKey(op.output));
    else if (op.f === 'cas') {
      observed.add(valueKey((op.input as [unknown, unknown])[0]));
      if (op.outcome === 'ok' && op.output === false) falseCas = true;
    }
  }
  return { observed, falseCas };
}

/** `stepRegister` bound to one key's operations, as the search calls it. */
export function registerStep(ops: EncodedOperations): StepFunction {
  return (i, state) => stepRegister(ops, i, state);
}

// A local copy for the search's inner loop: where modules are compiled to CommonJS (tsx runs the
// bench), every read of an imported binding is a call.
const UNKNOWN_STATE = UNKNOWN_ID;

/** The state after applying operation i to `state`, or -1 when i cannot happen in that state. */
export function stepRegister(ops: EncodedOperations, i: number, state: number): number {
  const a = ops.a[i];
  if (state === UNKNOWN_STATE) return stepFromUnknown(ops, i);
  switch (ops.kind[i]) {
    case READ:
      return state === a ? state : -1;
    case WRITE:
      return a;
    case CAS:
      return state === a ? ops.b[i] : -1;
    case CAS_FALSE:
      return state === a ? -1 : state;
    default:
      return state === a ? ops.b[i] : state;
  }
}

/**
 * From a state nobody has observed, an operation that reveals the value (a read, a successful
 * cas) or sets it (a write) makes it known; a failed or unknown cas leaves it unknown. This is
 * at least as permissive as any concrete starting value, so it never reports a false violation.
 */
function stepFromUnknown(ops: EncodedOperations, i: number): number {
  switch (ops.kind[i]) {
    case READ:
    case WRITE:
      return ops.a[i];
    case CAS:
      return ops.b[i];
    default:
      return UNKNOWN_ID;
  }
}
