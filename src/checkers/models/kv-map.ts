// The state of a key-value map for the parts of a kv history that multi-key transactions join:
// reads, writes and cases per key behave as the register does; a `txn` is a list of micro-ops
// `[f, key, value]` (f: read/r or write/w) applied in order, atomically, as Knossos'
// multi-register does. Reads inside a txn see the txn's own earlier writes.

import { describeOperation, who } from '../describe';
import type { HistoryOperation } from '../operations';
import { UNKNOWN_VALUE, sameValue, showValue, valueKey } from '../values';
import { IMPOSSIBLE, effectOfRequest, type HistoryModel, type Impossible } from './model';
import { stepRegisterValue } from './register';

export interface KvState {
  values: ReadonlyMap<string, unknown>;
  /** Whether keys never written nor read hold an unknown value (a check that starts mid-run). */
  unknownStart: boolean;
}

export type MicroOp = [f: 'read' | 'write', key: string, value: unknown];

const MICRO_FUNCTIONS: Record<string, 'read' | 'write'> = { read: 'read', r: 'read', write: 'write', w: 'write' };

/** The micro-ops of a txn value, or null when it is not a list of [f, key, value]. */
export function microOps(value: unknown): MicroOp[] | null {
  if (!Array.isArray(value)) return null;
  const ops: MicroOp[] = [];
  for (const item of value) {
    if (!Array.isArray(item) || item.length !== 3) return null;
    const f = typeof item[0] === 'string' ? MICRO_FUNCTIONS[item[0].replace(/^:/, '')] : undefined;
    const key = item[1];
    if (!f || (typeof key !== 'string' && typeof key !== 'number')) return null;
    ops.push([f, String(key).replace(/^:/, ''), item[2]]);
  }
  return ops;
}

/** The map key an operation touches: its own key, inside its independent key if it has one. */
export function mapKey(op: HistoryOperation, key: string): string {
  return op.key === undefined ? key : `${op.key}/${key}`;
}

/** The keys an operation touches. */
export function keysOf(op: HistoryOperation): string[] {
  if (op.f !== 'txn') return [op.key ?? ''];
  return (microOps(op.input) ?? []).map(([, key]) => mapKey(op, key));
}

function lookup(state: KvState, key: string): unknown {
  return state.values.has(key) ? state.values.get(key) : state.unknownStart ? UNKNOWN_VALUE : null;
}

function stepTxn(state: KvState, op: HistoryOperation): KvState | Impossible {
  const values = new Map(state.values);
  const observed = op.outcome === 'ok' ? microOps(op.output) : null;
  for (const [j, [f, key, value]] of (microOps(op.input) ?? []).entries()) {
    const at = mapKey(op, key);
    if (f === 'write') {
      values.set(at, value);
      continue;
    }
    const read = observed?.[j];
    if (!read || read[0] !== 'read') continue; // outcome unknown: the read constrains nothing
    const current = values.has(at) ? values.get(at) : lookup(state, at);
    if (current === UNKNOWN_VALUE) values.set(at, read[2]);
    else if (!sameValue(current, read[2])) return IMPOSSIBLE;
  }
  return { values, unknownStart: state.unknownStart };
}

function stepKv(state: KvState, op: HistoryOperation): KvState | Impossible {
  if (op.f === 'txn') return stepTxn(state, op);
  const key = op.key ?? '';
  const current = lookup(state, key);
  const next = stepRegisterValue(current, op);
  if (next === IMPOSSIBLE) return IMPOSSIBLE;
  if (next === current || next === UNKNOWN_VALUE) return state;
  return { values: new Map(state.values).set(key, next), unknownStart: state.unknownStart };
}

/** `read x=1, write y=2`; a read's value only once the txn has returned it. */
function describeMicroOps(ops: MicroOp[], returned: boolean): string {
  return ops.map(([f, key, value]) => (f === 'write' || returned ? `${f} ${key}=${showValue(value)}` : `${f} ${key}`)).join(', ');
}

function describeKvState(state: KvState): string {
  const entries = [...state.values].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, value]) => `${key}=${showValue(value)}`);
  if (state.unknownStart) entries.push('other keys unknown');
  return `the map {${entries.join(', ')}}`;
}

/** Why an operation cannot happen: the first read that disagrees with the map. */
function whyNotKv(state: KvState, op: HistoryOperation): string {
  if (op.f !== 'txn') {
    const held = `${op.key ?? 'the register'} held ${showValue(lookup(state, op.key ?? ''))}`;
    return op.f === 'read' ? `it read ${showValue(op.output)}, but ${held}` : `its compare disagrees: ${held}`;
  }
  const values = new Map(state.values);
  const observed = op.outcome === 'ok' ? microOps(op.output) : null;
  for (const [j, [f, key, value]] of (microOps(op.input) ?? []).entries()) {
    const at = mapKey(op, key);
    if (f === 'write') values.set(at, value);
    const read = observed?.[j];
    if (f !== 'read' || !read || read[0] !== 'read') continue;
    const current = values.has(at) ? values.get(at) : lookup(state, at);
    if (current !== UNKNOWN_VALUE && !sameValue(current, read[2])) return `it read ${key}=${showValue(read[2])}, but ${key} held ${showValue(current)}`;
  }
  return `it disagrees with ${describeKvState(state)}`;
}

/** The map model that checks the kv parts joined by transactions. */
export const kvMapModel: HistoryModel<KvState> = {
  name: 'kv',
  functions: ['read', 'write', 'cas', 'txn'],
  summary: 'a map of registers with multi-key transactions',
  init: () => ({ values: new Map(), unknownStart: false }),
  unknownInit: () => ({ values: new Map(), unknownStart: true }),
  step: stepKv,
  effectKey: effectOfRequest,
  stateKey: (state) => {
    const entries = [...state.values].map(([key, value]) => `${key}\u0001${valueKey(value)}`).sort();
    return `${state.unknownStart ? 'u' : 'n'}\u0002${entries.join('\u0002')}`;
  },
  describeOperation: (op) => (op.f === 'txn' ? describeKvOperation(op) : describeOperation(op)),
  describeState: describeKvState,
  whyNot: whyNotKv,
};

/** `c1 txn [read x=1, write y=2] (ok)`; other operations as the register describes them. */
export function describeKvOperation(op: HistoryOperation): string {
  const result = op.outcome === 'info' ? 'outcome unknown' : op.outcome;
  const returned = op.outcome === 'ok' ? microOps(op.output) : null;
  return `${who(op)} txn [${describeMicroOps(returned ?? microOps(op.input) ?? [], returned !== null)}] (${result})`;
}
