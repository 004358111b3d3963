// Explains a non-linearizable key: the longest linearizable prefix the search found, the
// operations that cannot come next, and one sentence. The sentence prefers a self-contained proof
// from real-time order ("read 1 after a write of 2 completed, and nothing wrote 1 after it"), which
// holds whatever the search did; otherwise it reports what the search established.

import { action, calledAt, describeOperation, returnedAt, who, whose } from './describe';
import { candidatesAfter } from './explain-generic';
import type { HistoryOperation } from './operations';
import { CAS, CAS_FALSE, CAS_UNKNOWN, READ, WRITE, encodeOperations, stepRegister, type EncodedOperations } from './register-model';
import { NIL_ID, ValueInterner, showValue } from './values';
import type { SearchOutcome } from './wgl-search';

export interface PrefixStep {
  operation: HistoryOperation;
  description: string;
  /** The register's value after this operation. */
  stateAfter: unknown;
}

export interface StuckOperation {
  operation: HistoryOperation;
  description: string;
  reason: string;
}

export interface LinearizabilityExplanation {
  key: string | null;
  /** The longest linearizable prefix found, in linearization order. */
  prefix: PrefixStep[];
  /** The register's value after the prefix. */
  state: unknown;
  /** Operations that could come next in real time, none of which leads to a full linearization. */
  stuck: StuckOperation[];
  sentence: string;
  /** The operations the sentence is about, for highlighting. */
  involved: HistoryOperation[];
}

/** A proof from real-time order: its sentence and the operations it names. */
export interface Proof {
  sentence: string;
  operations: HistoryOperation[];
}

interface Context {
  ops: EncodedOperations;
  interner: ValueInterner;
  key: string | undefined;
}

/**
 * Explains an invalid key from the search's outcome (possibly cut short by its budget when `proof`
 * already settled the verdict); `proof` is the sentence of `proveNotLinearizable`, if any.
 */
export function explainInvalid(ops: EncodedOperations, outcome: SearchOutcome, interner: ValueInterner, key: string | undefined, proof: Proof | null = null, initialState = NIL_ID): LinearizabilityExplanation {
  const context: Context = { ops, interner, key };
  const prefix: PrefixStep[] = [];
  let state = initialState;
  for (const i of outcome.longest) {
    state = stepRegister(ops, i, state);
    prefix.push({ operation: ops.source[i], description: describeOperation(ops.source[i]), stateAfter: interner.value(state) });
  }
  const stuck = stuckOperations(context, outcome.longest, state);
  // The proofs reason from an empty register; a window with an unknown start gets the plain account.
  const proven = proof ?? (initialState === NIL_ID ? proofSentence(context, stuck.map((s) => s.index)) : null);
  const sentence = proven?.sentence ?? fallbackSentence(context, outcome, stuck);
  return {
    key: key ?? null,
    prefix,
    state: interner.value(state),
    stuck: stuck.map(({ index, reason }) => ({ operation: ops.source[index], description: describeOperation(ops.source[index]), reason })),
    sentence,
    // The operations the sentence names; without a proof, those that cannot come next.
    involved: proven ? proven.operations : stuck.slice(0, 3).map(({ index }) => ops.source[index]),
  };
}

function stuckOperations(context: Context, longest: number[], state: number): { index: number; reason: string; rejected: boolean }[] {
  const { ops } = context;
  const stuck: { index: number; reason: string; rejected: boolean }[] = [];
  for (const i of candidatesAfter(ops, new Set(longest))) {
    const rejected = stepRegister(ops, i, state) < 0;
    stuck.push({ index: i, rejected, reason: rejected ? rejection(context, i, state) : 'it fits here, but no order of the remaining operations works after it' });
  }
  return stuck.sort((x, y) => Number(y.rejected) - Number(x.rejected) || ops.returnIndex[x.index] - ops.returnIndex[y.index]);
}

function rejection(context: Context, i: number, state: number): string {
  const { ops, interner } = context;
  const held = `${registerName(context)} held ${showValue(interner.value(state))}`;
  if (ops.kind[i] === READ) return `it read ${showValue(interner.value(ops.a[i]))}, but ${held}`;
  if (ops.kind[i] === CAS) return `it expected ${showValue(interner.value(ops.a[i]))}, but ${held}`;
  return `its compare failed, but ${held}, the expected value`;
}

function registerName(context: Context): string {
  return context.key ?? 'the register';
}

/** The value an observation saw: a read's result, a successful cas's expected value. */
function observed(ops: EncodedOperations, i: number): number | null {
  return ops.kind[i] === READ || ops.kind[i] === CAS ? ops.a[i] : null;
}

function proofSentence(context: Context, stuck: number[]): Proof | null {
  const { ops } = context;
  const facts = writeFacts(ops);
  const candidates = [...stuck];
  for (let i = 0; i < ops.count; i++) if (observed(ops, i) !== null) candidates.push(i);
  for (const i of candidates) {
    const proof = observationProof(context, facts, i);
    if (proof) return proof;
  }
  for (const i of stuck) {
    const proof = ops.kind[i] === CAS_FALSE ? compareFailedProof(context, i) : null;
    if (proof) return proof;
  }
  return null;
}

/** The operations that may set the register to one value, by invocation. */
interface Writers {
  byCall: number[];
  /** The latest completion among byCall[0..k]. */
  latestReturnUpTo: number[];
  latestReturn: number;
}

interface WriteFacts {
  writersOf: Map<number, Writers>;
  /** Operations certain to have set the register, by completion, with the latest invocation so far. */
  setters: number[];
  latestCallUpTo: number[];
}

function setsValue(ops: EncodedOperations, i: number): number | null {
  const kind = ops.kind[i];
  if (kind === WRITE) return ops.a[i];
  if (kind === CAS || kind === CAS_UNKNOWN) return ops.b[i];
  return null;
}

function writeFacts(ops: EncodedOperations): WriteFacts {
  const writersOf = new Map<number, Writers>();
  const setters: number[] = [];
  for (let i = 0; i < ops.count; i++) {
    const value = setsValue(ops, i);
    if (value === null) continue;
    let writers = writersOf.get(value);
    if (!writers) writersOf.set(value, (writers = { byCall: [], latestReturnUpTo: [], latestReturn: -1 }));
    writers.byCall.push(i); // operations are ordered by invocation already
    writers.latestReturn = Math.max(writers.latestReturn, ops.returnIndex[i]);
    writers.latestReturnUpTo.push(writers.latestReturn);
    if (ops.returnIndex[i] !== Infinity && ops.kind[i] !== CAS_UNKNOWN) setters.push(i);
  }
  setters.sort((x, y) => ops.returnIndex[x] - ops.returnIndex[y]);
  const latestCallUpTo: number[] = [];
  setters.forEach((s, k) => {
    const previous = k > 0 ? latestCallUpTo[k - 1] : -1;
    latestCallUpTo.push(previous >= 0 && ops.callIndex[previous] > ops.callIndex[s] ? previous : s);
  });
  return { writersOf, setters, latestCallUpTo };
}

/** How many of the `items` (sorted by `keys[item]`) have `keys[item] < bound`. */
function countBelow(items: number[], keys: Float64Array, bound: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (keys[items[mid]] < bound) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Proves an observation of v impossible: nothing ever wrote v; or some operation S certainly set
 * the register and completed before the observation began, and every operation that may write v
 * either completed before S began or began after the observation ended, so none can fall between.
 */
function observationProof(context: Context, facts: WriteFacts, i: number): Proof | null {
  const { ops } = context;
  const value = observed(ops, i);
  if (value === null || setsValue(ops, i) === value) return null; // a cas x→x: leave it to the search
  const writers = facts.writersOf.get(value);
  if (!writers && value !== NIL_ID) return { sentence: `${observationSubject(context, i)}, but no operation wrote ${showValue(context.interner.value(value))}`, operations: [ops.source[i]] };
  // The latest completion among writers of v invoked before the observation returned (nil: -1).
  const before = writers ? countBelow(writers.byCall, ops.callIndex, ops.returnIndex[i] + 0.5) : 0;
  const latestWriterReturn = before > 0 ? writers!.latestReturnUpTo[before - 1] : -1;
  const overwrite = latestSetterBefore(ops, facts, ops.callIndex[i]);
  if (overwrite === null || ops.callIndex[overwrite] <= latestWriterReturn) return null;
  // Proven: only now is the sentence worth writing (most observations prove nothing).
  const shown = showValue(context.interner.value(value));
  const allBefore = !writers || writers.latestReturn < ops.callIndex[overwrite];
  const writer = ops.source[overwrite];
  const tail = allBefore ? `nothing wrote ${shown} after it` : `no write of ${shown} can fall between them`;
  return { sentence: `${observationSubject(context, i)}, but ${whose(writer)} ${action(writer)} completed at ${returnedAt(writer)} and ${tail}`, operations: [ops.source[i], writer] };
}

/** "c1 read 3 at 1.2 s", "c2's cas 1→2 at 0.8 s succeeded". */
function observationSubject(context: Context, i: number): string {
  const op = context.ops.source[i];
  return context.ops.kind[i] === READ ? `${who(op)} ${action(op)} at ${calledAt(op)}` : `${whose(op)} ${action(op)} at ${calledAt(op)} succeeded`;
}

/** Of the operations certain to have set the register and completed before `callIndex`, the one invoked last. */
function latestSetterBefore(ops: EncodedOperations, facts: WriteFacts, callIndex: number): number | null {
  const count = countBelow(facts.setters, ops.returnIndex, callIndex);
  return count === 0 ? null : facts.latestCallUpTo[count - 1];
}

/** Proves a cas that returned false impossible: the register certainly held the expected value. */
function compareFailedProof(context: Context, i: number): Proof | null {
  const { ops } = context;
  const expected = ops.a[i];
  // The setter of the expected value invoked last leaves the fewest operations in between.
  let w = -1;
  for (let x = 0; x < ops.count; x++) {
    const certain = ops.kind[x] === WRITE || ops.kind[x] === CAS;
    if (!certain || setsValue(ops, x) !== expected || ops.returnIndex[x] >= ops.callIndex[i]) continue;
    if (w < 0 || ops.callIndex[x] > ops.callIndex[w]) w = x;
  }
  if (w < 0 || !untouchedBetween(ops, w, i, expected)) return null;
  const op = ops.source[i];
  const writer = ops.source[w];
  return {
    sentence: `${whose(op)} ${action(op)} at ${calledAt(op)} returned false, but ${whose(writer)} ${action(writer)} completed at ${returnedAt(writer)} and nothing changed ${registerName(context)} before the cas returned`,
    operations: [op, writer],
  };
}

function untouchedBetween(ops: EncodedOperations, w: number, i: number, expected: number): boolean {
  for (let x = 0; x < ops.count; x++) {
    if (x === w) continue;
    const value = setsValue(ops, x);
    if (value === null || value === expected) continue;
    const before = ops.returnIndex[x] < ops.callIndex[w];
    const after = ops.callIndex[x] > ops.returnIndex[i];
    if (!before && !after) return false;
  }
  return true;
}

function fallbackSentence(context: Context, outcome: SearchOutcome, stuck: { index: number }[]): string {
  const { ops, interner } = context;
  const where = context.key === undefined ? '' : ` on ${context.key}`;
  const state = showValue(interner.value(outcome.longestState));
  const head = `No order of the ${ops.count} operations${where} matches what the clients saw: at best ${outcome.longest.length} of them fit, leaving ${registerName(context)}=${state}`;
  if (stuck.length === 0) return `${head}.`;
  const op = ops.source[stuck[0].index];
  return `${head}, and then ${describeOperation(op)}, invoked at ${calledAt(op)} and returned at ${returnedAt(op)}, cannot come next.`;
}

/**
 * A sentence proving one key's operations not linearizable from real-time order alone (a value
 * read that nothing wrote, or that was certainly overwritten before the read began), or null.
 * Cheap, so the checker tries it before the search, which can take long to refute a history.
 */
export function proveNotLinearizable(ops: EncodedOperations, interner: ValueInterner, key: string | undefined): Proof | null {
  return proofSentence({ ops, interner, key }, []);
}

/** `proveNotLinearizable` over one key's operations. */
export function proofOfViolation(operations: readonly HistoryOperation[], key?: string): string | null {
  const interner = new ValueInterner();
  return proveNotLinearizable(encodeOperations(operations, interner), interner, key)?.sentence ?? null;
}
