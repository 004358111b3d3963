// What a user can do to a replica of each type, applied to the replica's state and, for the types
// compared against a reference, to the reference too (the same operations, the same gossip).
import type { NodeContext } from '../../engine/types';
import { gCounterIncrement, gCounterValue, type GCounter } from '../../protocols/crdt/g-counter';
import type { CrdtKind } from '../../protocols/crdt/index';
import { lwwRegisterWrite, lwwSetAdd, lwwSetRemove, lwwSetHas, type LwwRegister, type LwwSet, type Stamp } from '../../protocols/crdt/lww';
import { naiveSetAdd, naiveSetRemove, type NaiveSet } from '../../protocols/crdt/naive';
import { orSetAdd, orSetHas, orSetRemove, type OrSet } from '../../protocols/crdt/or-set';
import { pnCounterDecrement, pnCounterIncrement, pnCounterValue, type PnCounter } from '../../protocols/crdt/pn-counter';
import type { ReplicaState } from './replica';

export type OpName = 'inc' | 'dec' | 'add' | 'remove' | 'write';

/** Which operations each type offers. */
export const OPS_OF: Record<CrdtKind, readonly OpName[]> = {
  'g-counter': ['inc'],
  'pn-counter': ['inc', 'dec'],
  'naive-counter': ['inc'],
  'or-set': ['add', 'remove'],
  'lww-element-set': ['add', 'remove'],
  'naive-set': ['add', 'remove'],
  'lww-register': ['write'],
};

/** The outcome of an operation: the new state, or why it was refused. */
export type OpResult = { ok: true; state: ReplicaState; text: string } | { ok: false; text: string };

/** A stamp later than this replica's last one, so its stamps are unique (ties broken by id). */
function nextStamp(state: ReplicaState, ctx: NodeContext): [Stamp, ReplicaState] {
  const ms = Math.max(ctx.clockMs, state.lastStampMs + 1);
  return [{ ms, replica: ctx.id }, { ...state, lastStampMs: ms }];
}

function present(state: ReplicaState, element: string): boolean {
  switch (state.type) {
    case 'or-set':
      return orSetHas(state.crdt as OrSet, element);
    case 'lww-element-set':
      return lwwSetHas(state.crdt as LwwSet, element);
    default:
      return (state.crdt as NaiveSet).includes(element);
  }
}

export function applyOp(state: ReplicaState, op: OpName, element: string, ctx: NodeContext): OpResult {
  if (!OPS_OF[state.type].includes(op)) return { ok: false, text: `a ${state.type} has no ${op}` };
  switch (op) {
    case 'inc':
      return increment(state, ctx);
    case 'dec':
      return decrement(state, ctx);
    case 'add':
      return add(state, element, ctx);
    case 'remove':
      return present(state, element) ? remove(state, element, ctx) : { ok: false, text: `${element} is not in ${ctx.id}'s set: nothing to remove` };
    case 'write':
      return write(state, ctx);
  }
}

function increment(state: ReplicaState, ctx: NodeContext): OpResult {
  const issued = { ...state.issued, inc: state.issued.inc + 1 };
  if (state.type === 'naive-counter') {
    // The naive counter also feeds a G-Counter alongside: the reference for what it should say.
    const shadow = gCounterIncrement(state.shadow as GCounter, ctx.id);
    return { ok: true, state: { ...state, crdt: (state.crdt as number) + 1, shadow, issued }, text: `${ctx.id} +1` };
  }
  const crdt = state.type === 'g-counter' ? gCounterIncrement(state.crdt as GCounter, ctx.id) : pnCounterIncrement(state.crdt as PnCounter, ctx.id);
  return { ok: true, state: { ...state, crdt, issued }, text: `${ctx.id} +1` };
}

/** A withdrawal checks the balance this replica sees: the check cannot see concurrent ones. */
function decrement(state: ReplicaState, ctx: NodeContext): OpResult {
  const balance = pnCounterValue(state.crdt as PnCounter);
  if (balance < 1) return { ok: false, text: `${ctx.id} refuses −1: its balance is ${balance}` };
  const crdt = pnCounterDecrement(state.crdt as PnCounter, ctx.id);
  return { ok: true, state: { ...state, crdt, issued: { ...state.issued, dec: state.issued.dec + 1 } }, text: `${ctx.id} −1 (saw ${balance})` };
}

function add(state: ReplicaState, element: string, ctx: NodeContext): OpResult {
  const tag = `${ctx.id}.${ctx.next('crdt-tag', 1)}`;
  const shadow = state.shadow === null ? null : orSetAdd(state.shadow as OrSet, element, tag);
  if (state.type === 'or-set') return { ok: true, state: { ...state, crdt: orSetAdd(state.crdt as OrSet, element, tag) }, text: `${ctx.id} adds ${element}` };
  if (state.type === 'naive-set') return { ok: true, state: { ...state, crdt: naiveSetAdd(state.crdt as NaiveSet, element), shadow }, text: `${ctx.id} adds ${element}` };
  const [stamp, stamped] = nextStamp(state, ctx);
  return { ok: true, state: { ...stamped, crdt: lwwSetAdd(state.crdt as LwwSet, element, stamp), shadow }, text: `${ctx.id} adds ${element} at ${stamp.ms} ms` };
}

function remove(state: ReplicaState, element: string, ctx: NodeContext): OpResult {
  const shadow = state.shadow === null ? null : orSetRemove(state.shadow as OrSet, element);
  if (state.type === 'or-set') return { ok: true, state: { ...state, crdt: orSetRemove(state.crdt as OrSet, element) }, text: `${ctx.id} removes ${element}` };
  if (state.type === 'naive-set') return { ok: true, state: { ...state, crdt: naiveSetRemove(state.crdt as NaiveSet, element), shadow }, text: `${ctx.id} removes ${element}` };
  const [stamp, stamped] = nextStamp(state, ctx);
  return { ok: true, state: { ...stamped, crdt: lwwSetRemove(state.crdt as LwwSet, element, stamp), shadow }, text: `${ctx.id} removes ${element} at ${stamp.ms} ms` };
}

function write(state: ReplicaState, ctx: NodeContext): OpResult {
  const value = ctx.next('crdt-value', 1);
  const [stamp, stamped] = nextStamp(state, ctx);
  return { ok: true, state: { ...stamped, crdt: lwwRegisterWrite(state.crdt as LwwRegister, value, stamp) }, text: `${ctx.id} writes ${value} at ${stamp.ms} ms` };
}

/** A random operation of the replica's type, as a user of that replica might do. */
export function randomOp(state: ReplicaState, ctx: NodeContext): [OpName, string] {
  const element = ctx.rng.pick(['a', 'b', 'c', 'd']);
  switch (state.type) {
    case 'pn-counter':
      // Withdrawals outnumber deposits, so balances run near zero and the guard matters.
      return [ctx.rng.int(100) < 40 ? 'inc' : 'dec', element];
    case 'or-set':
    case 'lww-element-set':
    case 'naive-set':
      return [present(state, element) && ctx.rng.int(2) === 0 ? 'remove' : 'add', element];
    case 'lww-register':
      return ['write', element];
    default:
      return ['inc', element];
  }
}

export function counterValue(state: ReplicaState): number | null {
  if (state.type === 'g-counter') return gCounterValue(state.crdt as GCounter);
  if (state.type === 'pn-counter') return pnCounterValue(state.crdt as PnCounter);
  if (state.type === 'naive-counter') return state.crdt as number;
  return null;
}
