// One sentence for a model the search found violated, naming the operations: a pattern that
// proves it when one is found (reads that went back; a value overwritten in a read's causal past;
// a read of its own future write), else where every order the search tried got stuck.

import { action, calledAt, who } from '../describe';
import type { HistoryOperation } from '../operations';
import { checkSessions } from '../sessions';
import { showValue } from '../values';
import type { ModelOutcome, WeakModel } from './models';
import type { InitialState, MapOperation, Normalized } from './normalize';

export interface Explanation {
  sentence: string;
  operations: HistoryOperation[];
}

const RULES: Record<WeakModel, string> = {
  sequential: 'keeps each session’s order',
  causal: 'keeps causal order (each session’s order, and every write before the reads that saw it)',
  pram: 'keeps every session’s order',
  'read-your-writes': 'puts its own writes before its later reads',
  'monotonic-reads': 'keeps its reads in the order it made them',
  'monotonic-writes': 'keeps every session’s writes in the order they were made',
  'writes-follow-reads': 'puts each write after the writes its session had read before making it',
};

const at = (op: HistoryOperation): string => `${action(op)} at ${calledAt(op)}`;

function real(problem: Normalized, i: number): HistoryOperation | null {
  return i >= 0 && i < problem.ops.length ? problem.ops[i].source : null;
}

export function explainModel(problem: Normalized, model: WeakModel, outcome: ModelOutcome, initialState: InitialState): Explanation {
  const failing = outcome.failing!;
  const session = failing.session;
  const pattern =
    session === null
      ? null
      : model === 'monotonic-reads'
        ? wentBack(problem, session)
        : model === 'causal'
          ? causalPattern(problem, session)
          : model === 'pram'
            ? (sessionCycle(problem, session, initialState) ?? backInWriterOrder(problem, session))
            : model === 'read-your-writes'
              ? initialAfterOwnWrite(problem, session)
              : null;
  return pattern ?? stuckSentence(problem, model, failing.session, failing.outcome.stuck);
}

/** Monotonic reads: a session read a key's value, then another, then the first again. */
function wentBack(problem: Normalized, session: number): Explanation | null {
  const byKey = new Map<number, MapOperation[]>();
  for (const i of problem.bySession[session]) {
    const op = problem.ops[i];
    if (op.readsFrom < 0) continue;
    if (!byKey.has(op.key)) byKey.set(op.key, []);
    byKey.get(op.key)!.push(op);
  }
  for (const reads of byKey.values()) {
    const firstRead = new Map<number, MapOperation>();
    for (let j = 0; j < reads.length; j++) {
      const r3 = reads[j];
      const r1 = firstRead.get(r3.readsFrom);
      if (r1) {
        const r2 = reads.slice(reads.indexOf(r1) + 1, j).find((r) => r.readsFrom !== r3.readsFrom && before(r1, r) && before(r, r3));
        if (r2) return threeReads(r1.source!, r2.source!, r3.source!);
      }
      if (!firstRead.has(r3.readsFrom)) firstRead.set(r3.readsFrom, r3);
      const initial = problem.ops[r3.readsFrom].initial;
      const later = reads.slice(0, j).find((r) => !problem.ops[r.readsFrom].initial && before(r, r3));
      if (initial && later) return { sentence: `${who(r3.source!)} ${at(later.source!)} and then ${at(r3.source!)}: its reads went back to the initial value.`, operations: [later.source!, r3.source!] };
    }
  }
  return null;
}

/** Read your writes: a session read a key's initial value after writing the key itself. */
function initialAfterOwnWrite(problem: Normalized, session: number): Explanation | null {
  const own = problem.bySession[session].map((i) => problem.ops[i]);
  for (const read of own) {
    if (read.readsFrom < 0 || !problem.ops[read.readsFrom].initial) continue;
    const write = own.find((w) => w.writes && w.key === read.key && before(w, read));
    if (write) return { sentence: `${who(read.source!)} ${at(read.source!)}, after its own ${at(write.source!)}.`, operations: [read.source!, write.source!] };
  }
  return null;
}

function before(a: MapOperation, b: MapOperation): boolean {
  return a.source!.returnIndex < b.source!.callIndex;
}

function threeReads(r1: HistoryOperation, r2: HistoryOperation, r3: HistoryOperation): Explanation {
  return { sentence: `${who(r1)} ${at(r1)}, then ${at(r2)}, then ${at(r3)}: its reads went back to an older value.`, operations: [r1, r2, r3] };
}

/** PRAM: the session checker's cycle within one session (it proves a broken session order). */
function sessionCycle(problem: Normalized, session: number, initialState: InitialState): Explanation | null {
  const own = problem.bySession[session].map((i) => problem.ops[i].source!);
  const found = checkSessions(own).find((v) => initialState === 'nil' || v.earlier !== null);
  if (!found) return null;
  return { sentence: found.sentence.replace(/\(violates [^)]*\)\.$/, '(no view keeps its session order).'), operations: [found.earlier, found.later, found.operation].filter((op): op is HistoryOperation => op !== null) };
}

/** PRAM: a session saw a value, then one its writer's session wrote before that value. */
function backInWriterOrder(problem: Normalized, session: number): Explanation | null {
  const own = problem.bySession[session].map((i) => problem.ops[i]);
  for (const later of own) {
    if (later.readsFrom < 0) continue;
    const wb = problem.ops[later.readsFrom];
    if (!wb.source) continue;
    for (const earlier of own) {
      if (earlier === later || !before(earlier, later)) continue;
      const wa = earlier.readsFrom >= 0 && problem.ops[earlier.readsFrom].key === later.key ? problem.ops[earlier.readsFrom] : earlier.writes && earlier.key === later.key ? earlier : null;
      if (!wa || !wa.source || wa === wb || wa.session !== wb.session || !before(wb, wa)) continue;
      const saw = `${who(earlier.source!)} ${at(earlier.source!)}`;
      return {
        sentence: `${saw}, then ${at(later.source!)}, though ${who(wb.source)} made its ${action(wb.source)} before its ${action(wa.source)}.`,
        operations: [earlier.source!, later.source!, wb.source, ...(wa === earlier ? [] : [wa.source])],
      };
    }
  }
  return null;
}

/** Causal: a read whose causal past holds a later write of its key, or that causally precedes its own writer. */
function causalPattern(problem: Normalized, session: number): Explanation | null {
  const preds = problem.ops.map((op, i) => (op.readsFrom >= 0 ? [...problem.sessionPredecessors[i], op.readsFrom] : problem.sessionPredecessors[i]));
  const succs: number[][] = problem.ops.map(() => []);
  preds.forEach((list, i) => list.forEach((p) => succs[p].push(i)));
  let work = 0;
  for (const i of problem.bySession[session]) {
    const read = problem.ops[i];
    if (read.readsFrom < 0 || (work += 2 * problem.ops.length) > 4_000_000) continue;
    const past = reach(preds, preds[i]);
    const writer = problem.ops[read.readsFrom];
    if (past.has(i)) {
      return { sentence: `${who(read.source!)} ${at(read.source!)}, but the write of that value causally follows the read itself.`, operations: [read.source!, ...(writer.source ? [writer.source] : [])] };
    }
    const after = writer.initial ? null : reach(succs, succs[writer.index]);
    for (const w of past) {
      const other = problem.ops[w];
      if (!other.writes || other.key !== read.key || w === read.readsFrom || !other.source) continue;
      if (after && !after.has(w)) continue;
      const seen = writer.source ? `${who(writer.source)}’s ${at(writer.source)}` : `the initial ${showValue(null)}`;
      return {
        sentence: `${who(read.source!)} ${at(read.source!)}, though ${who(other.source)}’s ${at(other.source)} was in its causal past and came after ${seen}.`,
        operations: [read.source!, other.source, ...(writer.source ? [writer.source] : [])],
      };
    }
  }
  return null;
}

function reach(edges: number[][], start: readonly number[]): Set<number> {
  const seen = new Set<number>(start);
  const stack = [...start];
  while (stack.length > 0) for (const p of edges[stack.pop()!]) if (!seen.has(p)) seen.add(p), stack.push(p);
  return seen;
}

function stuckSentence(problem: Normalized, model: WeakModel, session: number | null, stuck: number[]): Explanation {
  const read = stuck.map((i) => real(problem, i)).find((op): op is HistoryOperation => op !== null) ?? null;
  const whose = session === null ? `No single order of all ${problem.ops.filter((op) => op.source).length} operations` : `No order of the writes as ${problem.sessionNames[session]} sees them`;
  const head = `${whose} ${RULES[model]} and gives ${session === null ? 'every read' : 'each of its reads'} the value it returned`;
  if (!read) return { sentence: `${head}.`, operations: [] };
  const writerIndex = problem.ops.find((op) => op.source === read)?.readsFrom ?? -1;
  const writer = real(problem, writerIndex);
  return { sentence: `${head}: every order tried fails at ${who(read)}’s ${at(read)}.`, operations: writer ? [read, writer] : [read] };
}
