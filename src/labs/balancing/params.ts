// The balancing lab's parameters: the servers (speeds, workers, queue bound), the clients' load,
// the balancers' policy, the stale load reports' period, health checks and outlier ejection.
// `policy`, `healthCheck` and `outlierEjection` can change while a run goes on (the `configure`
// lab action); the rest are fixed per scenario.
import * as v from 'valibot';

export const POLICIES = ['round-robin', 'random', 'least-connections', 'least-loaded-stale', 'two-choices'] as const;
export type Policy = (typeof POLICIES)[number];
/** deep: the probe exercises the request path (a failing server fails it); shallow: it only asks
 * whether the process answers (a failing server passes it); off: no probes. */
export const HEALTH_CHECKS = ['deep', 'shallow', 'off'] as const;
export type HealthCheck = (typeof HEALTH_CHECKS)[number];

/** What may change while a run goes on. */
export interface BalancingSettings {
  policy: Policy;
  healthCheck: HealthCheck;
  outlierEjection: boolean;
}

export interface BalancingShape {
  /** Balancers in front of the servers; each client talks to one. */
  balancers: number;
  clients: number;
  /** New requests per second from all clients, as a fraction of the servers' total capacity. */
  load: number;
  /** A full-speed server's mean service time (exponentially distributed). */
  serviceMs: number;
  /** Requests a server works on at once. */
  workers: number;
  /** Requests a server holds waiting; an arrival beyond it is refused with an error. */
  queueLimit: number;
  /** The first `slowServers` servers take `slowFactor` times as long per request. */
  slowServers: number;
  slowFactor: number;
  /** Every server posts its load to every balancer at each multiple of this period (a bulletin
   * board refreshed every T ms, as in Mitzenmacher's model). */
  staleMs: number;
  probeMs: number;
  probeTimeoutMs: number;
  /** Consecutive failed probes that eject a server. */
  ejectAfter: number;
  /** How long outlier ejection keeps a server out. */
  ejectMs: number;
  /** A balancer fails a request it has not had an answer for in this long. */
  timeoutMs: number;
}

export type BalancingParams = BalancingSettings & BalancingShape;

export const BALANCING_DEFAULTS: BalancingParams = {
  policy: 'round-robin', healthCheck: 'deep', outlierEjection: false,
  balancers: 2, clients: 4, load: 0.9, serviceMs: 100, workers: 1, queueLimit: 200,
  slowServers: 1, slowFactor: 4, staleMs: 1000, probeMs: 500, probeTimeoutMs: 250, ejectAfter: 2, ejectMs: 5000, timeoutMs: 2000,
};

export const MAX_BALANCERS = 4;
export const MAX_CLIENTS = 8;

const int = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));

export const SETTINGS_SCHEMA = {
  policy: v.picklist(POLICIES),
  healthCheck: v.picklist(HEALTH_CHECKS),
  outlierEjection: v.boolean(),
};

export const PARAMS_SCHEMA = {
  ...SETTINGS_SCHEMA,
  balancers: int(1, MAX_BALANCERS),
  clients: int(1, MAX_CLIENTS),
  load: v.pipe(v.number(), v.minValue(0.05), v.maxValue(2)),
  serviceMs: int(5, 10_000),
  workers: int(1, 16),
  queueLimit: int(1, 10_000),
  slowServers: int(0, 32),
  slowFactor: int(1, 20),
  staleMs: int(10, 60_000),
  probeMs: int(50, 60_000),
  probeTimeoutMs: int(10, 60_000),
  ejectAfter: int(1, 10),
  ejectMs: int(100, 600_000),
  timeoutMs: int(50, 600_000),
};

const SETTING_KEYS = Object.keys(SETTINGS_SCHEMA) as (keyof BalancingSettings)[];

/** The run's params, each missing or mistyped one at its default (scenarios are validated before
 * they get here; this only fills gaps). */
export function readParams(params: Record<string, unknown>): BalancingParams {
  const out: Record<string, unknown> = { ...BALANCING_DEFAULTS };
  for (const [key, schema] of Object.entries(PARAMS_SCHEMA)) {
    if (v.is(schema, params[key])) out[key] = params[key];
  }
  return out as unknown as BalancingParams;
}

export function pickSettings(params: BalancingParams): BalancingSettings {
  return Object.fromEntries(SETTING_KEYS.map((key) => [key, params[key]])) as unknown as BalancingSettings;
}

/** A server's speed factor at the start: the first `slowServers` are `slowFactor` times slower. */
export function initialFactor(shape: Pick<BalancingShape, 'slowServers' | 'slowFactor'>, serverIndex: number): number {
  return serverIndex < shape.slowServers ? shape.slowFactor : 1;
}

/** Requests per second all servers finish at their starting speeds: what `load` is a share of. */
export function totalCapacity(shape: BalancingShape, servers: number): number {
  let sum = 0;
  for (let i = 0; i < servers; i++) sum += (shape.workers * 1000) / (shape.serviceMs * initialFactor(shape, i));
  return sum;
}

/** How long a failed server may stay in a balancer's pool under these settings: a probe round
 * starts within one period, `ejectAfter` rounds must fail, the last one after its timeout. */
export function detectionBoundMs(shape: Pick<BalancingShape, 'probeMs' | 'probeTimeoutMs' | 'ejectAfter'>): number {
  return (shape.ejectAfter + 1) * shape.probeMs + shape.probeTimeoutMs;
}

export const POLICY_LABELS: Record<Policy, string> = {
  'round-robin': 'round-robin',
  random: 'random',
  'least-connections': 'least connections (own in-flight counts)',
  'least-loaded-stale': 'least loaded (stale reports)',
  'two-choices': 'two random choices (stale reports)',
};

export function describeSettings(s: BalancingSettings): string {
  return `${POLICY_LABELS[s.policy]}, ${s.healthCheck === 'off' ? 'no health checks' : `${s.healthCheck} health checks`}${s.outlierEjection ? ', outlier ejection' : ''}`;
}
