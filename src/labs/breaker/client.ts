// The client: calls dependencies A and B at a steady rate, each call through (in this order) the
// dependency's circuit breaker, a bulkhead (a pool of concurrent-call slots per dependency, or
// one shared pool when bulkheads are off) and a time limiter. Every outcome and refusal is filed
// as a metric for the charts; breaker transitions are notes with their cause.
//
// Beside the breaker it keeps the checks' own record of each dependency (the same sliding window,
// never reset by a transition) and two facts the checks report: a call refused a shared slot
// while the other dependency's calls held most of the pool (a healthy call failing because of the
// other dependency), and a call let through while that record stood over the thresholds.
import type { Effect, Message, NodeContext, NodeView, Protocol, Step } from '../../engine/types';
import { startBreaker, stateLevel, stepBreaker, windowSpec, type BreakerData, type BreakerStateName, type EdgeId } from './breaker.machine';
import type { CallMessage, ReplyMessage } from './dependency';
import { breakerConfig, DEPENDENCIES, readClientConfig, sameBreakerConfig, type ClientConfig, type DependencyName } from './params';
import { effectiveMinimum, emptyWindow, isSlow, judge, recordOutcome, tally, type SlidingWindow } from './sliding-window';

export interface CallInFlight {
  dependency: DependencyName;
  startedMs: number;
}

export interface DependencySide {
  breaker: BreakerData;
  /** The checks' window over every finished call, never reset by a transition. */
  record: SlidingWindow;
  /** Slots its calls hold. */
  inUse: number;
  /** The last attempt was refused a shared slot held mostly by the other dependency's calls. */
  starved: boolean;
  /** The last admitted call went in while `record` stood over the thresholds. */
  unprotected: boolean;
}

export interface TransitionRecord {
  dependency: DependencyName;
  from: BreakerStateName;
  to: BreakerStateName;
  atMs: number;
  cause: string;
}

export interface ClientState {
  config: ClientConfig;
  nextId: number;
  calls: Record<string, CallInFlight>;
  sides: Record<DependencyName, DependencySide>;
  /** The latest breaker transitions, oldest first (at most TRANSITIONS_KEPT). */
  transitions: TransitionRecord[];
  transitionCount: number;
  firstOpenedAtMs: Record<DependencyName, number | null>;
}

/** What a monitoring system would have scraped: it outlives a crash; the breakers do not. */
export type ClientPersisted = Pick<ClientState, 'config' | 'transitions' | 'transitionCount' | 'firstOpenedAtMs'>;

export const TRANSITIONS_KEPT = 64;
const TICK = 'tick:';
const TIMEOUT = 'timeout:';

const EDGE_TAGS: Record<EdgeId, string> = {
  'CLOSED>OPEN': 'breaker-opened',
  'OPEN>HALF_OPEN': 'breaker-half-open',
  'HALF_OPEN>OPEN': 'breaker-reopened',
  'HALF_OPEN>CLOSED': 'breaker-closed',
};

function freshSide(config: ClientConfig): DependencySide {
  return { breaker: startBreaker(breakerConfig(config)), record: emptyWindow(), inUse: 0, starved: false, unprotected: false };
}

function freshSides(config: ClientConfig): Record<DependencyName, DependencySide> {
  return { A: freshSide(config), B: freshSide(config) };
}

function serverOf(dependency: DependencyName, ctx: NodeContext): string {
  return ctx.servers[DEPENDENCIES.indexOf(dependency)];
}

function dependencyAt(node: string, ctx: NodeContext): DependencyName | null {
  const index = ctx.servers.indexOf(node);
  return index >= 0 && index < DEPENDENCIES.length ? DEPENDENCIES[index] : null;
}

function metric(out: Effect[], name: string, kind: 'count' | 'sample' | 'gauge', value = 1): void {
  out.push({ kind: 'metric', name, metric: kind, value });
}

/** Jittered around the rate, so calls to A and B do not march in lockstep. */
function tickTimer(dependency: DependencyName, config: ClientConfig): Effect {
  const intervalMs = Math.max(2, Math.round(1000 / config.callsPerSec));
  return { kind: 'set-timer', timer: TICK + dependency, range: { minMs: Math.max(1, intervalMs >> 1), maxMs: intervalMs + (intervalMs >> 1) }, quiet: true };
}

/** The pool a call to `dependency` takes a slot from: its size and who holds it. */
export function poolFor(state: ClientState, dependency: DependencyName): { size: number; own: number; others: number } {
  const own = state.sides[dependency].inUse;
  if (state.config.bulkheads) return { size: state.config.bulkheadSize, own, others: 0 };
  const others = DEPENDENCIES.reduce((sum, d) => sum + (d === dependency ? 0 : state.sides[d].inUse), 0);
  return { size: state.config.sharedPoolSize, own, others };
}

function withSide(state: ClientState, dependency: DependencyName, side: DependencySide): ClientState {
  return { ...state, sides: { ...state.sides, [dependency]: side } };
}

/** Files a breaker transition: note, gauge, and the monitoring record. */
function transitioned(state: ClientState, dependency: DependencyName, edge: EdgeId, data: BreakerData, out: Effect[]): ClientState {
  const record = data.context.edges[edge]!;
  const [from, to] = edge.split('>') as [BreakerStateName, BreakerStateName];
  out.push({ kind: 'note', tag: EDGE_TAGS[edge], text: `${dependency}'s breaker ${from} → ${to}: ${record.cause}`, data: { dependency, from, to } });
  metric(out, `${dependency}.breaker`, 'gauge', stateLevel(to));
  const transitions = [...state.transitions, { dependency, from, to, atMs: record.atMs, cause: record.cause }].slice(-TRANSITIONS_KEPT);
  const firstOpenedAtMs = to === 'OPEN' && state.firstOpenedAtMs[dependency] === null ? { ...state.firstOpenedAtMs, [dependency]: record.atMs } : state.firstOpenedAtMs;
  return { ...state, transitions, transitionCount: state.transitionCount + 1, firstOpenedAtMs };
}

function refused(out: Effect[], dependency: DependencyName, by: 'breaker' | 'bulkhead'): void {
  metric(out, `${dependency}.rejected-${by}`, 'count');
  metric(out, `${dependency}.ok`, 'sample', 0);
}

/** One call to `dependency`: breaker, then bulkhead, then out on the wire with a time limit. */
export function attempt(state: ClientState, dependency: DependencyName, ctx: NodeContext, out: Effect[]): ClientState {
  const config = state.config;
  let side = state.sides[dependency];
  if (config.breaker) {
    const step = stepBreaker(side.breaker, { type: 'ACQUIRE', nowMs: ctx.clockMs });
    if (step.data !== side.breaker) {
      side = { ...side, breaker: step.data };
      state = withSide(state, dependency, side);
      if (step.edge) state = transitioned(state, dependency, step.edge, step.data, out);
    }
    if (!step.permitted) {
      refused(out, dependency, 'breaker');
      return state;
    }
  }
  const pool = poolFor(state, dependency);
  if (pool.own + pool.others >= pool.size) {
    // The breaker's permit goes back: the call never happened (Resilience4j's releasePermission).
    const breaker = config.breaker ? stepBreaker(side.breaker, { type: 'RELEASE' }).data : side.breaker;
    const starved = !config.bulkheads && pool.others > pool.own;
    refused(out, dependency, 'bulkhead');
    if (starved) {
      metric(out, `${dependency}.healthy-failure`, 'count');
      const other = DEPENDENCIES.filter((d) => d !== dependency).join(' and ');
      if (!side.starved) out.push({ kind: 'note', tag: 'healthy-failure', text: `a call to ${dependency} found no free slot: ${other}'s calls held ${pool.others} of the ${pool.size} shared slots`, data: { dependency } });
    }
    if (breaker === side.breaker && starved === side.starved) return state;
    return withSide(state, dependency, { ...side, breaker, starved });
  }
  const spec = windowSpec(breakerConfig(config));
  const unprotected = judge(tally(side.record, spec, ctx.clockMs), effectiveMinimum(spec), config).over;
  if (unprotected) {
    metric(out, `${dependency}.unprotected`, 'count');
    if (!side.unprotected && !config.breaker) out.push({ kind: 'note', tag: 'unprotected-call', text: `a call went to ${dependency} although its last calls were over the thresholds: no breaker to stop it`, data: { dependency } });
  }
  const id = state.nextId;
  const call: CallMessage = { type: 'Call', id };
  out.push({ kind: 'send', to: serverOf(dependency, ctx), message: call });
  out.push({ kind: 'set-timer', timer: TIMEOUT + id, afterMs: config.timeoutMs, quiet: true });
  metric(out, `${dependency}.slots`, 'gauge', side.inUse + 1);
  return {
    ...withSide(state, dependency, { ...side, inUse: side.inUse + 1, starved: false, unprotected }),
    nextId: id + 1,
    calls: { ...state.calls, [id]: { dependency, startedMs: ctx.clockMs } },
  };
}

/** A call ends: answered (`failed` false or true) or timed out. */
export function finish(state: ClientState, id: string, failed: boolean, timedOut: boolean, ctx: NodeContext, out: Effect[]): ClientState {
  const call = state.calls[id];
  const { [id]: _gone, ...calls } = state.calls;
  const dependency = call.dependency;
  const config = state.config;
  const durationMs = ctx.clockMs - call.startedMs;
  const slow = isSlow(durationMs, config);
  let side = state.sides[dependency];
  side = { ...side, inUse: side.inUse - 1, record: recordOutcome(side.record, windowSpec(breakerConfig(config)), failed, slow, ctx.clockMs) };
  let next: ClientState = { ...state, calls };
  let edge: EdgeId | null = null;
  if (config.breaker) {
    const step = stepBreaker(side.breaker, { type: 'RECORD', nowMs: ctx.clockMs, durationMs, failed });
    side = { ...side, breaker: step.data };
    edge = step.edge;
  }
  next = withSide(next, dependency, side);
  if (edge) next = transitioned(next, dependency, edge, side.breaker, out);
  if (!timedOut) out.push({ kind: 'cancel-timer', timer: TIMEOUT + id });
  metric(out, `${dependency}.${failed ? 'failure' : slow ? 'slow' : 'success'}`, 'count');
  if (timedOut) metric(out, `${dependency}.timeout`, 'count');
  metric(out, `${dependency}.latency`, 'sample', durationMs);
  metric(out, `${dependency}.ok`, 'sample', failed ? 0 : 100);
  metric(out, `${dependency}.slots`, 'gauge', side.inUse);
  return next;
}

function started(config: ClientConfig, kept: Omit<ClientPersisted, 'config'>): Step<ClientState> {
  const state: ClientState = { config, nextId: 1, calls: {}, sides: freshSides(config), ...kept };
  const out: Effect[] = [];
  for (const dependency of DEPENDENCIES) {
    out.push(tickTimer(dependency, config));
    metric(out, `${dependency}.breaker`, 'gauge', 0);
    metric(out, `${dependency}.slots`, 'gauge', 0);
  }
  return [state, out];
}

/** New settings: the breakers start afresh if theirs changed (Resilience4j builds a new one). */
export function reconfigure(state: ClientState, config: ClientConfig, out: Effect[]): ClientState {
  if (!sameBreakerConfig(state.config, config) || state.config.breaker !== config.breaker) {
    const sides = { ...state.sides };
    for (const dependency of DEPENDENCIES) {
      sides[dependency] = { ...freshSide(config), inUse: state.sides[dependency].inUse };
      metric(out, `${dependency}.breaker`, 'gauge', 0);
    }
    out.push({ kind: 'note', tag: 'breaker-reset', text: config.breaker ? 'breakers rebuilt with the new settings: both start CLOSED' : 'breakers off: every call goes through' });
    return { ...state, config, sides };
  }
  return { ...state, config };
}

export const client: Protocol<ClientState, ClientPersisted> = {
  id: 'breaker-client',
  init(ctx) {
    return started(readClientConfig(ctx.params), { transitions: [], transitionCount: 0, firstOpenedAtMs: { A: null, B: null } });
  },
  onMessage(state, from, message: Message, ctx) {
    if (message.type !== 'Reply') return [state, []];
    const reply = message as ReplyMessage;
    const id = String(reply.id);
    const call = state.calls[id];
    if (!call) {
      // The answer to a call the client already gave up on: the dependency did the work for nobody.
      const dependency = dependencyAt(from, ctx);
      return [state, dependency ? [{ kind: 'metric', name: `${dependency}.late`, metric: 'count' }] : []];
    }
    const out: Effect[] = [];
    return [finish(state, id, !reply.ok, false, ctx, out), out];
  },
  onTimer(state, timer, ctx) {
    const out: Effect[] = [];
    if (timer.startsWith(TICK)) {
      const dependency = timer.slice(TICK.length) as DependencyName;
      if (!DEPENDENCIES.includes(dependency)) return [state, []];
      out.push(tickTimer(dependency, state.config));
      return [attempt(state, dependency, ctx, out), out];
    }
    if (timer.startsWith(TIMEOUT)) {
      const id = timer.slice(TIMEOUT.length);
      if (!state.calls[id]) return [state, []];
      return [finish(state, id, true, true, ctx, out), out];
    }
    return [state, []];
  },
  onControl(state, control) {
    if (control.do !== 'configure' || typeof control.config !== 'object' || control.config === null) return [state, []];
    const out: Effect[] = [];
    return [reconfigure(state, { ...state.config, ...(control.config as Partial<ClientConfig>) }, out), out];
  },
  persisted: ({ config, transitions, transitionCount, firstOpenedAtMs }) => ({ config, transitions, transitionCount, firstOpenedAtMs }),
  recover: ({ config, ...kept }) => started(config, kept),
  view(state): NodeView {
    const line = (d: DependencyName) => {
      const side = state.sides[d];
      const pool = poolFor(state, d);
      return `${d}: ${state.config.breaker ? side.breaker.value : 'no breaker'}, ${side.inUse}/${pool.size} slots`;
    };
    return {
      role: 'client',
      summary: DEPENDENCIES.map(line).join(' · '),
      badge: state.config.breaker ? DEPENDENCIES.map((d) => `${d} ${state.sides[d].breaker.value.replace('_', '-').toLowerCase()}`).join(', ') : 'no breaker',
      details: {
        'timeout ms': state.config.timeoutMs,
        bulkheads: state.config.bulkheads,
        breaker: state.config.breaker,
        'calls in flight': Object.keys(state.calls).length,
        'A breaker': state.sides.A.breaker.value,
        'B breaker': state.sides.B.breaker.value,
        'A slots': state.sides.A.inUse,
        'B slots': state.sides.B.inUse,
      },
    };
  },
};
