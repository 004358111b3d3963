// A process of the clocks lab: it keeps a Lamport clock, a vector clock, a drifting, skewed
// physical clock and a hybrid logical clock, and stamps every local, send and receive event with
// all four. Local events write a last-writer-wins register (the value is the event's id); messages
// carry the register, so "latest timestamp wins" is decided on real messages.
import type { ControlAction, Effect, Message, NodeContext, NodeView, Protocol, Step } from '../../engine/types';
import type { ClockEvent, ClockEventKind, LwwDecision } from '../../protocols/clocks/events';
import { compareHlc, HLC_ZERO, hlcReceive, hlcTick, showHlc, type Hlc } from '../../protocols/clocks/hybrid';
import { lamportReceive, lamportTick } from '../../protocols/clocks/lamport';
import { showVector, vectorReceive, vectorTick, vectorZero } from '../../protocols/clocks/vector';
import { clocksParams, type LwwStamp } from './params';

export const TICK_TIMER = 'tick';
/** Events a process keeps for the checker to read (it reads them after every handler). */
const LOG_LIMIT = 8;

/** A write in the register: which event wrote it and its timestamps. */
export interface RegisterWrite {
  write: number;
  node: string;
  physicalMs: number;
  hlc: Hlc;
}

export interface ClockProcessState {
  index: number;
  seq: number;
  lamport: number;
  vector: number[];
  hlc: Hlc;
  /** This clock's own error: a fixed offset and a rate error, drawn at start. */
  offsetMs: number;
  driftPpm: number;
  lww: LwwStamp;
  register: RegisterWrite | null;
  /** The latest events, newest last. */
  log: ClockEvent[];
}

export interface ClockMessage extends Message {
  type: 'Clock';
  sendId: number;
  lamport: number;
  vector: number[];
  hlc: Hlc;
  physicalMs: number;
  register: RegisterWrite | null;
}

/** The process's physical clock: the engine's clock (with any `skew` action), its offset and drift. */
export function physicalNow(state: Pick<ClockProcessState, 'offsetMs' | 'driftPpm'>, ctx: NodeContext): number {
  return ctx.clockMs + state.offsetMs + Math.trunc((ctx.clockMs * state.driftPpm) / 1_000_000);
}

/** Last-writer-wins: is `a` later than `b` by the chosen timestamp (ties broken by process id)? */
export function laterWrite(a: RegisterWrite, b: RegisterWrite, stamp: LwwStamp): boolean {
  const byStamp = stamp === 'hybrid' ? compareHlc(a.hlc, b.hlc) : a.physicalMs - b.physicalMs;
  return byStamp !== 0 ? byStamp > 0 : a.node > b.node;
}

function record(state: ClockProcessState, event: ClockEvent): ClockProcessState {
  const log = state.log.length >= LOG_LIMIT ? state.log.slice(1 - LOG_LIMIT) : state.log.slice();
  log.push(event);
  return { ...state, log };
}

interface Stamps {
  lamport: number;
  vector: number[];
  hlc: Hlc;
}

/** A new event with the given stamps; returns the new state and the event. */
function happen(state: ClockProcessState, ctx: NodeContext, kind: ClockEventKind, stamps: Stamps, extra: Partial<ClockEvent>): [ClockProcessState, ClockEvent] {
  const event: ClockEvent = {
    id: ctx.next('clock-event', 1), node: ctx.id, index: state.index, seq: state.seq + 1, kind,
    lamport: stamps.lamport, vector: stamps.vector, physicalMs: physicalNow(state, ctx), hlc: stamps.hlc, ...extra,
  };
  const next = record({ ...state, seq: event.seq, lamport: stamps.lamport, vector: stamps.vector, hlc: stamps.hlc }, event);
  return [next, event];
}

function tickStamps(state: ClockProcessState, ctx: NodeContext): Stamps {
  return { lamport: lamportTick(state.lamport), vector: vectorTick(state.vector, state.index), hlc: hlcTick(state.hlc, physicalNow(state, ctx)) };
}

/** A local event writes the register, unless the register holds a write LWW ranks later: then the
 * new write is silently discarded, as a store that compares timestamps does. */
export function localEvent(state: ClockProcessState, ctx: NodeContext): ClockProcessState {
  const stamps = tickStamps(state, ctx);
  const id = ctx.peek('clock-event', 1);
  const mine: RegisterWrite = { write: id, node: ctx.id, physicalMs: physicalNow(state, ctx), hlc: stamps.hlc };
  const current = state.register;
  const wins = current === null || laterWrite(mine, current, state.lww);
  const lww: LwwDecision | undefined = current === null ? undefined : wins ? { kept: id, dropped: current.write } : { kept: current.write, dropped: id };
  const [next] = happen(state, ctx, 'local', stamps, lww ? { lww } : {});
  return { ...next, register: wins ? mine : current };
}

export function sendEvent(state: ClockProcessState, ctx: NodeContext, to: string): Step<ClockProcessState> {
  const [next, event] = happen(state, ctx, 'send', tickStamps(state, ctx), { peer: to });
  const message: ClockMessage = {
    type: 'Clock', sendId: event.id, lamport: event.lamport, vector: event.vector, hlc: event.hlc, physicalMs: event.physicalMs, register: state.register,
  };
  return [next, [{ kind: 'send', to, message }]];
}

function receiveEvent(state: ClockProcessState, ctx: NodeContext, from: string, message: ClockMessage): ClockProcessState {
  const skipMax = clocksParams(ctx.params).bug === 'skip-receive-max';
  const stamps: Stamps = {
    lamport: skipMax ? lamportTick(state.lamport) : lamportReceive(state.lamport, message.lamport),
    vector: vectorReceive(state.vector, message.vector, state.index),
    hlc: hlcReceive(state.hlc, message.hlc, physicalNow(state, ctx)),
  };
  const incoming = message.register;
  const current = state.register;
  let register = current;
  let lww: LwwDecision | undefined;
  if (incoming && (!current || incoming.write !== current.write)) {
    const wins = current === null || laterWrite(incoming, current, state.lww);
    if (current) lww = wins ? { kept: incoming.write, dropped: current.write } : { kept: current.write, dropped: incoming.write };
    if (wins) register = incoming;
  }
  const [next] = happen(state, ctx, 'receive', stamps, { peer: from, sendId: message.sendId, ...(lww ? { lww } : {}) });
  return { ...next, register };
}

function armTick(ctx: NodeContext): Effect[] {
  const [minMs, maxMs] = clocksParams(ctx.params).intervalMs;
  return maxMs <= 0 ? [] : [{ kind: 'set-timer', timer: TICK_TIMER, range: { minMs: Math.max(1, minMs), maxMs }, quiet: true }];
}

function initialState(ctx: NodeContext): ClockProcessState {
  const params = clocksParams(ctx.params);
  const processes = [ctx.id, ...ctx.peers].sort(byNumber);
  return {
    index: processes.indexOf(ctx.id), seq: 0, lamport: 0, vector: vectorZero(processes.length), hlc: HLC_ZERO,
    offsetMs: ctx.rng.rangeInclusive(-params.skewMs, params.skewMs),
    driftPpm: ctx.rng.rangeInclusive(-params.driftPpm, params.driftPpm),
    lww: params.lww, register: null, log: [],
  };
}

function byNumber(a: string, b: string): number {
  return Number(a.replace(/\D/g, '')) - Number(b.replace(/\D/g, '')) || a.localeCompare(b);
}

/** What a lab action asks of a process: an event, or a switch of the LWW timestamp. */
function control(state: ClockProcessState, action: ControlAction, ctx: NodeContext): Step<ClockProcessState> {
  if (action.do === 'send' && typeof action.to === 'string') return sendEvent(state, ctx, action.to);
  if (action.do === 'local') return [localEvent(state, ctx), []];
  if (action.do === 'setLww' && (action.mode === 'physical' || action.mode === 'hybrid')) {
    return action.mode === state.lww ? [state, []] : [{ ...state, lww: action.mode }, []];
  }
  return [state, []];
}

export const clockProcess: Protocol<ClockProcessState, Omit<ClockProcessState, 'log'>> = {
  id: 'clock-process',
  init: (ctx) => [initialState(ctx), armTick(ctx)],
  onMessage(state, from, message, ctx) {
    if (message.type !== 'Clock') return [state, []];
    return [receiveEvent(state, ctx, from, message as ClockMessage), []];
  },
  onTimer(state, timer, ctx) {
    if (timer !== TICK_TIMER) return [state, []];
    // One event in three is a local write; the rest are sends to a peer drawn at random.
    if (ctx.peers.length === 0 || ctx.rng.int(3) === 0) return [localEvent(state, ctx), armTick(ctx)];
    const [next, effects] = sendEvent(state, ctx, ctx.rng.pick(ctx.peers));
    return [next, [...effects, ...armTick(ctx)]];
  },
  onControl: control,
  // A real process keeps its clocks on disk: a clock that ran backwards after a restart would break
  // the clock condition.
  persisted: ({ log: _log, ...kept }) => kept,
  recover: (saved, ctx) => [{ ...saved, log: [] }, armTick(ctx)],
  view: (state): NodeView => ({
    role: 'process',
    summary: `L=${state.lamport} V=${showVector(state.vector)}`,
    badge: `L${state.lamport} ${showVector(state.vector)}`,
    details: {
      lamport: state.lamport,
      vector: showVector(state.vector),
      hlc: showHlc(state.hlc),
      clockOffsetMs: state.offsetMs,
      driftPpm: state.driftPpm,
      lww: state.lww,
      register: state.register ? `e${state.register.write}` : null,
    },
  }),
};
