// The breaker lab's parameters: the client's resilience settings (breaker, bulkheads, timeout,
// load), the dependencies' latencies, and the default incident (B turns slow at 1 s for 4 s).
import * as v from 'valibot';
import type { BreakerConfig } from './breaker.machine';

export const DEPENDENCIES = ['A', 'B'] as const;
export type DependencyName = (typeof DEPENDENCIES)[number];

export const MODES = ['healthy', 'slow', 'failing'] as const;
export type DependencyMode = (typeof MODES)[number];

/** What the client is configured with; the `configure` lab action changes any of it at run time. */
export interface ClientConfig extends BreakerConfig {
  /** Calls per second to each dependency. */
  callsPerSec: number;
  /** The time limiter: a call not answered by then fails (and frees its slot). */
  timeoutMs: number;
  /** On: a pool of `bulkheadSize` slots per dependency. Off: one pool of `sharedPoolSize` for all. */
  bulkheads: boolean;
  bulkheadSize: number;
  sharedPoolSize: number;
  /** Off: every call goes through (the window is still measured, for the checks). */
  breaker: boolean;
}

export const CLIENT_DEFAULTS: ClientConfig = {
  callsPerSec: 20,
  timeoutMs: 1000,
  bulkheads: true,
  bulkheadSize: 5,
  sharedPoolSize: 10,
  breaker: true,
  window: 'count',
  windowSize: 10,
  minimumCalls: 5,
  failureRatePct: 50,
  slowCallRatePct: 50,
  slowCallMs: 500,
  waitInOpenMs: 1000,
  halfOpenCalls: 3,
};

export interface DependencyParams {
  healthyLatencyMs: [number, number];
  slowLatencyMs: [number, number];
  failingLatencyMs: [number, number];
  /** What happens to B at `incidentAtMs` for `incidentMs` (0: until someone changes it). */
  incident: 'none' | 'slow' | 'failing';
  incidentAtMs: number;
  incidentMs: number;
}

export const DEPENDENCY_DEFAULTS: DependencyParams = {
  healthyLatencyMs: [10, 40],
  slowLatencyMs: [1500, 2500],
  failingLatencyMs: [5, 20],
  incident: 'slow',
  incidentAtMs: 1000,
  incidentMs: 4000,
};

const int = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
const range = v.pipe(
  v.tuple([int(1, 60_000), int(1, 60_000)]),
  v.check(([low, high]) => low <= high, 'the first bound must not exceed the second'),
);

/** The settings a person may change while a run goes on (also the scenario params of the same name). */
export const CLIENT_SCHEMAS = {
  callsPerSec: int(1, 100),
  timeoutMs: int(10, 10_000),
  bulkheads: v.boolean(),
  bulkheadSize: int(1, 50),
  sharedPoolSize: int(1, 100),
  breaker: v.boolean(),
  window: v.picklist(['count', 'time']),
  windowSize: int(1, 100),
  minimumCalls: int(1, 100),
  failureRatePct: int(1, 100),
  slowCallRatePct: int(1, 100),
  slowCallMs: int(1, 60_000),
  waitInOpenMs: int(1, 60_000),
  halfOpenCalls: int(1, 50),
};

export const PARAM_SCHEMAS = {
  ...CLIENT_SCHEMAS,
  healthyLatencyMs: range,
  slowLatencyMs: range,
  failingLatencyMs: range,
  incident: v.picklist(['none', 'slow', 'failing']),
  incidentAtMs: int(0, 3_600_000),
  incidentMs: int(0, 3_600_000),
};

export const PARAM_DEFAULTS: Record<string, unknown> = { ...CLIENT_DEFAULTS, ...DEPENDENCY_DEFAULTS };

function pick<T extends object>(defaults: T, params: Record<string, unknown>): T {
  const out = { ...defaults } as Record<string, unknown>;
  for (const key of Object.keys(defaults)) {
    const value = params[key];
    if (value !== undefined && typeof value === typeof out[key]) out[key] = value;
  }
  return out as T;
}

export function readClientConfig(params: Record<string, unknown>): ClientConfig {
  return pick(CLIENT_DEFAULTS, params);
}

export function readDependencyParams(params: Record<string, unknown>): DependencyParams {
  return pick(DEPENDENCY_DEFAULTS, params);
}

/** The breaker part of a client's settings. */
export function breakerConfig(config: ClientConfig): BreakerConfig {
  const { window, windowSize, minimumCalls, failureRatePct, slowCallRatePct, slowCallMs, waitInOpenMs, halfOpenCalls } = config;
  return { window, windowSize, minimumCalls, failureRatePct, slowCallRatePct, slowCallMs, waitInOpenMs, halfOpenCalls };
}

export function sameBreakerConfig(a: ClientConfig, b: ClientConfig): boolean {
  const x = breakerConfig(a);
  const y = breakerConfig(b);
  return (Object.keys(x) as (keyof BreakerConfig)[]).every((key) => x[key] === y[key]);
}

/** The dependency a server id stands for: the first is A, the second B. */
export function dependencyOf(index: number): DependencyName {
  return DEPENDENCIES[Math.min(index, DEPENDENCIES.length - 1)];
}
