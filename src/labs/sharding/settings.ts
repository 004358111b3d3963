// The sharding lab's parameters. The partitioning scheme, the key space, the load and the shard
// speed are fixed per run; the workload's shape (hot key, salting, sequential inserts, scans) can
// change while it runs (the `configure` lab action), as an operator or a new release would.
import * as v from 'valibot';

export const SCHEMES = ['range', 'hash'] as const;
export type Scheme = (typeof SCHEMES)[number];
export const PATTERNS = ['zipf', 'sequential'] as const;
export type Pattern = (typeof PATTERNS)[number];
export const MISROUTED = ['redirect', 'reject'] as const;
export type Misrouted = (typeof MISROUTED)[number];

/** What may change while a run goes on. */
export interface WorkloadSettings {
  /** Percent of requests that go to the one hot key (0: none). */
  hotShare: number;
  /** The hot key is split into this many sub-keys (1: not salted). */
  salt: number;
  /** zipf: writes overwrite existing keys; sequential: writes insert new, ever larger keys (time-ordered ids). */
  pattern: Pattern;
  /** Percent of requests that are range scans. */
  scanShare: number;
}

export interface ShardingParams extends WorkloadSettings {
  scheme: Scheme;
  /** Keys preloaded, numbered 0…keys-1. */
  keys: number;
  /** The Zipf exponent of key popularity (0: uniform). */
  skew: number;
  /** New requests per second from each client. */
  rate: number;
  /** A shard's work per request, one at a time: 1000/serviceMs requests per second. */
  serviceMs: number;
  /** Keys one scan reads, in key order. */
  scanLength: number;
  /** The router splits its hottest range and moves half to the least busy shard at this time (0: never). */
  rebalanceAtMs: number;
  /** A request reaching a shard that no longer serves its key: redirected (sound) or refused (the broken rule). */
  misrouted: Misrouted;
  /** The broken rule: a shard serves a range it gained at once, before the old owner's data arrives. */
  serveEarly: boolean;
}

export const LIMITS = { keys: 4096, salt: 8, rate: 400, ranges: 64 } as const;

export const SHARDING_DEFAULTS: ShardingParams = {
  scheme: 'range', keys: 256, skew: 0.99, rate: 60, serviceMs: 8, scanLength: 16, rebalanceAtMs: 1500,
  hotShare: 0, salt: 1, pattern: 'zipf', scanShare: 10, misrouted: 'redirect', serveEarly: false,
};

const int = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));

export const SETTINGS_SCHEMA = {
  hotShare: int(0, 90),
  salt: int(1, LIMITS.salt),
  pattern: v.picklist(PATTERNS),
  scanShare: int(0, 50),
};

export const PARAMS_SCHEMA = {
  ...SETTINGS_SCHEMA,
  scheme: v.picklist(SCHEMES),
  keys: int(64, LIMITS.keys),
  skew: v.pipe(v.number(), v.minValue(0), v.maxValue(2)),
  rate: int(1, LIMITS.rate),
  serviceMs: int(1, 1000),
  scanLength: int(1, 256),
  rebalanceAtMs: int(0, 600_000),
  misrouted: v.picklist(MISROUTED),
  serveEarly: v.boolean(),
};

const readCache = new WeakMap<Record<string, unknown>, ShardingParams>();

/** The run's params, each missing or mistyped one at its default; read once per run (actors ask
 * on every event, and a run's params object never changes). */
export function readParams(params: Record<string, unknown>): ShardingParams {
  const cached = readCache.get(params);
  if (cached) return cached;
  const out: Record<string, unknown> = { ...SHARDING_DEFAULTS };
  for (const [key, schema] of Object.entries(PARAMS_SCHEMA)) if (v.is(schema, params[key])) out[key] = params[key];
  const read = Object.freeze(out) as unknown as ShardingParams;
  readCache.set(params, read);
  return read;
}

export function pickSettings(params: ShardingParams): WorkloadSettings {
  return { hotShare: params.hotShare, salt: params.salt, pattern: params.pattern, scanShare: params.scanShare };
}

export function describeSettings(s: WorkloadSettings): string {
  const parts = [s.pattern === 'sequential' ? 'writes insert sequential keys' : 'writes overwrite Zipf-popular keys', `${s.scanShare}% scans`];
  if (s.hotShare > 0) parts.push(`${s.hotShare}% of requests on the hot key${s.salt > 1 ? `, salted into ${s.salt} sub-keys` : ''}`);
  return parts.join(', ');
}
