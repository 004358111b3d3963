// A replica of the CRDT lab: it holds one state of the lab's type, applies users' operations
// (random ones on a timer, and the lab's `op` action), and gossips its whole state to a random
// peer on another timer; a received state is merged. The naive counter and both LWW/naive sets
// also carry a reference CRDT fed the same operations and gossip, so what they lose is measured
// against what a CRDT keeps, not guessed.
import type { ControlAction, Effect, Message, NodeContext, NodeView, Protocol, Step } from '../../engine/types';
import { gCounterEmpty, gCounterMerge, gCounterValue, type GCounter } from '../../protocols/crdt/g-counter';
import { CRDTS, showCrdtValue, type CrdtKind } from '../../protocols/crdt/index';
import { orSetEmpty, orSetMerge, orSetValue, type OrSet } from '../../protocols/crdt/or-set';
import { applyOp, counterValue, randomOp, type OpName } from './ops';
import { crdtParams } from './params';

export const OP_TIMER = 'op';
export const GOSSIP_TIMER = 'gossip';

export interface ReplicaState {
  type: CrdtKind;
  /** Bumped by each switch of type; gossip of another epoch is ignored. */
  epoch: number;
  crdt: unknown;
  /** The reference CRDT (a G-Counter beside the naive counter, an OR-Set beside the LWW and naive sets). */
  shadow: unknown;
  /** Operations this replica performed in this epoch. */
  issued: { inc: number; dec: number };
  lastStampMs: number;
  /** PN-Counter: the lowest balance this replica has held. */
  lowest: number;
  /** Findings already reported in the event log this epoch (one line each, not one per merge). */
  noted: string[];
  /** No more random operations (the convergence check's quiet period). */
  quiet: boolean;
}

export interface GossipMessage extends Message {
  type: 'Gossip';
  kind: CrdtKind;
  epoch: number;
  crdt: unknown;
  shadow: unknown;
}

function shadowFor(type: CrdtKind): unknown {
  if (type === 'naive-counter') return gCounterEmpty();
  if (type === 'naive-set' || type === 'lww-element-set') return orSetEmpty();
  return null;
}

export function emptyReplica(type: CrdtKind, epoch: number): ReplicaState {
  return { type, epoch, crdt: CRDTS[type].empty(), shadow: shadowFor(type), issued: { inc: 0, dec: 0 }, lastStampMs: 0, lowest: 0, noted: [], quiet: false };
}

/** What the replica lost against its reference: increments (naive counter), elements the OR-Set
 * keeps and this set dropped (LWW), or elements this set has that the OR-Set removed (naive). */
export function lossesOf(state: ReplicaState): { lostUpdates: number; lostAdds: string[]; resurrected: string[] } {
  const none = { lostUpdates: 0, lostAdds: [] as string[], resurrected: [] as string[] };
  if (state.type === 'naive-counter') return { ...none, lostUpdates: gCounterValue(state.shadow as GCounter) - (state.crdt as number) };
  if (state.type !== 'lww-element-set' && state.type !== 'naive-set') return none;
  const mine = CRDTS[state.type].value(state.crdt) as string[];
  const reference = orSetValue(state.shadow as OrSet);
  if (state.type === 'lww-element-set') return { ...none, lostAdds: reference.filter((e) => !mine.includes(e)) };
  return { ...none, resurrected: mine.filter((e) => !reference.includes(e)) };
}

/** One event-log line the first time a replica shows each kind of loss in an epoch. */
function findings(state: ReplicaState, ctx: NodeContext, out: Effect[]): ReplicaState {
  const found: [string, string][] = [];
  const { lostUpdates, lostAdds, resurrected } = lossesOf(state);
  if (lostUpdates > 0) found.push(['lost-update', `${ctx.id}'s naive counter says ${state.crdt}, a G-Counter fed the same increments says ${gCounterValue(state.shadow as GCounter)}: taking the max lost ${lostUpdates}`]);
  if (lostAdds.length > 0) found.push(['add-lost', `${ctx.id}'s LWW-Element-Set dropped ${lostAdds.join(', ')}, which the OR-Set keeps: a later-stamped remove beat an add it never saw`]);
  if (resurrected.length > 0) found.push(['resurrected', `${ctx.id}'s naive set has ${resurrected.join(', ')} again after a merge, though every add of it was removed`]);
  if (state.type === 'pn-counter' && state.lowest < 0) found.push(['overdraft', `${ctx.id}'s balance fell to ${state.lowest}: withdrawals checked against different replicas' balances all went through`]);
  const fresh = found.filter(([tag]) => !state.noted.includes(tag));
  if (fresh.length === 0) return state;
  for (const [tag, text] of fresh) out.push({ kind: 'note', tag, text });
  return { ...state, noted: [...state.noted, ...fresh.map(([tag]) => tag)] };
}

function withLowest(state: ReplicaState): ReplicaState {
  const value = counterValue(state);
  return state.type === 'pn-counter' && value !== null && value < state.lowest ? { ...state, lowest: value } : state;
}

function merge(state: ReplicaState, message: GossipMessage, ctx: NodeContext): Step<ReplicaState> {
  if (message.kind !== state.type || message.epoch !== state.epoch) return [state, []];
  const type = CRDTS[state.type];
  let shadow = state.shadow;
  if (state.type === 'naive-counter') shadow = gCounterMerge(state.shadow as GCounter, message.shadow as GCounter);
  else if (state.shadow !== null) shadow = orSetMerge(state.shadow as OrSet, message.shadow as OrSet);
  const out: Effect[] = [];
  const merged = withLowest({ ...state, crdt: type.merge(state.crdt, message.crdt), shadow });
  return [findings(merged, ctx, out), out];
}

function operate(state: ReplicaState, op: OpName, element: string, ctx: NodeContext, byUser: boolean): Step<ReplicaState> {
  const result = applyOp(state, op, element, ctx);
  const out: Effect[] = [];
  if (!result.ok) {
    if (byUser) out.push({ kind: 'note', tag: 'op-refused', text: result.text });
    return [state, out];
  }
  if (byUser) out.push({ kind: 'note', tag: 'user-op', text: result.text });
  return [findings(withLowest(result.state), ctx, out), out];
}

function gossip(state: ReplicaState, ctx: NodeContext): Effect[] {
  if (ctx.peers.length === 0) return [];
  const message: GossipMessage = { type: 'Gossip', kind: state.type, epoch: state.epoch, crdt: state.crdt, shadow: state.shadow };
  return [{ kind: 'send', to: ctx.rng.pick(ctx.peers), message }];
}

function timer(name: string, range: [number, number]): Effect[] {
  return range[1] <= 0 ? [] : [{ kind: 'set-timer', timer: name, range: { minMs: Math.max(1, range[0]), maxMs: range[1] }, quiet: true }];
}

function armTimers(ctx: NodeContext): Effect[] {
  const params = crdtParams(ctx.params);
  return [...timer(OP_TIMER, params.opIntervalMs), ...timer(GOSSIP_TIMER, params.gossipMs)];
}

function control(state: ReplicaState, action: ControlAction, ctx: NodeContext): Step<ReplicaState> {
  if (action.do === 'op') return operate(state, action.op as OpName, String(action.element ?? 'a'), ctx, true);
  if (action.do === 'setType' && typeof action.epoch === 'number' && action.epoch !== state.epoch) {
    return [emptyReplica(action.type as CrdtKind, action.epoch), []];
  }
  if (action.do === 'quiet' && !state.quiet) return [{ ...state, quiet: true }, []];
  return [state, []];
}

export const replica: Protocol<ReplicaState, ReplicaState> = {
  id: 'crdt-replica',
  init: (ctx) => [emptyReplica(crdtParams(ctx.params).type, 0), armTimers(ctx)],
  onMessage: (state, _from, message, ctx) => (message.type === 'Gossip' ? merge(state, message as GossipMessage, ctx) : [state, []]),
  onTimer(state, name, ctx) {
    const params = crdtParams(ctx.params);
    if (name === GOSSIP_TIMER) return [state, [...gossip(state, ctx), ...timer(GOSSIP_TIMER, params.gossipMs)]];
    if (name !== OP_TIMER) return [state, []];
    const again = timer(OP_TIMER, params.opIntervalMs);
    if (state.quiet) return [state, again];
    const [op, element] = randomOp(state, ctx);
    const [next, effects] = operate(state, op, element, ctx, false);
    return [next, [...effects, ...again]];
  },
  onControl: control,
  // A replica's state is durable: what it acknowledged survives a crash.
  persisted: (state) => state,
  recover: (saved, ctx) => [saved, armTimers(ctx)],
  view(state): NodeView {
    const value = showCrdtValue(CRDTS[state.type].value(state.crdt));
    const { lostUpdates, lostAdds, resurrected } = lossesOf(state);
    return {
      role: 'replica',
      summary: `${state.type} = ${value}`,
      badge: value,
      details: {
        type: state.type,
        value,
        issued: state.type.endsWith('counter') ? `+${state.issued.inc} −${state.issued.dec}` : null,
        ...(state.type === 'naive-counter' ? { lostUpdates } : {}),
        ...(state.type === 'lww-element-set' ? { lostAdds: lostAdds.join(',') } : {}),
        ...(state.type === 'naive-set' ? { resurrected: resurrected.join(',') } : {}),
        ...(state.type === 'pn-counter' ? { lowest: state.lowest } : {}),
      },
    };
  },
};
