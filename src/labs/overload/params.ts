// The overload lab's parameters: the service (servers × workers × service time, queue bound), the
// clients (load, per-attempt timeout, retry policy, budget, breaker), the server's defences
// (shedding, queue order) and the scheduled trigger (a slowdown of every server). Some settings
// can change while a run goes on (the `configure` lab action); the rest are fixed per scenario.
import * as v from 'valibot';

export const RETRY_POLICIES = ['none', 'aggressive', 'backoff', 'backoff-jitter'] as const;
export type RetryPolicy = (typeof RETRY_POLICIES)[number];
/** 'deadline-on-arrival' is the rule to break: deadlines checked only when a request arrives,
 * so one that expires while it waits in the queue is still served. */
export const SHED_POLICIES = ['none', 'queue-length', 'deadline', 'deadline-on-arrival'] as const;
export type ShedPolicy = (typeof SHED_POLICIES)[number];
/** The policies a class is offered as fixes (the last one breaks a rule on purpose). */
export const SOUND_SHED_POLICIES = ['none', 'queue-length', 'deadline'] as const;

/** Whether the servers drop requests by their deadline (soundly or not). */
export function shedsByDeadline(shed: ShedPolicy): boolean {
  return shed === 'deadline' || shed === 'deadline-on-arrival';
}
export const QUEUE_ORDERS = ['fifo', 'adaptive-lifo'] as const;
export type QueueOrder = (typeof QUEUE_ORDERS)[number];

/** What may change while a run goes on (the `configure` lab action). */
export interface OverloadSettings {
  /** New requests per second from all clients together, as a fraction of the service's capacity. */
  load: number;
  retry: RetryPolicy;
  /** Attempts after the first before a request is given up. */
  retries: number;
  /** The first backoff; each later one twice as long (capped at 32 times this). */
  backoffMs: number;
  /** gRPC-style retry throttling: each success earns this many tokens, each failed attempt costs
   * one, and a client retries only while its bucket is more than half full. 'off': no budget. */
  budget: number | 'off';
  shed: ShedPolicy;
  order: QueueOrder;
  /** A client-side circuit breaker: fail fast for a while when most recent attempts failed. */
  breaker: boolean;
}

/** Fixed for a run. */
export interface OverloadShape {
  /** Requests a server works on at once. */
  workers: number;
  serviceMs: number;
  /** Requests a server holds waiting; an arrival beyond it is refused. */
  queueLimit: number;
  /** The client's timeout per attempt; it travels with the request as its deadline. */
  timeoutMs: number;
  /** Queue-length shedding refuses arrivals beyond this many waiting (and adaptive LIFO switches
   * to newest-first beyond it). */
  shedAt: number;
  /** The scheduled trigger: every server slows down `slowdown` times for `triggerForMs`, starting
   * at `triggerAtMs` (0 ms long: no trigger). */
  triggerAtMs: number;
  triggerForMs: number;
  slowdown: number;
}

export type OverloadParams = OverloadSettings & OverloadShape;

export const OVERLOAD_DEFAULTS: OverloadParams = {
  load: 0.85, retry: 'aggressive', retries: 3, backoffMs: 50, budget: 'off', shed: 'none', order: 'fifo', breaker: false,
  workers: 2, serviceMs: 40, queueLimit: 25, timeoutMs: 250, shedAt: 8,
  triggerAtMs: 2000, triggerForMs: 2000, slowdown: 4,
};

const int = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
const ms = (min: number) => int(min, 60_000);

export const SETTINGS_SCHEMA = {
  load: v.pipe(v.number(), v.minValue(0.05), v.maxValue(3)),
  retry: v.picklist(RETRY_POLICIES),
  retries: int(0, 10),
  backoffMs: ms(1),
  budget: v.union([v.literal('off'), v.pipe(v.number(), v.minValue(0.01), v.maxValue(1))]),
  shed: v.picklist(SHED_POLICIES),
  order: v.picklist(QUEUE_ORDERS),
  breaker: v.boolean(),
};

export const PARAMS_SCHEMA = {
  ...SETTINGS_SCHEMA,
  workers: int(1, 16),
  serviceMs: ms(1),
  queueLimit: int(1, 1000),
  timeoutMs: ms(10),
  shedAt: int(1, 1000),
  triggerAtMs: ms(0),
  triggerForMs: ms(0),
  slowdown: int(1, 20),
};

const SETTING_KEYS = Object.keys(SETTINGS_SCHEMA) as (keyof OverloadSettings)[];

/** Read once per run: actors ask on every event, and a run's params object never changes. */
const readCache = new WeakMap<Record<string, unknown>, OverloadParams>();

/** The run's params, each missing or mistyped one at its default (scenarios are validated
 * before they get here; this only fills gaps). */
export function readParams(params: Record<string, unknown>): OverloadParams {
  const cached = readCache.get(params);
  if (cached) return cached;
  const out: Record<string, unknown> = { ...OVERLOAD_DEFAULTS };
  for (const [key, schema] of Object.entries(PARAMS_SCHEMA)) {
    if (v.is(schema, params[key])) out[key] = params[key];
  }
  const read = Object.freeze(out) as unknown as OverloadParams;
  readCache.set(params, read);
  return read;
}

export function pickSettings(params: OverloadParams): OverloadSettings {
  return Object.fromEntries(SETTING_KEYS.map((key) => [key, params[key]])) as unknown as OverloadSettings;
}

/** Requests per second one server finishes at full speed. */
export function serverCapacity(shape: Pick<OverloadShape, 'workers' | 'serviceMs'>): number {
  return (shape.workers * 1000) / shape.serviceMs;
}

/** Requests per second the whole service finishes at full speed: what goodput is measured against. */
export function serviceCapacity(shape: Pick<OverloadShape, 'workers' | 'serviceMs'>, servers: number): number {
  return servers * serverCapacity(shape);
}

export function describeSettings(s: OverloadSettings): string {
  const retry = s.retry === 'none' ? 'no retries' : `${s.retry} retries (up to ${s.retries})`;
  const parts = [`load ${Math.round(s.load * 100)}% of capacity`, retry];
  if (s.budget !== 'off') parts.push(`retry budget ${s.budget}`);
  if (s.shed !== 'none') parts.push(`${s.shed} shedding`);
  if (s.order !== 'fifo') parts.push('adaptive LIFO');
  if (s.breaker) parts.push('circuit breaker');
  return parts.join(', ');
}
