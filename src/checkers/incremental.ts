// Linearizability of a register history that grows at its end (a live check on every frame),
// worked out incrementally: each call costs about what the operations added since the last one
// cost, not what the whole history costs.
//
// Per key (a register per key: P-compositionality), the history is cut into stretches. A cut is
// a point before which every operation has completed, most often before it (a quiet point), but
// a few may complete after it: they span the cut. Operations of unknown outcome (info) never
// complete and may take effect at any later moment; they are carried across cuts. An operation
// still pending blocks every later cut (it may yet complete, ok or not), unless it is old (a
// client that crashed may never complete it): then it is carried as of unknown outcome, and
// should it complete after all, the key goes back to the cut before it and follows again.
//
// Every linearization of the whole history places the operations that completed before a cut
// before every operation invoked after it, so at a cut it is summarized by a configuration: the
// register's value there, which spanning operations it already placed, and which carried unknown
// operations it already applied. The checker keeps, per key, the last cut and every configuration
// a linearization of the history before it can reach. A new stretch is searched from each of
// them, to every configuration it can end in (exhaustively); the operations after the last cut
// (the tail) only need one linearization from one of them. The history is linearizable iff every
// key's tail has one.
//
// Unknown operations are applied only where they are needed (a normal form any linearization can
// be brought to without losing what it reaches): a read or a successful cas of a value the
// register does not hold may be preceded by a chain of unknown writes and cases that produces it;
// a cas that returned false, of a value the register does hold, by one unknown operation that
// changes it; nothing else. Interchangeable unknown operations (same kind and values) are
// applied in call order, so a configuration counts how many of each such group it applied. A
// configuration with the same value, the same spanning operations placed and no more applied
// than another is worth no more than it (operations of unknown outcome may also never happen), so
// only the minimal ones are kept.
//
// When a stretch is too costly to search exhaustively (budget, or too many configurations), the
// checker forgets it: the register is taken to hold an unknown value there, with every carried
// operation unapplied and the spanning ones taken as of unknown outcome, which never reports a
// violation the whole history does not have; the operations before that cut count as left out.
// Clients that overlap all the time leave no cut with few spanning operations: after a while the
// key is cut where fewest span it, and such a stretch is often forgotten. Values and steps are the
// register's (see register-model.ts), including its unknown starting value for windows that
// start mid-run.

import type { Verdict } from './linearizability';
import type { HistoryOperation } from './operations';
import { CAS, CAS_FALSE, CAS_UNKNOWN, READ, WRITE } from './register-model';
import { NIL_ID, UNKNOWN_ID, ValueInterner } from './values';

// Kinds of operations of unknown outcome (groups): a write, or a cas that swaps iff it matches.
const INFO_WRITE = WRITE;
const INFO_CAS = CAS_UNKNOWN;

export interface IncrementalOptions {
  /** The register's value before the first operation: nil, or unknown (a window mid-run). */
  initialState?: 'nil' | 'unknown';
  /** Search steps one stretch between cuts may take to find every configuration it ends in;
   * past it the stretch is forgotten (checked only for a violation, then left out). */
  stretchBudgetSteps?: number;
  /** Search steps the check of the tail may take; past it the verdict is 'unknown'. */
  tailBudgetSteps?: number;
  /** Configurations a key may keep at a cut; past it the stretch is forgotten. */
  maxConfigurations?: number;
  /** Where to cut (they change the cost; the verdict only through a stretch forgotten): a stretch
   * is cut where nothing spans it once it holds an operation, where at most `maxSpanning`
   * operations do once it holds `stretchOps`; a pending operation with `oldPendingOps` of its
   * key's operations invoked after it is carried across cuts as of unknown outcome. */
  stretchOps?: number;
  maxSpanning?: number;
  oldPendingOps?: number;
  /** With no cut like those in this many operations (clients overlapping all the time), the key is
   * cut where fewest operations span it, however many (such a stretch may well be forgotten). */
  maxTailOps?: number;
}

export const DEFAULT_STRETCH_BUDGET_STEPS = 100_000;
export const DEFAULT_TAIL_BUDGET_STEPS = 400_000;
export const DEFAULT_MAX_CONFIGURATIONS = 256;
export const DEFAULT_STRETCH_OPS = 8;
export const DEFAULT_MAX_SPANNING = 3;
export const DEFAULT_OLD_PENDING_OPS = 64;
export const DEFAULT_MAX_TAIL_OPS = 64;

export interface IncrementalKeyVerdict {
  key: string | null;
  valid: Verdict;
  /** Operations of the key seen so far, and how many of them lie before a forgotten cut. */
  ops: number;
  leftOut: number;
  /** Configurations kept at the key's last cut. */
  configurations: number;
}

export interface IncrementalResult {
  valid: Verdict;
  /** Operations checked (all outcomes, all keys; those `include` picked). */
  ops: number;
  /** Operations before a forgotten cut: their effect is taken as an unknown value. */
  leftOut: number;
  /** Search steps this call took. */
  steps: number;
  perKey: IncrementalKeyVerdict[];
  /** On a violation: the first violated key, and the operations of the stretch (or the tail)
   * that none of the configurations before it lets be ordered. */
  failure?: { key: string | null; operations: HistoryOperation[] };
}

/** One configuration: the register's value, the spanning operations already placed (their call
 * indices, ascending) and, per group of unknown operations, how many of its operations were
 * applied beyond those every configuration applied (sorted pairs group, count). */
interface Configuration {
  state: number;
  done: number[];
  used: number[];
}

/** Interchangeable operations of unknown outcome, by call. */
interface Group {
  kind: number;
  a: number;
  b: number;
  /** Ascending. */
  calls: number[];
  /** Operations applied in every configuration: taken out of play. */
  retired: number;
}

/** A completed operation in a search: its kind, values and event indices. */
interface Finite {
  kind: number;
  a: number;
  b: number;
  call: number;
  ret: number;
  source: HistoryOperation;
}

/** A key as it was before a stretch that carried a pending operation: where to go back to
 * should that operation complete after all. */
interface Snapshot {
  cutIndex: number;
  configurations: Configuration[];
  spanning: Finite[];
  committedOps: number;
  leftOut: number;
  groupCalls: number[][];
  groupRetired: number[];
  pending: CarriedPending[];
}

interface CarriedPending {
  callIndex: number;
  snapshot: Snapshot;
}

class BudgetExceeded extends Error {}

class KeyState {
  readonly interner = new ValueInterner();
  readonly groups: Group[] = [];
  private readonly groupBySignature = new Map<string, number>();
  /** Groups whose operation leaves the register at a value: unknown writes of it, cases to it. */
  private readonly producers = new Map<number, number[]>();
  configurations: Configuration[];
  /** Operations invoked before this event index are behind the cut. */
  cutIndex = 0;
  /** Completed operations invoked before the cut that completed after it. */
  spanning: Finite[] = [];
  /** Pending operations behind the cut, carried as of unknown outcome. */
  pending: CarriedPending[] = [];
  committedOps = 0;
  leftOut = 0;
  violated = false;
  /** The tail's verdict at the last update. */
  tail: Verdict = true;
  /** The operations of the stretch or tail found to have no linearization. */
  failure: HistoryOperation[] = [];
  opsSeen = 0;

  constructor(readonly key: string | undefined, initial: number) {
    this.configurations = [{ state: initial, done: [], used: [] }];
  }

  group(kind: number, a: number, b: number): number {
    const signature = `${kind}:${a}:${b}`;
    let id = this.groupBySignature.get(signature);
    if (id === undefined) {
      id = this.groups.length;
      this.groups.push({ kind, a, b, calls: [], retired: 0 });
      this.groupBySignature.set(signature, id);
      const result = kind === INFO_WRITE ? a : b;
      if (kind === INFO_WRITE || a !== b) {
        let list = this.producers.get(result);
        if (!list) this.producers.set(result, (list = []));
        list.push(id);
      }
    }
    return id;
  }

  producersOf(value: number): readonly number[] {
    return this.producers.get(value) ?? [];
  }

  /** Forgets everything before the cut: an unknown value, every carried operation unapplied, and
   * the spanning operations taken as of unknown outcome (placed already, later, or never: a write
   * or a successful cas may take effect, a read or a false cas constrains nothing). */
  forget(): void {
    for (const group of this.groups) group.retired = 0;
    for (const op of this.spanning) {
      if (op.kind !== WRITE && op.kind !== CAS) continue;
      const calls = this.groups[this.group(op.kind === WRITE ? INFO_WRITE : INFO_CAS, op.a, op.b)].calls;
      let at = calls.length;
      while (at > 0 && calls[at - 1] > op.call) at--;
      calls.splice(at, 0, op.call);
    }
    this.spanning = [];
    this.configurations = [{ state: UNKNOWN_ID, done: [], used: [] }];
    this.leftOut = this.committedOps;
  }

  /** Takes out of play the operations every configuration applied. */
  retire(): void {
    const configurations = this.configurations;
    if (configurations.length === 0) return;
    const common = new Map<number, number>();
    const first = configurations[0].used;
    for (let i = 0; i < first.length; i += 2) common.set(first[i], first[i + 1]);
    for (let c = 1; c < configurations.length && common.size > 0; c++) {
      const used = configurations[c].used;
      for (const [group, count] of common) {
        const own = countIn(used, group);
        if (own === 0) common.delete(group);
        else if (own < count) common.set(group, own);
      }
    }
    if (common.size === 0) return;
    for (const [group, count] of common) this.groups[group].retired += count;
    this.configurations = configurations.map((configuration) => {
      const used: number[] = [];
      for (let i = 0; i < configuration.used.length; i += 2) {
        const left = configuration.used[i + 1] - (common.get(configuration.used[i]) ?? 0);
        if (left > 0) used.push(configuration.used[i], left);
      }
      return { state: configuration.state, done: configuration.done, used };
    });
  }

  snapshot(): Snapshot {
    return {
      cutIndex: this.cutIndex,
      configurations: this.configurations,
      spanning: this.spanning,
      committedOps: this.committedOps,
      leftOut: this.leftOut,
      groupCalls: this.groups.map((group) => group.calls.slice()),
      groupRetired: this.groups.map((group) => group.retired),
      pending: this.pending.slice(),
    };
  }

  restore(snapshot: Snapshot): void {
    this.cutIndex = snapshot.cutIndex;
    this.configurations = snapshot.configurations;
    this.spanning = snapshot.spanning;
    this.committedOps = snapshot.committedOps;
    this.leftOut = snapshot.leftOut;
    this.pending = snapshot.pending.slice();
    this.groups.forEach((group, g) => {
      group.calls = snapshot.groupCalls[g]?.slice() ?? [];
      group.retired = snapshot.groupRetired[g] ?? 0;
    });
  }
}

function countIn(used: readonly number[], group: number): number {
  for (let i = 0; i < used.length; i += 2) if (used[i] === group) return used[i + 1];
  return 0;
}

function withOneMore(used: readonly number[], group: number): number[] {
  const out: number[] = [];
  let placed = false;
  for (let i = 0; i < used.length; i += 2) {
    if (!placed && used[i] > group) {
      out.push(group, 1);
      placed = true;
    }
    if (used[i] === group) {
      out.push(group, used[i + 1] + 1);
      placed = true;
    } else out.push(used[i], used[i + 1]);
  }
  if (!placed) out.push(group, 1);
  return out;
}

/** Whether `small` applied no group more often than `large` did. */
function atMost(small: readonly number[], large: readonly number[]): boolean {
  let j = 0;
  for (let i = 0; i < small.length; i += 2) {
    while (j < large.length && large[j] < small[i]) j += 2;
    if (j >= large.length || large[j] !== small[i] || large[j + 1] < small[i + 1]) return false;
  }
  return true;
}

/** The configurations no other one is worth as much as (same value and spanning operations
 * placed, no more applied). */
function minimal(configurations: readonly Configuration[]): Configuration[] {
  const byKey = new Map<string, Configuration[]>();
  for (const candidate of configurations) {
    const key = `${candidate.state}|${candidate.done.join(',')}`;
    let kept = byKey.get(key);
    if (!kept) byKey.set(key, (kept = []));
    if (kept.some((k) => atMost(k.used, candidate.used))) continue;
    for (let i = kept.length - 1; i >= 0; i--) if (atMost(candidate.used, kept[i].used)) kept.splice(i, 1);
    kept.push(candidate);
  }
  return [...byKey.values()].flat();
}

/**
 * The search over one stretch of a key's operations from a set of configurations: completed
 * operations in any order real time allows, unknown ones only where needed (see the top). Either
 * collects every configuration the stretch can end in at its cut (every operation that completed
 * before the cut placed), or stops at the first.
 */
class StretchSearch {
  private readonly n: number;
  private readonly done: Uint8Array;
  private readonly doneWords: Uint32Array;
  private readonly byCall = new Map<number, number>();
  /** The first operation not placed. */
  private first = 0;
  /** Operations that completed before the cut and are not placed yet. */
  private required = 0;
  private readonly seen = new Map<string, number[][]>();
  readonly ends: Configuration[] = [];
  steps = 0;

  constructor(
    private readonly keyState: KeyState,
    /** In call order. */
    private readonly ops: readonly Finite[],
    private readonly cutEnd: number,
    private readonly budget: number,
    private readonly firstOnly: boolean,
  ) {
    this.n = ops.length;
    this.done = new Uint8Array(this.n);
    this.doneWords = new Uint32Array(Math.max(1, Math.ceil(this.n / 32)));
    ops.forEach((op, i) => {
      this.byCall.set(op.call, i);
      if (op.ret < cutEnd) this.required++;
    });
  }

  /** True once an end is found (firstOnly); throws BudgetExceeded past the budget. */
  run(starts: readonly Configuration[]): boolean {
    for (const start of starts) {
      const placed = start.done.map((call) => this.byCall.get(call)!);
      for (const i of placed) this.mark(i, true);
      const found = this.visit(start.state, start.used);
      for (const i of placed) this.mark(i, false);
      if (found) return true;
    }
    return false;
  }

  private visit(state: number, used: number[]): boolean {
    if (++this.steps > this.budget) throw new BudgetExceeded();
    const { ops, done, n } = this;
    // Real time: an operation may go next iff it was invoked before every unplaced one returned.
    // Operations are in call order, so those are a run from the first unplaced one.
    let minRet = Infinity;
    for (let i = this.first; i < n && ops[i].call < minRet; i++) if (!done[i] && ops[i].ret < minRet) minRet = ops[i].ret;
    // An observation the value satisfies (a read of it, a false cas of another) goes first: any
    // linearization can place it now instead of later, as it changes nothing.
    for (let i = this.first; i < n && ops[i].call < minRet; i++) {
      if (done[i]) continue;
      const op = ops[i];
      if ((op.kind === READ && op.a === state) || (op.kind === CAS_FALSE && op.a !== state)) {
        this.mark(i, true);
        const found = this.remember(state, used) && this.visit(state, used);
        this.mark(i, false);
        return found;
      }
    }
    if (this.required === 0) {
      // Placed, of those that span the cut (the others are all placed).
      const placed: number[] = [];
      for (let i = 0; i < n; i++) if (done[i] && ops[i].ret > this.cutEnd) placed.push(ops[i].call);
      this.ends.push({ state, done: placed, used });
      return this.firstOnly;
    }
    for (let i = this.first; i < n && ops[i].call < minRet; i++) {
      if (done[i]) continue;
      const op = ops[i];
      for (const before of this.prepare(op, state, used, minRet)) {
        // A read or a write leaves its value, a cas its new one, a cas that returned false the
        // value it found (unknown stays unknown).
        const stateAfter = op.kind === CAS ? op.b : op.kind === CAS_FALSE ? before.state : op.a;
        this.mark(i, true);
        const found = this.remember(stateAfter, before.used) && this.visit(stateAfter, before.used);
        this.mark(i, false);
        if (found) return true;
      }
    }
    return false;
  }

  private mark(i: number, on: boolean): void {
    this.done[i] = on ? 1 : 0;
    if (this.ops[i].ret < this.cutEnd) this.required += on ? -1 : 1;
    if (on) {
      this.doneWords[i >>> 5] |= 1 << (i & 31);
      while (this.first < this.n && this.done[this.first]) this.first++;
    } else {
      this.doneWords[i >>> 5] &= ~(1 << (i & 31));
      if (i < this.first) this.first = i;
    }
  }

  /** False when a configuration worth at least as much was already reached with the same
   * operations placed. */
  private remember(state: number, used: number[]): boolean {
    let key = `${state}`;
    for (let w = 0; w < this.doneWords.length; w++) key += `:${this.doneWords[w]}`;
    const list = this.seen.get(key);
    if (!list) {
      this.seen.set(key, [used]);
      return true;
    }
    if (list.some((other) => atMost(other, used))) return false;
    list.push(used);
    return true;
  }

  /** The register's possible states (and what was applied to reach them) just before `op`,
   * from `state`: unchanged when `op` can happen there, else by the unknown operations it needs. */
  private prepare(op: Finite, state: number, used: number[], minRet: number): { state: number; used: number[] }[] {
    switch (op.kind) {
      case WRITE:
        return [{ state, used }];
      case READ:
      case CAS:
        if (state === op.a || state === UNKNOWN_ID) return [{ state, used }];
        return this.chainsTo(op.a, state, used, minRet);
      default: {
        // CAS_FALSE: the register must not hold the expected value.
        if (state !== op.a) return [{ state, used }];
        const out: { state: number; used: number[] }[] = [];
        const groups = this.keyState.groups;
        for (let g = 0; g < groups.length; g++) {
          const group = groups[g];
          if (!this.available(g, used, minRet)) continue;
          if (group.kind === INFO_WRITE && group.a !== state) out.push({ state: group.a, used: withOneMore(used, g) });
          else if (group.kind === INFO_CAS && group.a === state && group.b !== state) out.push({ state: group.b, used: withOneMore(used, g) });
        }
        this.steps += groups.length >>> 4;
        return out;
      }
    }
  }

  /** Whether the group still has an operation to apply, invoked in time. */
  private available(g: number, used: readonly number[], minRet: number): boolean {
    const group = this.keyState.groups[g];
    const next = group.retired + countIn(used, g);
    return next < group.calls.length && group.calls[next] < minRet;
  }

  /** Every way (minimal chains of unknown operations, no value twice) from `from` to `target`. */
  private chainsTo(target: number, from: number, used: number[], minRet: number): { state: number; used: number[] }[] {
    const out: { state: number; used: number[] }[] = [];
    const visiting = new Set<number>([from]);
    const chain: number[] = [];
    const walk = (value: number): void => {
      if (++this.steps > this.budget) throw new BudgetExceeded();
      visiting.add(value);
      for (const g of this.keyState.producersOf(value)) {
        if (chain.includes(g) || !this.available(g, used, minRet)) continue;
        const group = this.keyState.groups[g];
        if (group.kind === INFO_WRITE || group.a === from) {
          let applied = withOneMore(used, g);
          for (const c of chain) applied = withOneMore(applied, c);
          out.push({ state: target, used: applied });
        } else if (!visiting.has(group.a)) {
          chain.push(g);
          walk(group.a);
          chain.pop();
        }
      }
      visiting.delete(value);
    };
    walk(target);
    return out;
  }
}

/**
 * Linearizability of a growing register history, incrementally. Give `update` the history's
 * operations (from `pairOperations` or an `OperationPairing`, in call order) each time it has
 * grown: the same operations as before, some of the pending ones completed since, and new ones
 * after them. `include` picks the operations checked (a window of the history); it may change
 * its mind about an operation only while that one is pending. Completed operations must not
 * change: a run that moves back, or another window, needs a new checker.
 */
export class IncrementalLinearizability {
  private readonly keys = new Map<string | undefined, KeyState>();
  /** Every operation before this position of the list is behind its key's cut. */
  private scanFrom = 0;
  private readonly initial: number;
  private readonly stretchBudget: number;
  private readonly tailBudget: number;
  private readonly maxConfigurations: number;
  private readonly stretchOps: number;
  private readonly maxSpanning: number;
  private readonly oldPendingOps: number;
  private readonly maxTailOps: number;

  constructor(options: IncrementalOptions = {}) {
    this.initial = options.initialState === 'unknown' ? UNKNOWN_ID : NIL_ID;
    this.stretchBudget = options.stretchBudgetSteps ?? DEFAULT_STRETCH_BUDGET_STEPS;
    this.tailBudget = options.tailBudgetSteps ?? DEFAULT_TAIL_BUDGET_STEPS;
    this.maxConfigurations = options.maxConfigurations ?? DEFAULT_MAX_CONFIGURATIONS;
    this.stretchOps = options.stretchOps ?? DEFAULT_STRETCH_OPS;
    this.maxSpanning = options.maxSpanning ?? DEFAULT_MAX_SPANNING;
    this.oldPendingOps = options.oldPendingOps ?? DEFAULT_OLD_PENDING_OPS;
    this.maxTailOps = options.maxTailOps ?? DEFAULT_MAX_TAIL_OPS;
  }

  update(operations: readonly HistoryOperation[], include?: (op: HistoryOperation) => boolean): IncrementalResult {
    // A carried pending operation that completed (other than of unknown outcome) or left the
    // window: its key goes back to the cut before it.
    for (const keyState of this.keys.values()) {
      for (let back = keyState.violated ? null : resolvePending(keyState, operations, include); back !== null; back = resolvePending(keyState, operations, include)) {
        keyState.restore(back);
        this.scanFrom = Math.min(this.scanFrom, firstCalledFrom(operations, back.cutIndex));
      }
    }
    const fresh = new Map<string | undefined, HistoryOperation[]>();
    const firstFresh = new Map<string | undefined, number>();
    for (let i = this.scanFrom; i < operations.length; i++) {
      const op = operations[i];
      if (include && !include(op)) continue;
      const keyState = this.keyState(op.key);
      if (op.callIndex < keyState.cutIndex) continue;
      let list = fresh.get(op.key);
      if (!list) {
        fresh.set(op.key, (list = []));
        firstFresh.set(op.key, i);
      }
      list.push(op);
    }
    let steps = 0;
    for (const [key, keyState] of this.keys) {
      const tail = fresh.get(key) ?? [];
      keyState.opsSeen = keyState.committedOps + tail.length;
      if (keyState.violated) {
        // Settled: its operations are only counted.
        if (tail.length > 0) {
          keyState.committedOps += tail.length;
          keyState.cutIndex = tail[tail.length - 1].callIndex + 1;
        }
        keyState.opsSeen = keyState.committedOps;
        firstFresh.delete(key);
        continue;
      }
      const committed = this.advance(keyState, tail);
      steps += committed.steps;
      const tailCheck = keyState.violated ? null : this.checkTail(keyState, committed.tail);
      steps += tailCheck?.steps ?? 0;
      if (tailCheck) keyState.tail = tailCheck.verdict;
      if (tailCheck?.verdict === false) {
        keyState.violated = true;
        keyState.failure = [...keyState.spanning.map((op) => op.source), ...committed.tail];
      }
      // Everything behind the key's new cut is settled (and a violation stays): the next scan can
      // start after it.
      if (keyState.violated) {
        keyState.committedOps = keyState.opsSeen;
        if (tail.length > 0) keyState.cutIndex = tail[tail.length - 1].callIndex + 1;
      }
      if (keyState.violated || committed.tail.length === 0) firstFresh.delete(key);
      else firstFresh.set(key, operations.indexOf(committed.tail[0], firstFresh.get(key)));
    }
    const firstUnsettled = Math.min(operations.length, ...firstFresh.values());
    this.scanFrom = Math.max(this.scanFrom, firstUnsettled);
    return this.result(steps);
  }

  private keyState(key: string | undefined): KeyState {
    let state = this.keys.get(key);
    if (!state) this.keys.set(key, (state = new KeyState(key, this.initial)));
    return state;
  }

  private result(steps: number): IncrementalResult {
    const perKey: IncrementalKeyVerdict[] = [];
    let ops = 0;
    let leftOut = 0;
    for (const state of this.keys.values()) {
      const valid: Verdict = state.violated ? false : state.tail;
      perKey.push({ key: state.key ?? null, valid, ops: state.opsSeen, leftOut: state.leftOut, configurations: state.configurations.length });
      ops += state.opsSeen;
      leftOut += state.leftOut;
    }
    const verdicts = perKey.map((k) => k.valid);
    const valid: Verdict = verdicts.includes(false) ? false : verdicts.includes('unknown') ? 'unknown' : true;
    const result: IncrementalResult = { valid, ops, leftOut, steps, perKey };
    const failed = [...this.keys.values()].find((state) => state.violated);
    if (failed) result.failure = { key: failed.key ?? null, operations: failed.failure };
    return result;
  }

  /** Moves the key's cut over the operations past it (see the top for where it cuts); returns
   * the operations left after the new cut. */
  private advance(keyState: KeyState, ops: readonly HistoryOperation[]): { tail: readonly HistoryOperation[]; steps: number } {
    let steps = 0;
    let start = 0;
    for (let cut = this.nextCut(keyState, ops, start); cut !== null; cut = this.nextCut(keyState, ops, start)) {
      const cutIndex = cut.at < ops.length ? ops[cut.at].callIndex : ops[ops.length - 1].callIndex + 1;
      const cutEnd = cut.at < ops.length ? cutIndex : Infinity;
      steps += this.commitStretch(keyState, ops.slice(start, cut.at), cutIndex, cutEnd, cut.spanning);
      start = cut.at;
      if (keyState.violated) return { tail: [], steps };
    }
    return { tail: ops.slice(start), steps };
  }

  /**
   * Where to cut next after `ops[start]`: before the first operation where nothing spans the cut,
   * or at most `maxSpanning` operations do once the stretch holds `stretchOps`; at the end, if
   * nothing is pending. No cut after an operation pending that is not yet old. With no such cut
   * in `maxTailOps` operations (overlapping clients all the time), where fewest span it.
   */
  private nextCut(keyState: KeyState, ops: readonly HistoryOperation[], start: number): { at: number; spanning: HistoryOperation[] } | null {
    // Completed operations invoked so far that may span the next cut.
    let open: HistoryOperation[] = keyState.spanning.map((op) => op.source);
    let best: { at: number; spanning: HistoryOperation[] } | null = null;
    const oldBefore = ops.length - this.oldPendingOps;
    for (let j = start; j <= ops.length; j++) {
      if (j > start) {
        const cut = j < ops.length ? ops[j].callIndex : Infinity;
        open = open.filter((op) => op.returnIndex > cut);
        if (open.length === 0 || (j - start >= this.stretchOps && open.length <= this.maxSpanning)) return { at: j, spanning: open };
        if (!best || open.length < best.spanning.length) best = { at: j, spanning: open.slice() };
      }
      if (j === ops.length) break;
      const op = ops[j];
      if (op.pending && j >= oldBefore) break;
      if (op.outcome === 'ok') open.push(op);
    }
    return ops.length - start >= this.maxTailOps ? best : null;
  }

  /** Every configuration the stretch ends in at its cut; a violation if none. Returns the steps. */
  private commitStretch(keyState: KeyState, ops: readonly HistoryOperation[], cutIndex: number, cutEnd: number, spanning: readonly HistoryOperation[]): number {
    const carriedPending = ops.filter((op) => op.pending);
    const snapshot = carriedPending.length > 0 ? keyState.snapshot() : null;
    // Counted first: a stretch forgotten is left out with everything before it.
    keyState.committedOps += ops.length;
    const finite = keyState.spanning.slice();
    for (const op of ops) {
      if (op.outcome === 'fail' || (op.f === 'read' && op.outcome === 'info')) continue;
      if (op.outcome === 'info') {
        const [kind, a, b] = infoEncoding(op, keyState.interner);
        keyState.groups[keyState.group(kind, a, b)].calls.push(op.callIndex);
      } else finite.push(finiteEncoding(op, keyState.interner));
    }
    if (snapshot) for (const op of carriedPending) keyState.pending.push({ callIndex: op.callIndex, snapshot });
    keyState.cutIndex = cutIndex;
    const spans = new Set(spanning);
    const stillSpanning = finite.filter((op) => spans.has(op.source));
    const search = new StretchSearch(keyState, finite, cutEnd, this.stretchBudget, false);
    let ends: Configuration[];
    try {
      search.run(keyState.configurations);
      ends = minimal(search.ends);
    } catch (error) {
      if (!(error instanceof BudgetExceeded)) throw error;
      return search.steps + this.forgetStretch(keyState, finite, cutEnd, stillSpanning, ops);
    }
    if (ends.length === 0) {
      keyState.violated = true;
      keyState.failure = finite.map((op) => op.source);
      keyState.configurations = [];
      return search.steps;
    }
    if (ends.length > this.maxConfigurations) return search.steps + this.forgetStretch(keyState, finite, cutEnd, stillSpanning, ops);
    keyState.configurations = ends;
    keyState.spanning = stillSpanning;
    keyState.retire();
    return search.steps;
  }

  /** A stretch too costly to follow exactly: still a violation if no linearization of it is
   * found, otherwise forgotten (the value after it taken as unknown). */
  private forgetStretch(keyState: KeyState, finite: Finite[], cutEnd: number, spanning: Finite[], ops: readonly HistoryOperation[]): number {
    const search = new StretchSearch(keyState, finite, cutEnd, this.tailBudget, true);
    let found: boolean | null;
    try {
      found = search.run(keyState.configurations);
    } catch (error) {
      if (!(error instanceof BudgetExceeded)) throw error;
      found = null;
    }
    if (found === false) {
      keyState.violated = true;
      keyState.failure = finite.map((op) => op.source).concat(ops.filter((op) => op.outcome === 'info'));
      keyState.configurations = [];
    } else {
      keyState.spanning = spanning;
      keyState.forget();
    }
    return search.steps;
  }

  /** Whether the operations after the cut (pending ones as of unknown outcome) have a
   * linearization from one of the configurations at the cut. */
  private checkTail(keyState: KeyState, ops: readonly HistoryOperation[]): { verdict: Verdict; steps: number } {
    const finite = keyState.spanning.slice();
    const pushed: number[] = [];
    for (const op of ops) {
      if (op.outcome === 'fail' || (op.f === 'read' && op.outcome === 'info')) continue;
      if (op.outcome === 'info') {
        const [kind, a, b] = infoEncoding(op, keyState.interner);
        const g = keyState.group(kind, a, b);
        keyState.groups[g].calls.push(op.callIndex);
        pushed.push(g);
      } else finite.push(finiteEncoding(op, keyState.interner));
    }
    const search = new StretchSearch(keyState, finite, Infinity, this.tailBudget, true);
    try {
      return { verdict: search.run(keyState.configurations), steps: search.steps };
    } catch (error) {
      if (!(error instanceof BudgetExceeded)) throw error;
      return { verdict: 'unknown', steps: search.steps };
    } finally {
      for (const g of pushed) keyState.groups[g].calls.pop();
    }
  }
}

/** The snapshot to go back to, if a pending operation carried across a cut has completed other
 * than of unknown outcome (or left the window); drops those that turned out unknown. */
function resolvePending(keyState: KeyState, operations: readonly HistoryOperation[], include?: (op: HistoryOperation) => boolean): Snapshot | null {
  let back: Snapshot | null = null;
  const still: CarriedPending[] = [];
  for (const carried of keyState.pending) {
    const at = firstCalledFrom(operations, carried.callIndex);
    const op = operations[at]?.callIndex === carried.callIndex ? operations[at] : undefined;
    const counted = op !== undefined && (!include || include(op));
    if (counted && op.pending) still.push(carried);
    else if (!counted || op.outcome !== 'info') {
      if (!back || carried.snapshot.cutIndex < back.cutIndex) back = carried.snapshot;
    }
  }
  keyState.pending = still;
  return back;
}

/** The position of the first operation invoked at or after `callIndex` (operations in call order). */
function firstCalledFrom(operations: readonly HistoryOperation[], callIndex: number): number {
  let low = 0;
  let high = operations.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (operations[middle].callIndex < callIndex) low = middle + 1;
    else high = middle;
  }
  return low;
}

function finiteEncoding(source: HistoryOperation, interner: ValueInterner): Finite {
  const call = source.callIndex;
  const ret = source.returnIndex;
  if (source.f === 'read') return { kind: READ, a: interner.id(source.output), b: 0, call, ret, source };
  if (source.f === 'write') return { kind: WRITE, a: interner.id(source.input), b: 0, call, ret, source };
  const [expected, next] = source.input as [unknown, unknown];
  if (source.output === false) return { kind: CAS_FALSE, a: interner.id(expected), b: 0, call, ret, source };
  return { kind: CAS, a: interner.id(expected), b: interner.id(next), call, ret, source };
}

function infoEncoding(op: HistoryOperation, interner: ValueInterner): [number, number, number] {
  if (op.f === 'write') return [INFO_WRITE, interner.id(op.input), 0];
  const [expected, next] = op.input as [unknown, unknown];
  return [INFO_CAS, interner.id(expected), interner.id(next)];
}
