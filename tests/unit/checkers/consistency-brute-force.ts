// Reference checkers for the consistency map on small register histories, straight from the
// definitions and written apart from the search: plain values, every subset of the writes of
// unknown outcome tried as "happened", every order of the operations enumerated.
//   sequential: one order of all operations keeping session order, every read sees its value.
//   per-session views (causal, PRAM, the four session guarantees): for each session p, one order
//   of every write and p's own operations, keeping the model's pairs, each of p's reads legal.
// Exponential; only for tests.

import type { HistoryEvent } from '../../../src/engine/types';
import { pairOperations, type HistoryOperation } from '../../../src/checkers/operations';
import type { WeakModel } from '../../../src/checkers/index';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

interface Op {
  id: number;
  session: string;
  key: string;
  /** Observed value, when the operation reads. */
  reads: { value: unknown } | null;
  /** Written value, when it writes. */
  writes: { value: unknown } | null;
  call: number;
  ret: number;
}

function toOp(op: HistoryOperation, id: number): Op | null {
  if (op.outcome === 'fail') return null;
  const base = { id, session: op.client ?? `process ${op.process}`, key: op.key ?? '', call: op.callIndex, ret: op.returnIndex };
  if (op.f === 'read') return op.outcome === 'ok' ? { ...base, reads: { value: op.output }, writes: null } : null;
  if (op.f === 'write') return { ...base, reads: null, writes: { value: op.input } };
  if (op.outcome === 'ok' && op.output === false) return null; // not judged
  const [expected, next] = op.input as [unknown, unknown];
  return { ...base, reads: { value: expected }, writes: { value: next } };
}

/** Each way the operations of unknown outcome may have gone: the op lists to judge. */
function worlds(history: HistoryEvent[]): Op[][] {
  const paired = pairOperations(history);
  if (!paired.ok) throw new Error(paired.error.message);
  const ops = paired.operations.map((op, i) => [op, toOp(op, i)] as const).filter((pair): pair is readonly [HistoryOperation, Op] => pair[1] !== null);
  const sure = ops.filter(([op]) => op.outcome === 'ok').map(([, o]) => o);
  const maybe = ops.filter(([op]) => op.outcome !== 'ok').map(([, o]) => o);
  const out: Op[][] = [];
  for (let mask = 0; mask < 1 << maybe.length; mask++) out.push([...sure, ...maybe.filter((_, i) => mask & (1 << i))].sort((x, y) => x.call - y.call));
  return out;
}

const so = (a: Op, b: Op): boolean => a.session === b.session && a.ret < b.call;

function writerOf(ops: Op[], r: Op): Op | null {
  return ops.find((w) => w.writes && w.key === r.key && same(w.writes.value, r.reads!.value)) ?? null;
}

/** Is there an order of `items` keeping `before` with every op in `checked` legal? */
function someOrder(items: Op[], before: (a: Op, b: Op) => boolean, checked: (o: Op) => boolean): boolean {
  const state = new Map<string, unknown>();
  const used = new Set<Op>();
  const go = (): boolean => {
    if (used.size === items.length) return true;
    for (const op of items) {
      if (used.has(op) || items.some((other) => !used.has(other) && other !== op && before(other, op))) continue;
      if (checked(op) && op.reads && !same(state.has(op.key) ? state.get(op.key) : null, op.reads.value)) continue;
      const previous = state.has(op.key) ? state.get(op.key) : null;
      if (op.writes) state.set(op.key, op.writes.value);
      used.add(op);
      if (go()) return true;
      used.delete(op);
      state.set(op.key, previous);
    }
    return false;
  };
  return go();
}

function closure(ops: Op[], edge: (a: Op, b: Op) => boolean): (a: Op, b: Op) => boolean {
  const n = ops.length;
  const reach = ops.map((a) => ops.map((b) => edge(a, b)));
  for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (reach[i][k] && reach[k][j]) reach[i][j] = true;
  return (a, b) => reach[ops.indexOf(a)][ops.indexOf(b)];
}

function viewPairs(model: WeakModel, ops: Op[], p: string): (a: Op, b: Op) => boolean {
  const wr = (a: Op, b: Op): boolean => b.reads !== null && writerOf(ops, b) === a;
  switch (model) {
    case 'causal':
      return closure(ops, (a, b) => so(a, b) || wr(a, b));
    case 'pram':
      return so;
    case 'read-your-writes':
      return (a, b) => a.session === p && !!a.writes && !!b.reads && so(a, b);
    case 'monotonic-reads':
      return (a, b) => a.session === p && !!a.reads && !!b.reads && so(a, b);
    case 'monotonic-writes':
      return (a, b) => !!a.writes && !!b.writes && so(a, b);
    case 'writes-follow-reads':
      return (a, b) => !!b.writes && ops.some((r) => r.reads && r !== b && so(r, b) && writerOf(ops, r) === a);
    default:
      throw new Error(model);
  }
}

function holdsIn(model: WeakModel, ops: Op[]): boolean {
  if (model === 'sequential') return someOrder(ops, so, () => true);
  const sessions = [...new Set(ops.map((o) => o.session))];
  return sessions.every((p) => {
    const pairs = viewPairs(model, ops, p);
    const view = ops.filter((o) => o.session === p || o.writes);
    return someOrder(view, pairs, (o) => o.session === p);
  });
}

/** The model's verdict by brute force (values written once; nil the initial value). */
export function bruteForceModel(history: HistoryEvent[], model: WeakModel): boolean {
  return worlds(history).some((ops) => holdsIn(model, ops));
}
