// The breaker lab's part of a frame, read from engine state and whole-run metric totals in the
// worker: each dependency's breaker (state, window, the cause of each edge's last firing), its
// pool, what it is doing, and the checks' counts — healthy calls that failed because of the other
// dependency (a shared pool), and calls let into a dependency whose record was over the thresholds.
import { metricTotal } from '../../engine/metrics';
import type { Simulation } from '../../engine/simulation';
import type { NodeId } from '../../engine/types';
import { EDGES, trialSpec, windowSpec, type BreakerStateName, type EdgeId } from './breaker.machine';
import type { ClientState, TransitionRecord } from './client';
import { CLIENT_ROLE, currentConfig, dependencyNode } from './controls';
import type { DependencyState } from './dependency';
import { breakerConfig, DEPENDENCIES, type ClientConfig, type DependencyMode, type DependencyName } from './params';
import { effectiveMinimum, judge, percent, tally } from './sliding-window';

export interface EdgeView {
  id: EdgeId;
  from: BreakerStateName;
  to: BreakerStateName;
  /** Why it last fired (the breaker's own record), or null if it never has. */
  cause: string | null;
  atMs: number | null;
  times: number;
}

export interface Totals {
  success: number;
  slow: number;
  failure: number;
  timeout: number;
  rejectedBreaker: number;
  rejectedBulkhead: number;
  healthyFailures: number;
  unprotected: number;
  late: number;
}

export interface DependencyView {
  dependency: DependencyName;
  node: NodeId;
  up: boolean;
  /** The dependency's mode, or null while it is down. */
  mode: DependencyMode | null;
  /** Calls the dependency is working on (some of them the client gave up on). */
  busy: number;
  /** The breaker's state; null when the breaker is off or the client is down. */
  state: BreakerStateName | null;
  edges: EdgeView[];
  last: EdgeId | null;
  /** What the breaker's current window holds (HALF_OPEN: the trial calls). */
  window: { calls: number; failed: number; slow: number; failurePct: number; slowPct: number; minimum: number; over: boolean };
  /** OPEN: when the wait ends; HALF_OPEN: trial permits left. */
  openUntilMs: number | null;
  permitsLeft: number | null;
  /** Slots its calls hold, and the size of the pool they come from. */
  inUse: number;
  poolSize: number;
  totals: Totals;
}

export interface BreakerView {
  client: NodeId | null;
  clientUp: boolean;
  config: ClientConfig;
  dependencies: DependencyView[];
  /** Whole run: healthy calls refused a shared slot held mostly by the other dependency. */
  healthyFailures: number;
  /** Whole run: calls let into a dependency whose last calls were over the thresholds. */
  unprotectedCalls: number;
  transitions: TransitionRecord[];
  transitionCount: number;
}

const TRANSITIONS_SHOWN = 8;

export function totalsOf(sim: Simulation, dependency: DependencyName): Totals {
  const total = (name: string) => metricTotal(sim.world.metrics, `${dependency}.${name}`, 'rate');
  return {
    success: total('success'), slow: total('slow'), failure: total('failure'), timeout: total('timeout'),
    rejectedBreaker: total('rejected-breaker'), rejectedBulkhead: total('rejected-bulkhead'),
    healthyFailures: total('healthy-failure'), unprotected: total('unprotected'), late: total('late'),
  };
}

export function clientState(sim: Simulation): { id: NodeId | null; up: boolean; state: ClientState | null } {
  const id = sim.world.roster[CLIENT_ROLE]?.[0] ?? null;
  const node = id ? sim.world.nodes[id] : undefined;
  return { id, up: node?.up ?? false, state: node?.up ? (node.state as ClientState) : null };
}

const NO_WINDOW = { calls: 0, failed: 0, slow: 0, failurePct: 0, slowPct: 0, minimum: 0, over: false };

function dependencyView(sim: Simulation, dependency: DependencyName, client: ClientState | null, config: ClientConfig, nowMs: number): DependencyView {
  const node = dependencyNode(sim, dependency);
  const record = sim.world.nodes[node];
  const dep = record?.up ? (record.state as DependencyState) : null;
  const side = client?.sides[dependency] ?? null;
  const breaker = side && config.breaker ? side.breaker : null;
  const edges = EDGES.map((edge) => {
    const fired = breaker?.context.edges[edge.id];
    return { ...edge, cause: fired?.cause ?? null, atMs: fired?.atMs ?? null, times: fired?.times ?? 0 };
  });
  let window = NO_WINDOW;
  if (breaker && breaker.value !== 'OPEN') {
    const spec = breaker.value === 'HALF_OPEN' ? trialSpec(breaker.context.config) : windowSpec(breaker.context.config);
    const j = judge(tally(breaker.context.window, spec, nowMs), effectiveMinimum(spec), breaker.context.config);
    window = { calls: j.calls, failed: j.failed, slow: j.slow, failurePct: percent(j.failed, j.calls), slowPct: percent(j.slow, j.calls), minimum: effectiveMinimum(spec), over: j.over };
  }
  const shared = !config.bulkheads;
  return {
    dependency, node, up: record?.up ?? false, mode: dep?.mode ?? null, busy: dep ? Object.keys(dep.working).length : 0,
    state: breaker?.value ?? null,
    edges,
    last: breaker?.context.last ?? null,
    window,
    openUntilMs: breaker?.value === 'OPEN' ? breaker.context.openedAtMs + breaker.context.config.waitInOpenMs : null,
    permitsLeft: breaker?.value === 'HALF_OPEN' ? breaker.context.permitsLeft : null,
    inUse: side?.inUse ?? 0,
    poolSize: shared ? config.sharedPoolSize : config.bulkheadSize,
    totals: totalsOf(sim, dependency),
  };
}

export function summarize(sim: Simulation): BreakerView {
  const client = clientState(sim);
  const config = client.state?.config ?? currentConfig(sim);
  // The breaker reads time on the client's own clock.
  const nowMs = sim.world.timeMs + (client.id ? sim.world.nodes[client.id].clockSkewMs : 0);
  const dependencies = DEPENDENCIES.map((d) => dependencyView(sim, d, client.state, config, nowMs));
  return {
    client: client.id,
    clientUp: client.up,
    config,
    dependencies,
    healthyFailures: dependencies.reduce((sum, d) => sum + d.totals.healthyFailures, 0),
    unprotectedCalls: dependencies.reduce((sum, d) => sum + d.totals.unprotected, 0),
    transitions: client.state?.transitions.slice(-TRANSITIONS_SHOWN) ?? [],
    transitionCount: client.state?.transitionCount ?? 0,
  };
}

export function breakerProjection(): (sim: Simulation) => BreakerView {
  return summarize;
}

/** The breaker settings as one line ("count window of 10 calls, min 5, failure ≥ 50%, …"). */
export function describeBreaker(config: ClientConfig): string {
  const b = breakerConfig(config);
  const window = b.window === 'count' ? `last ${b.windowSize} calls` : `last ${b.windowSize} s`;
  return `window: ${window}, at least ${b.minimumCalls}; open at failures ≥ ${b.failureRatePct}% or slow (> ${b.slowCallMs} ms) ≥ ${b.slowCallRatePct}%; wait ${b.waitInOpenMs} ms; ${b.halfOpenCalls} trial calls`;
}
