// The Wing–Gong–Lowe search for one register (Lowe, "Testing for linearizability", 2017; as in
// Porcupine's checkSingle): call and return entries in one doubly linked list ordered by event
// index; linearizing an operation lifts its two entries out, backtracking puts them back; a cache
// of (linearized set, state) prunes orderings already explored.
//
// Operations of unknown outcome (info) have a call entry but no return entry: nothing forces
// them to be placed, so the search succeeds once every operation with a return is linearized,
// whatever the unknown ones did (they may take effect later, or never).

import { stepRegister, type EncodedOperations } from './register-model';
import { StateCache, mix32 } from './state-cache';
import { NIL_ID } from './values';

export type SearchVerdict = 'valid' | 'invalid' | 'unknown';

export interface SearchOutcome {
  verdict: SearchVerdict;
  steps: number;
  /** The longest linearizable prefix found (operation indices in order), with its final state. */
  longest: number[];
  longestState: number;
}

/** Entries 0..n-1 are calls (entry i is operation i), n..2n-1 returns, 2n the head sentinel. */
interface EntryList {
  next: Int32Array;
  prev: Int32Array;
  head: number;
}

function buildEntries(ops: EncodedOperations): EntryList {
  const n = ops.count;
  const order: number[] = [];
  for (let i = 0; i < n; i++) {
    order.push(i);
    if (ops.returnIndex[i] !== Infinity) order.push(n + i);
  }
  const at = (entry: number): number => (entry < n ? ops.callIndex[entry] : ops.returnIndex[entry - n]);
  order.sort((x, y) => at(x) - at(y));
  const head = 2 * n;
  const next = new Int32Array(2 * n + 1).fill(-1);
  const prev = new Int32Array(2 * n + 1).fill(-1);
  let last = head;
  for (const entry of order) {
    next[last] = entry;
    prev[entry] = last;
    last = entry;
  }
  return { next, prev, head };
}

/** Runs the search with at most `budgetSteps` steps. */
export function searchLinearization(ops: EncodedOperations, budgetSteps: number): SearchOutcome {
  const n = ops.count;
  const { next, prev, head } = buildEntries(ops);
  const words = Math.max(1, Math.ceil(n / 32));
  const linearized = new Uint32Array(words);
  const cache = new StateCache(words);
  const zobrist = new Int32Array(n);
  for (let i = 0; i < n; i++) zobrist[i] = mix32(Math.imul(i + 1, 0x9e3779b9));
  const stackOp = new Int32Array(n);
  const stackState = new Int32Array(n);
  let top = 0;
  let longest: number[] = [];
  let longestState = NIL_ID;
  let finiteLeft = 0;
  for (let i = 0; i < n; i++) if (ops.returnIndex[i] !== Infinity) finiteLeft++;
  let state = NIL_ID;
  let setHash = 0;
  let steps = 0;
  let entry = next[head];

  while (finiteLeft > 0) {
    if (steps >= budgetSteps) return { verdict: 'unknown', steps, longest, longestState };
    steps++;
    if (entry >= 0 && entry < n) {
      const nextState = stepRegister(ops, entry, state);
      if (nextState >= 0) {
        const word = entry >>> 5;
        const bit = 1 << (entry & 31);
        linearized[word] |= bit;
        const hash = setHash ^ zobrist[entry];
        if (cache.addIfAbsent(mix32(hash ^ Math.imul(nextState + 1, 0x27d4eb2f)), nextState, linearized)) {
          stackOp[top] = entry;
          stackState[top] = state;
          top++;
          setHash = hash;
          state = nextState;
          if (ops.returnIndex[entry] !== Infinity) finiteLeft--;
          lift(next, prev, entry, n, ops);
          entry = next[head];
          continue;
        }
        linearized[word] &= ~bit;
      }
      entry = next[entry];
      continue;
    }
    // A return entry (or the end of the list): the operation it closes cannot be placed later.
    if (top === 0) return { verdict: 'invalid', steps, longest, longestState };
    if (top > longest.length) {
      longest = Array.from(stackOp.subarray(0, top));
      longestState = state;
    }
    top--;
    const undone = stackOp[top];
    state = stackState[top];
    linearized[undone >>> 5] &= ~(1 << (undone & 31));
    setHash ^= zobrist[undone];
    if (ops.returnIndex[undone] !== Infinity) finiteLeft++;
    unlift(next, prev, undone, n, ops);
    entry = next[undone];
  }
  return { verdict: 'valid', steps, longest: Array.from(stackOp.subarray(0, top)), longestState: state };
}

function lift(next: Int32Array, prev: Int32Array, call: number, n: number, ops: EncodedOperations): void {
  next[prev[call]] = next[call];
  if (next[call] >= 0) prev[next[call]] = prev[call];
  if (ops.returnIndex[call] === Infinity) return;
  const ret = call + n;
  next[prev[ret]] = next[ret];
  if (next[ret] >= 0) prev[next[ret]] = prev[ret];
}

function unlift(next: Int32Array, prev: Int32Array, call: number, n: number, ops: EncodedOperations): void {
  if (ops.returnIndex[call] !== Infinity) {
    const ret = call + n;
    next[prev[ret]] = ret;
    if (next[ret] >= 0) prev[next[ret]] = ret;
  }
  next[prev[call]] = call;
  if (next[call] >= 0) prev[next[call]] = call;
}
