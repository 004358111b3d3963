// The Wing–Gong–Lowe search for one part of a history (Lowe, "Testing for linearizability", 2017; as in
// Porcupine's checkSingle): call and return entries in one doubly linked list ordered by event
// index; linearizing an operation lifts its two entries out, backtracking puts them back; a cache
// of (linearized set, state) prunes orderings already explored.
//
// Operations of unknown outcome (info) have a call entry but no return entry: nothing forces
// them to be placed, so the search succeeds once every operation with a return is linearized,
// whatever the unknown ones did (they may take effect later, or never).
//
// The search knows nothing of any model: states are integers, and `step` says where an
// operation leads (the register's encoded step, or a generic model's interned one).

import { orderEntries } from './entry-order';
import { borrowStateCache, giveBackStateCache, mix32 } from './state-cache';
import { NIL_ID } from './values';

/** The operations of one part, ordered by invocation, as the search needs them. */
export interface SearchProblem {
  count: number;
  /** Event index of the invoke and of the completion (Infinity: never needs placing). */
  callIndex: Float64Array;
  returnIndex: Float64Array;
  /** For an operation of unknown outcome, the previous one (by call) with the same effect, or
   * -1: the search uses such twins in call order only. */
  twinBefore: Int32Array;
}

/** The state after operation i from `state`, or -1 when i cannot happen there. */
export type StepFunction = (i: number, state: number) => number;

export type SearchVerdict = 'valid' | 'invalid' | 'unknown';

export interface SearchOutcome {
  verdict: SearchVerdict;
  steps: number;
  /** The longest linearizable prefix found (operation indices in order), with its final state. */
  longest: number[];
  longestState: number;
}

// Entries 0..n-1 are calls (entry i is operation i), n..2n-1 returns, 2n the head sentinel.

/** Links the entries in event order into `next` and `prev` (each 2n+1 long, head last). */
function linkEntries(ops: SearchProblem, next: Int32Array, prev: Int32Array): void {
  const head = 2 * ops.count;
  next.fill(-1);
  prev.fill(-1);
  let last = head;
  for (const entry of orderEntries(ops)) {
    next[last] = entry;
    prev[entry] = last;
    last = entry;
  }
}

/** Views of consecutive parts of one array: one allocation instead of one per array. */
function carve(sizes: readonly number[]): Int32Array[] {
  const whole = new Int32Array(sizes.reduce((total, size) => total + size, 0));
  let offset = 0;
  return sizes.map((size) => whole.subarray(offset, (offset += size)));
}

// A local copy for the inner loop: where modules are compiled to CommonJS (tsx runs the bench),
// every read of an imported binding is a call.
const mix = mix32;

// Zobrist keys for operation indices, shared by every search and grown on demand (they depend
// on the index alone).
let zobristKeys = new Int32Array(0);

function zobristFor(n: number): Int32Array {
  if (zobristKeys.length >= n) return zobristKeys;
  const keys = new Int32Array(Math.max(n, 2 * zobristKeys.length, 256));
  for (let i = 0; i < keys.length; i++) keys[i] = mix32(Math.imul(i + 1, 0x9e3779b9));
  return (zobristKeys = keys);
}

/** Runs the search with at most `budgetSteps` steps. */
export function searchLinearization(ops: SearchProblem, step: StepFunction, budgetSteps: number, initialState = NIL_ID): SearchOutcome {
  const search = startSearch(ops, step, initialState);
  try {
    return search.run(budgetSteps);
  } finally {
    search.release();
  }
}

/** A search that can be run in legs: each `run` goes on where the last stopped, until its total
 * steps reach the budget given, so legs add up to exactly one run with the last budget. */
export interface ResumableSearch {
  run(budgetSteps: number): SearchOutcome;
  /** Gives the search's cache back for the next search; run no more after this. */
  release(): void;
}

export function startSearch(ops: SearchProblem, step: StepFunction, initialState = NIL_ID): ResumableSearch {
  return new Search(ops, step, initialState);
}

class Search implements ResumableSearch {
  private readonly n: number;
  private readonly next: Int32Array;
  private readonly prev: Int32Array;
  private readonly head: number;
  private readonly words: number;
  private readonly linearized: Uint32Array;
  private readonly cache = borrowStateCache();
  private readonly zobrist: Int32Array;
  // The stack of linearized operations, with what each push changed.
  private readonly stackOp: Int32Array;
  private readonly stackState: Int32Array;
  private readonly stackLead: Int32Array;
  private readonly stackEnd: Int32Array;
  private top = 0;
  // Words of `linearized` before `lead` are all ones, words from `end` on are zero.
  private lead = 0;
  private end = 0;
  private state = NIL_ID;
  private setHash = 0;
  private finiteLeft = 0;
  private steps = 0;
  // The longest prefix, kept incrementally: its first `agree` entries equal the stack's.
  private readonly longest: Int32Array;
  private longestLength = 0;
  private longestState = NIL_ID;
  private agree = 0;
  // Where the next leg goes on from, and the verdict once there is one.
  private entry: number;
  private finished: SearchOutcome | null = null;

  constructor(
    private readonly ops: SearchProblem,
    private readonly step: StepFunction,
    initialState: number,
  ) {
    this.state = initialState;
    this.longestState = initialState;
    const n = (this.n = ops.count);
    this.head = 2 * n;
    [this.next, this.prev, this.stackOp, this.stackState, this.stackLead, this.stackEnd, this.longest] = carve([2 * n + 1, 2 * n + 1, n, n, n, n, n]);
    linkEntries(ops, this.next, this.prev);
    this.words = Math.max(1, Math.ceil(n / 32));
    this.linearized = new Uint32Array(this.words);
    this.zobrist = zobristFor(n);
    for (let i = 0; i < n; i++) if (ops.returnIndex[i] !== Infinity) this.finiteLeft++;
    this.entry = this.next[this.head];
  }

  run(budgetSteps: number): SearchOutcome {
    if (this.finished) return this.finished;
    const n = this.n;
    let entry = this.entry;
    while (this.finiteLeft > 0) {
      if (this.steps >= budgetSteps) {
        this.entry = entry;
        return this.report('unknown');
      }
      this.steps++;
      if (entry >= 0 && entry < n) {
        entry = this.tryLinearize(entry) ? this.next[this.head] : this.next[entry];
        continue;
      }
      // A return entry (or the end of the list): the operation it closes cannot be placed later.
      if (this.top === 0) return (this.finished = this.report('invalid'));
      entry = this.backtrack();
    }
    return (this.finished = { verdict: 'valid', steps: this.steps, longest: Array.from(this.stackOp.subarray(0, this.top)), longestState: this.state });
  }

  /** Linearizes the call entry's operation next, unless the model or the cache rules it out. */
  private tryLinearize(entry: number): boolean {
    const nextState = this.step(entry, this.state);
    if (nextState < 0) return false;
    const linearized = this.linearized;
    if (this.ops.returnIndex[entry] === Infinity) {
      // An operation of unknown outcome may also never take effect: placing it where it changes
      // nothing, or before an interchangeable twin invoked earlier, only repeats other orders.
      if (nextState === this.state) return false;
      const twin = this.ops.twinBefore[entry];
      if (twin >= 0 && (linearized[twin >>> 5] & (1 << (twin & 31))) === 0) return false;
    }
    const word = entry >>> 5;
    const bit = 1 << (entry & 31);
    linearized[word] |= bit;
    let nextLead = this.lead;
    while (nextLead < this.words && linearized[nextLead] === 0xffffffff) nextLead++;
    const nextEnd = this.end > word ? this.end : word + 1;
    const hash = this.setHash ^ this.zobrist[entry];
    if (!this.cache.addIfAbsent(mix(hash ^ Math.imul(nextState + 1, 0x27d4eb2f)), nextState, linearized, nextLead, nextEnd)) {
      linearized[word] &= ~bit;
      return false;
    }
    const top = this.top++;
    this.stackOp[top] = entry;
    this.stackState[top] = this.state;
    this.stackLead[top] = this.lead;
    this.stackEnd[top] = this.end;
    this.lead = nextLead;
    this.end = nextEnd;
    this.setHash = hash;
    this.state = nextState;
    if (this.ops.returnIndex[entry] !== Infinity) this.finiteLeft--;
    lift(this.next, this.prev, entry, this.n, this.ops);
    return true;
  }

  /** Undoes the last linearization; returns the entry to try next (the one after it). */
  private backtrack(): number {
    if (this.top > this.longestLength) {
      this.longest.set(this.stackOp.subarray(this.agree, this.top), this.agree);
      this.longestLength = this.agree = this.top;
      this.longestState = this.state;
    }
    const top = --this.top;
    if (top < this.agree) this.agree = top;
    const undone = this.stackOp[top];
    this.state = this.stackState[top];
    this.lead = this.stackLead[top];
    this.end = this.stackEnd[top];
    this.linearized[undone >>> 5] &= ~(1 << (undone & 31));
    this.setHash ^= this.zobrist[undone];
    if (this.ops.returnIndex[undone] !== Infinity) this.finiteLeft++;
    unlift(this.next, this.prev, undone, this.n, this.ops);
    return this.next[undone];
  }

  release(): void {
    giveBackStateCache(this.cache);
  }

  private report(verdict: SearchVerdict): SearchOutcome {
    return { verdict, steps: this.steps, longest: Array.from(this.longest.subarray(0, this.longestLength)), longestState: this.longestState };
  }
}

function lift(next: Int32Array, prev: Int32Array, call: number, n: number, ops: SearchProblem): void {
  next[prev[call]] = next[call];
  if (next[call] >= 0) prev[next[call]] = prev[call];
  if (ops.returnIndex[call] === Infinity) return;
  const ret = call + n;
  next[prev[ret]] = next[ret];
  if (next[ret] >= 0) prev[next[ret]] = prev[ret];
}

function unlift(next: Int32Array, prev: Int32Array, call: number, n: number, ops: SearchProblem): void {
  if (ops.returnIndex[call] !== Infinity) {
    const ret = call + n;
    next[prev[ret]] = ret;
    if (next[ret] >= 0) prev[next[ret]] = ret;
  }
  next[prev[call]] = call;
  if (next[call] >= 0) prev[next[call]] = call;
}
