// Session guarantees (Terry et al., "Session guarantees for weakly consistent replicated data",
// 1994) for registers, checked per client (the `client` field, else the process) and per key.
//
// Definitions. Assume every write of a key writes a distinct value, so a value read names the
// write that produced it, and that the system orders each key's writes in one version order
// (nil, the initial value, first). A client's *observations* are its completed operations in
// session order: an ok read observes the value it returned, an ok write observes the value it
// wrote, a successful cas reads its expected value and then writes its new one. For observations
// a before b (a completed before b was invoked) of values u and v, the guarantees require:
//   read-your-writes   a write,  b read:  u ≤ v (the read reflects the earlier write)
//   monotonic reads    a read,   b read:  u ≤ v (reads never go back)
//   monotonic writes   a write,  b write: u < v (writes are ordered as issued)
//   writes-follow-reads a read,  b write: u < v (a write is ordered after what was read)
// A violation is a read b of value x such that the client earlier observed x (at p) and later a
// different, non-nil value y (at q), p before q before b: the guarantees of (p, q) and (q, b)
// demand x ≤ y and y ≤ x with x ≠ y, so no version order satisfies both. Reading nil after
// observing a non-nil value y at q is a violation of the guarantee of (q, b) alone, as nil is the
// oldest. The violation names the guarantees involved; at least one of them is broken.
//
// Soundness: only cycles are reported, so whatever the version order, some named guarantee is
// broken. A read of x is only judged if x was written at most once (nil: never written), so a
// re-read cannot be a second write of the same value. Fail, info, and cas-returned-false
// operations are not observations. Observations of one client that overlap in time are not
// ordered, so they never form a cycle.

import { calledAt, who } from './describe';
import type { HistoryOperation } from './operations';
import { showValue, valueKey } from './values';

export type SessionGuarantee = 'read-your-writes' | 'monotonic-reads' | 'monotonic-writes' | 'writes-follow-reads';

export interface SessionViolation {
  /** The client id, or `process N`. */
  session: string;
  key: string | null;
  /** At least one of these is broken (one entry: that one certainly is). */
  guarantees: SessionGuarantee[];
  /** The read that went back, and the earlier observations that show it. */
  operation: HistoryOperation;
  earlier: HistoryOperation | null;
  later: HistoryOperation;
  sentence: string;
}

interface Observation {
  op: HistoryOperation;
  kind: 'read' | 'write';
  value: unknown;
  valueKey: string;
}

/** How many observations back a read looks for a different value (bounds the work per read). */
const LOOKBACK = 64;

export function checkSessions(operations: readonly HistoryOperation[]): SessionViolation[] {
  const writeCounts = countWrites(operations);
  const violations: SessionViolation[] = [];
  for (const [, ops] of groupSessions(operations)) {
    const observations: Observation[] = [];
    const first = new Map<string, Observation>();
    for (const op of ops) {
      for (const observation of observe(op)) {
        if (observation.kind === 'read') {
          const found = findCycle(observation, observations, first, writeCounts);
          if (found) violations.push(found);
        }
        observations.push(observation);
        const earliest = first.get(observation.valueKey);
        if (!earliest || observation.op.returnIndex < earliest.op.returnIndex) first.set(observation.valueKey, observation);
      }
    }
  }
  return violations.sort((x, y) => x.operation.callIndex - y.operation.callIndex);
}

function sessionOf(op: HistoryOperation): string {
  return op.client ?? `process ${op.process}`;
}

/** Operations grouped by (session, key), each in invocation order. */
function groupSessions(operations: readonly HistoryOperation[]): Map<string, HistoryOperation[]> {
  const groups = new Map<string, HistoryOperation[]>();
  for (const op of operations) {
    const id = `${sessionOf(op)}\u0000${op.key ?? ''}\u0000${op.key === undefined ? 0 : 1}`;
    let group = groups.get(id);
    if (!group) groups.set(id, (group = []));
    group.push(op);
  }
  for (const group of groups.values()) group.sort((x, y) => x.callIndex - y.callIndex);
  return groups;
}

/** Per key and value: how many operations may write it (fail excluded). */
function countWrites(operations: readonly HistoryOperation[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const op of operations) {
    if (op.outcome === 'fail' || op.f === 'read' || (op.f === 'cas' && op.output === false)) continue;
    const value = op.f === 'write' ? op.input : (op.input as [unknown, unknown])[1];
    const id = `${op.key ?? ''}\u0000${valueKey(value)}`;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

function observe(op: HistoryOperation): Observation[] {
  if (op.outcome !== 'ok') return [];
  const make = (kind: 'read' | 'write', value: unknown): Observation => ({ op, kind, value, valueKey: valueKey(value) });
  if (op.f === 'read') return [make('read', op.output)];
  if (op.f === 'write') return [make('write', op.input)];
  if (op.output === false) return [];
  const [expected, next] = op.input as [unknown, unknown];
  return [make('read', expected), make('write', next)];
}

function precedes(a: HistoryOperation, b: HistoryOperation): boolean {
  return a.returnIndex < b.callIndex;
}

function findCycle(read: Observation, earlier: Observation[], first: Map<string, Observation>, writeCounts: Map<string, number>): SessionViolation | null {
  const writes = writeCounts.get(`${read.op.key ?? ''}\u0000${read.valueKey}`) ?? 0;
  const isNil = read.valueKey === 'nil';
  if (isNil ? writes > 0 : writes > 1) return null;
  const start = first.get(read.valueKey);
  if (!isNil && !start) return null;
  for (let i = earlier.length - 1; i >= 0 && i >= earlier.length - LOOKBACK; i--) {
    const q = earlier[i];
    if (q.valueKey === read.valueKey || q.valueKey === 'nil' || !precedes(q.op, read.op)) continue;
    if (isNil) return violation(read, null, q);
    if (start && precedes(start.op, q.op)) return violation(read, start, q);
  }
  return null;
}

function pairGuarantee(a: Observation['kind'], b: Observation['kind']): SessionGuarantee {
  if (a === 'write') return b === 'read' ? 'read-your-writes' : 'monotonic-writes';
  return b === 'read' ? 'monotonic-reads' : 'writes-follow-reads';
}

function violation(read: Observation, p: Observation | null, q: Observation): SessionViolation {
  const guarantees = new Set<SessionGuarantee>([pairGuarantee(q.kind, 'read')]);
  if (p) guarantees.add(pairGuarantee(p.kind, q.kind));
  const list = [...guarantees];
  const key = read.op.key;
  const shown = (value: unknown): string => `${key === undefined ? '' : `${key}=`}${showValue(value)}`;
  const byCas = (o: Observation): string => (o.op.f === 'cas' ? ' (by cas)' : '');
  const saw = (o: Observation): string => `${o.kind === 'write' ? 'wrote' : 'read'} ${shown(o.value)}${byCas(o)} at ${calledAt(o.op)}`;
  const reason = p ? `though it ${saw(p)} and then ${saw(q)}` : `though it had ${q.kind === 'write' ? 'written' : 'read'} ${shown(q.value)}${byCas(q)} at ${calledAt(q.op)}`;
  const names = list.map((g) => (g.startsWith('monotonic') ? g.replace('-', ' ') : g));
  const verdict = names.length === 1 ? `violates ${names[0]}` : `violates ${names.join(' or ')}`;
  return {
    session: sessionOf(read.op),
    key: key ?? null,
    guarantees: list,
    operation: read.op,
    earlier: p ? p.op : null,
    later: q.op,
    sentence: `${who(read.op)} read ${shown(read.value)}${byCas(read)} at ${calledAt(read.op)}, ${reason}, so ${key ?? 'the register'} went back to an older value (${verdict}).`,
  };
}
