// What the consistency map reads of a register history: its operations as reads and writes with
// unique written values, so every read names the one write it saw (its writer).
//
// Rules (the same for every model of the map, and for the brute force that tests it):
// - `fail` operations never happened; `info` reads tell nothing; a cas that returned false is not
//   judged (the map reads nothing from it). An ok cas reads its expected value and writes its new
//   one, atomically.
// - A write or cas of unknown outcome (`info`, or never completed) counts as having happened when
//   some operation observed its value, and then may have happened at any point after the
//   operations of its session that completed before it began; one nobody observed is left out
//   (it can always be placed last, so leaving it out changes no verdict).
// - With `initialState: 'nil'` every key starts nil, written by an initial write before everything;
//   with 'unknown' (a window that starts mid-run) every value read that no operation of the window
//   wrote was written before the window by a write of its own, unordered with everything.
// - Sessions are clients (else processes), as for the session checker; a →so b when both are of
//   one session and a completed before b was invoked.

import type { HistoryOperation } from '../operations';
import { valueKey } from '../values';

export type InitialState = 'nil' | 'unknown';

export interface MapOperation {
  /** Position in `ops`. */
  index: number;
  /** The history's operation; null for an initial or pre-window write. */
  source: HistoryOperation | null;
  session: number;
  key: number;
  /** The write this operation reads from (a read, or a cas's expected value), else -1. */
  readsFrom: number;
  writes: boolean;
  /** An initial write (nil mode): before everything, in every order. */
  initial: boolean;
}

export interface Normalized {
  ops: MapOperation[];
  sessions: number;
  sessionNames: string[];
  keys: string[];
  /** Per operation: the operations of its session that come immediately before it. */
  sessionPredecessors: number[][];
  /** Per session: its operations in invocation order. */
  bySession: number[][];
}

export type NormalizeResult =
  | { ok: true; problem: Normalized }
  | { ok: false; reason: 'thin-air'; read: HistoryOperation; value: unknown; failedWriter: HistoryOperation | null }
  | { ok: false; reason: 'duplicate-write'; first: HistoryOperation; second: HistoryOperation; value: unknown };

/** The register functions the map understands; histories of other models are not judged. */
export const MAP_FUNCTIONS: ReadonlySet<string> = new Set(['read', 'write', 'cas']);

export function sessionName(op: HistoryOperation): string {
  return op.client ?? `process ${op.process}`;
}

function written(op: HistoryOperation): unknown {
  return op.f === 'write' ? op.input : (op.input as [unknown, unknown])[1];
}

function expectedOf(op: HistoryOperation): unknown {
  return (op.input as [unknown, unknown])[0];
}

/** Does the operation, if it happened, write? (fail excluded by the caller). */
function mayWrite(op: HistoryOperation): boolean {
  if (op.f === 'write') return true;
  if (op.f !== 'cas') return false;
  return op.outcome !== 'ok' || op.output !== false;
}

/** The value an ok operation observed: a read's result, a successful cas's expected value. */
function observedValue(op: HistoryOperation): { value: unknown } | null {
  if (op.f === 'cas' && op.output !== false) return { value: expectedOf(op) };
  if (op.outcome !== 'ok') return null;
  if (op.f === 'read') return { value: op.output };
  return null;
}

export function normalize(operations: readonly HistoryOperation[], initialState: InitialState = 'nil'): NormalizeResult {
  const live = operations.filter((op) => op.outcome !== 'fail' && MAP_FUNCTIONS.has(op.f));
  const keyOf = (op: HistoryOperation): string => op.key ?? '';
  const id = (key: string, value: unknown): string => `${key}\u0000${valueKey(value)}`;
  // Writers by (key, value); a second writer breaks the unique-values precondition.
  const writers = new Map<string, HistoryOperation>();
  for (const op of live) {
    if (!mayWrite(op)) continue;
    const valueId = id(keyOf(op), written(op));
    const first = writers.get(valueId);
    if (first) return { ok: false, reason: 'duplicate-write', first, second: op, value: written(op) };
    if (initialState === 'nil' && valueKey(written(op)) === 'nil') return { ok: false, reason: 'duplicate-write', first: op, second: op, value: null };
    writers.set(valueId, op);
  }
  // Ok operations are kept; a write of unknown outcome once a kept operation observed its value
  // (a kept cas of unknown outcome succeeded, so it observed its expected value): to a fixpoint.
  const observed = new Set<string>();
  const kept = new Set<HistoryOperation>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const op of live) {
      if (kept.has(op)) continue;
      const keep = op.outcome === 'ok' ? observedValue(op) !== null || mayWrite(op) : mayWrite(op) && observed.has(id(keyOf(op), written(op)));
      if (!keep) continue;
      kept.add(op);
      grew = true;
      const seen = observedValue(op);
      if (seen) observed.add(id(keyOf(op), seen.value));
    }
  }
  return finish(live.filter((op) => kept.has(op)), writers, initialState, operations);
}

function finish(kept: HistoryOperation[], writers: Map<string, HistoryOperation>, initialState: InitialState, operations: readonly HistoryOperation[]): NormalizeResult {
  const keyOf = (op: HistoryOperation): string => op.key ?? '';
  const id = (key: string, value: unknown): string => `${key}\u0000${valueKey(value)}`;
  if (initialState === 'nil') {
    for (const op of kept) {
      const seen = observedValue(op);
      if (!seen || valueKey(seen.value) === 'nil' || writers.has(id(keyOf(op), seen.value))) continue;
      const failedWriter = operations.find((w) => w.outcome === 'fail' && mayWrite(w) && keyOf(w) === keyOf(op) && valueKey(written(w)) === valueKey(seen.value)) ?? null;
      return { ok: false, reason: 'thin-air', read: op, value: seen.value, failedWriter };
    }
  }
  return { ok: true, problem: build(kept, writers, initialState) };
}

function build(kept: HistoryOperation[], writers: Map<string, HistoryOperation>, initialState: InitialState): Normalized {
  const keys: string[] = [];
  const keyIds = new Map<string, number>();
  const keyId = (key: string): number => {
    let k = keyIds.get(key);
    if (k === undefined) keyIds.set(key, (k = keys.length)), keys.push(key);
    return k;
  };
  const sessionNames: string[] = [];
  const sessionIds = new Map<string, number>();
  const ops: MapOperation[] = [];
  const indexOf = new Map<HistoryOperation, number>();
  for (const op of kept) {
    const name = sessionName(op);
    let session = sessionIds.get(name);
    if (session === undefined) sessionIds.set(name, (session = sessionNames.length)), sessionNames.push(name);
    indexOf.set(op, ops.length);
    ops.push({ index: ops.length, source: op, session, key: keyId(op.key ?? ''), readsFrom: -1, writes: mayWrite(op), initial: false });
  }
  const sessions = sessionNames.length;
  const synthetic = new Map<string, number>();
  const syntheticWrite = (key: number, initial: boolean): number => {
    const op: MapOperation = { index: ops.length, source: null, session: sessionNames.length, key, readsFrom: -1, writes: true, initial };
    sessionNames.push(initial ? 'the initial state' : 'before the window');
    ops.push(op);
    return op.index;
  };
  for (const op of ops.slice()) {
    const seen = op.source ? observedValue(op.source) : null;
    if (!seen) continue;
    const key = keys[op.key];
    const writer = writers.get(`${key}\u0000${valueKey(seen.value)}`);
    const valueId = `${op.key}\u0000${valueKey(seen.value)}`;
    if (writer && indexOf.has(writer)) op.readsFrom = indexOf.get(writer)!;
    else {
      let synth = synthetic.get(valueId);
      if (synth === undefined) synthetic.set(valueId, (synth = syntheticWrite(op.key, initialState === 'nil')));
      op.readsFrom = synth;
    }
  }
  // Nil mode: every key has its initial write, read or not.
  if (initialState === 'nil') for (let k = 0; k < keys.length; k++) if (!synthetic.has(`${k}\u0000nil`)) synthetic.set(`${k}\u0000nil`, syntheticWrite(k, true));
  const bySession: number[][] = Array.from({ length: sessions }, () => []);
  for (const op of ops) if (op.session < sessions) bySession[op.session].push(op.index);
  const sessionPredecessors: number[][] = ops.map(() => []);
  for (const list of bySession) immediatePredecessors(list, ops, sessionPredecessors);
  return { ops, sessions, sessionNames, keys, sessionPredecessors, bySession };
}

/** a →so b when a completed before b began; only the immediate ones (not implied by others). */
function immediatePredecessors(list: number[], ops: MapOperation[], out: number[][]): void {
  const call = (i: number): number => ops[i].source!.callIndex;
  const ret = (i: number): number => ops[i].source!.returnIndex;
  for (let j = 0; j < list.length; j++) {
    const b = list[j];
    let latestCall = -Infinity;
    for (let i = 0; i < j; i++) if (ret(list[i]) < call(b)) latestCall = Math.max(latestCall, call(list[i]));
    for (let i = 0; i < j; i++) if (ret(list[i]) < call(b) && ret(list[i]) > latestCall) out[b].push(list[i]);
  }
}
