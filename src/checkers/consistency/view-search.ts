// Is there one total order of a set of operations that respects a constraint graph and in which
// every checked read sees the write it read from as the latest write of its key? Each model of the
// map asks this: once (sequential consistency), or once per session (its view of all writes).
//
// Depth-first search with a cache of explored (done set, latest writers) states and a step budget.
// Values are unique, so a read names its writer; three moves are always safe and made without
// branching (an exchange argument: they change nothing a later operation needs): an item that
// neither writes nor is checked; a checked read whose writer is the latest; a write nobody checked
// reads, once the latest write of its key has no reader left (likewise a cas that is the last
// reader of its writer). A write is never made while the latest write of its key still has a
// checked reader waiting, since with unique values that reader could never be satisfied. Only
// writes that someone reads (and cas) are branched on, earliest invoked first.

export interface ViewProblem {
  count: number;
  keyCount: number;
  /** Key of the item's read or write; -1 for items that do neither. */
  key: Int32Array;
  /** A checked read (or cas): the item it must see as latest write; else -1. */
  readsFrom: Int32Array;
  writes: Uint8Array;
  /** Initial writes, made before everything. */
  preExecuted: Uint8Array;
  /** Items that must come earlier. */
  preds: number[][];
  /** Branching preference (smaller first): the invocation index. */
  rank: Float64Array;
}

export type ViewVerdict = 'valid' | 'invalid' | 'unknown';

export interface ViewOutcome {
  verdict: ViewVerdict;
  steps: number;
  /** Items placed at the deepest point the search reached. */
  deepest: number;
  /** At that point: enabled checked reads whose writer was not the latest, else the checked
   * reads not placed yet (first by rank, at most 3). */
  stuck: number[];
}

const MAX_CACHE = 1_000_000;

/** A deterministic 32-bit hash of an item, per salt (for the done-set fingerprint). */
function mix(i: number, salt: number): number {
  let h = Math.imul(i ^ salt, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

class SearchState {
  readonly done: Uint8Array;
  readonly predsLeft: Int32Array;
  readonly current: Int32Array;
  readonly readersLeft: Int32Array;
  readonly totalReaders: Int32Array;
  readonly succs: number[][];
  readonly deadWrites: Set<number>[];
  readonly liveWrites: Set<number>[];
  readonly waiting = new Map<number, Set<number>>();
  readonly trail: number[] = [];
  readonly previous: number[] = [];
  readonly freeStack: number[] = [];
  readonly dirty: number[] = [];
  readonly isDirty: Uint8Array;
  doneCount = 0;
  steps = 0;
  h1 = 0;
  h2 = 0;

  constructor(readonly p: ViewProblem) {
    const n = p.count;
    this.done = new Uint8Array(n);
    this.predsLeft = new Int32Array(n);
    this.current = new Int32Array(p.keyCount).fill(-1);
    this.readersLeft = new Int32Array(n);
    this.totalReaders = new Int32Array(n);
    this.succs = Array.from({ length: n }, () => []);
    this.deadWrites = Array.from({ length: p.keyCount }, () => new Set());
    this.liveWrites = Array.from({ length: p.keyCount }, () => new Set());
    this.isDirty = new Uint8Array(p.keyCount);
    for (let i = 0; i < n; i++) {
      if (p.readsFrom[i] >= 0) this.readersLeft[p.readsFrom[i]]++;
      for (const pred of p.preds[i]) if (!p.preExecuted[pred]) this.succs[pred].push(i);
      this.predsLeft[i] = p.preds[i].filter((pred) => !p.preExecuted[pred]).length;
    }
    this.totalReaders.set(this.readersLeft);
    for (let i = 0; i < n; i++) {
      if (!p.preExecuted[i]) continue;
      this.done[i] = 1;
      this.doneCount++;
      if (p.writes[i]) this.current[p.key[i]] = i;
    }
    for (let i = 0; i < n; i++) if (!this.done[i] && this.predsLeft[i] === 0) this.enable(i);
  }

  private isFree(i: number): boolean {
    return this.p.readsFrom[i] < 0 && !this.p.writes[i];
  }

  private markDirty(k: number): void {
    if (k >= 0 && !this.isDirty[k]) {
      this.isDirty[k] = 1;
      this.dirty.push(k);
    }
  }

  /** The set an enabled item waits in (null for free items). */
  private bucket(i: number, create: boolean): Set<number> | null {
    const { readsFrom, writes, key } = this.p;
    if (readsFrom[i] >= 0) {
      let set = this.waiting.get(readsFrom[i]);
      if (!set && create) this.waiting.set(readsFrom[i], (set = new Set()));
      return set ?? null;
    }
    if (!writes[i]) return null;
    return this.totalReaders[i] > 0 ? this.liveWrites[key[i]] : this.deadWrites[key[i]];
  }

  private enable(i: number): void {
    if (this.isFree(i)) {
      this.freeStack.push(i);
      return;
    }
    this.bucket(i, true)!.add(i);
    this.markDirty(this.p.key[i]);
  }

  execute(i: number): void {
    const { key, readsFrom, writes } = this.p;
    this.steps++;
    this.done[i] = 1;
    this.doneCount++;
    this.h1 ^= mix(i, 0x5bd1e995);
    this.h2 ^= mix(i, 0x27d4eb2f);
    this.trail.push(i);
    this.bucket(i, false)?.delete(i);
    const k = key[i];
    this.previous.push(writes[i] ? this.current[k] : -2);
    if (readsFrom[i] >= 0) this.readersLeft[readsFrom[i]]--;
    if (writes[i]) this.current[k] = i;
    this.markDirty(k);
    for (const s of this.succs[i]) if (--this.predsLeft[s] === 0) this.enable(s);
  }

  undoTo(mark: number): void {
    const { key, readsFrom, writes } = this.p;
    while (this.trail.length > mark) {
      const i = this.trail.pop()!;
      const previous = this.previous.pop()!;
      const succs = this.succs[i];
      for (let j = succs.length - 1; j >= 0; j--) {
        const s = succs[j];
        if (this.predsLeft[s] === 0 && !this.isFree(s)) this.bucket(s, false)?.delete(s);
        this.predsLeft[s]++;
      }
      this.done[i] = 0;
      this.doneCount--;
      this.h1 ^= mix(i, 0x5bd1e995);
      this.h2 ^= mix(i, 0x27d4eb2f);
      if (readsFrom[i] >= 0) this.readersLeft[readsFrom[i]]++;
      if (writes[i]) this.current[key[i]] = previous;
      if (!this.isFree(i)) this.bucket(i, true)!.add(i);
    }
    this.freeStack.length = 0;
  }

  private readersOfCurrent(k: number): number {
    const cur = this.current[k];
    return cur < 0 ? 0 : this.readersLeft[cur];
  }

  /** Makes every safe move until none is left. */
  closure(): void {
    for (;;) {
      if (this.freeStack.length > 0) {
        this.execute(this.freeStack.pop()!);
        continue;
      }
      if (this.dirty.length === 0) return;
      const k = this.dirty.pop()!;
      this.isDirty[k] = 0;
      const safe = this.safeMove(k);
      if (safe >= 0) {
        this.execute(safe);
        this.markDirty(k);
      }
    }
  }

  private safeMove(k: number): number {
    const cur = this.current[k];
    const waiting = cur >= 0 ? this.waiting.get(cur) : undefined;
    if (waiting) {
      for (const i of waiting) {
        if (!this.p.writes[i]) return i;
        if (this.readersLeft[cur] === 1 && this.totalReaders[i] === 0) return i;
      }
    }
    if (this.readersOfCurrent(k) === 0) for (const i of this.deadWrites[k]) return i;
    return -1;
  }

  /** Moves to branch on: writes someone reads (and cas), where the latest write has no reader left. */
  candidates(): number[] {
    const out: number[] = [];
    for (let k = 0; k < this.p.keyCount; k++) {
      const readers = this.readersOfCurrent(k);
      if (readers === 0) for (const i of this.liveWrites[k]) out.push(i);
      const cur = this.current[k];
      const waiting = cur >= 0 ? this.waiting.get(cur) : undefined;
      if (waiting && readers === 1) for (const i of waiting) if (this.p.writes[i]) out.push(i);
    }
    return out.sort((x, y) => this.p.rank[x] - this.p.rank[y] || x - y);
  }

  fingerprint(): string {
    return `${this.h1}|${this.h2}|${this.current.join(',')}`;
  }

  /** Enabled checked reads whose writer is not the latest write of their key, first by rank. */
  stuckReads(): number[] {
    const out: number[] = [];
    for (const [writer, set] of this.waiting) {
      for (const i of set) if (this.current[this.p.key[i]] !== writer) out.push(i);
    }
    if (out.length === 0) {
      // None is waiting: name the first checked read not placed yet.
      for (let i = 0; i < this.p.count; i++) if (!this.done[i] && this.p.readsFrom[i] >= 0) out.push(i);
    }
    return out.sort((x, y) => this.p.rank[x] - this.p.rank[y] || x - y).slice(0, 3);
  }
}

interface Frame {
  mark: number;
  candidates: number[];
  next: number;
}

export function searchView(problem: ViewProblem, budgetSteps: number): ViewOutcome {
  const state = new SearchState(problem);
  const seen = new Set<string>();
  let deepest = -1;
  let stuck: number[] = [];
  const finished = (): boolean => state.doneCount === problem.count;
  const visit = (): number[] | null => {
    if (state.doneCount > deepest) {
      deepest = state.doneCount;
      stuck = state.stuckReads();
    }
    const fingerprint = state.fingerprint();
    if (seen.has(fingerprint)) return null;
    if (seen.size >= MAX_CACHE) seen.clear();
    seen.add(fingerprint);
    const candidates = state.candidates();
    return candidates.length === 0 ? null : candidates;
  };
  const outcome = (verdict: ViewVerdict): ViewOutcome => ({ verdict, steps: state.steps, deepest: Math.max(deepest, state.doneCount), stuck });
  state.closure();
  if (finished()) return outcome('valid');
  const first = visit();
  if (!first) return outcome('invalid');
  const stack: Frame[] = [{ mark: state.trail.length, candidates: first, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    state.undoTo(top.mark);
    if (top.next >= top.candidates.length) {
      stack.pop();
      continue;
    }
    state.execute(top.candidates[top.next++]);
    state.closure();
    if (finished()) return outcome('valid');
    if (state.steps > budgetSteps) return outcome('unknown');
    const candidates = visit();
    if (candidates) stack.push({ mark: state.trail.length, candidates, next: 0 });
  }
  return outcome('invalid');
}
