// The caching lab's parameters: valibot schemas, defaults, and a reader that fills gaps. The
// settings (strategy, TTL, invalidation and the guards) can change while a run goes on (the
// `configure` lab action) and live in every actor's state; the shape of the workload is fixed.
import * as v from 'valibot';

export const STRATEGIES = ['cache-aside', 'read-through', 'write-through', 'write-behind'] as const;
export type Strategy = (typeof STRATEGIES)[number];
/** How a write reaches the cache in cache-aside and read-through: delete the key after the
 * database write (with the database's commit-log tailer as a backstop), overwrite it with the new
 * value, leave it to the TTL, or — the broken rule — delete it before writing the database. */
export const INVALIDATIONS = ['delete', 'update', 'none', 'delete-first'] as const;
export type Invalidation = (typeof INVALIDATIONS)[number];
/** The sound choices the side panel offers (the last one is a rule to break). */
export const SOUND_INVALIDATIONS = ['delete', 'update', 'none'] as const;

/** What may change while a run goes on. */
export interface CacheSettings {
  strategy: Strategy;
  /** Time to live of a cached value; 0: none (a value stays until it is deleted or replaced). */
  ttlMs: number;
  invalidation: Invalidation;
  /** Memcache leases: a miss hands out a token, a delete voids it, a fill without a live token is refused. */
  leases: boolean;
  /** Versioned sets: the cache refuses a value older than one it holds or deleted. */
  versioned: boolean;
  /** One database fetch per key at a time: other readers are told to wait and ask again. */
  coalescing: boolean;
  /** XFetch: a reader refreshes a value early, with a chance that grows as its expiry nears. */
  xfetch: boolean;
  /** The share of fills in percent during which the app server stalls (a GC pause) between
   * reading the database and filling the cache. */
  slowFillPercent: number;
}

export interface CachingParams extends CacheSettings {
  /** A client's think time between operations. */
  opEveryMs: [number, number];
  writePercent: number;
  /** The share of operations on the hot key (the rest spread over the cold keys). */
  hotPercent: number;
  keys: number;
  /** How long the database takes to serve one read or write. */
  dbMs: [number, number];
  /** How long a slow fill stalls. */
  slowFillMs: [number, number];
  /** Write-behind: how often the cache writes its dirty values to the database. */
  flushEveryMs: number;
  /** How long a client waits for an answer before it records the outcome as unknown. */
  clientTimeoutMs: number;
}

export const CACHING_DEFAULTS: CachingParams = {
  strategy: 'cache-aside', ttlMs: 0, invalidation: 'delete', leases: false, versioned: false, coalescing: false, xfetch: false, slowFillPercent: 10,
  opEveryMs: [20, 60], writePercent: 20, hotPercent: 50, keys: 4,
  dbMs: [20, 60], slowFillMs: [80, 300], flushEveryMs: 1000, clientTimeoutMs: 1000,
};

const int = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
const range = (min: number, max: number) => v.pipe(v.tuple([int(min, max), int(min, max)]), v.check(([low, high]) => low <= high, 'the first number must not exceed the second'));

export const SETTINGS_SCHEMA = {
  strategy: v.picklist(STRATEGIES),
  ttlMs: int(0, 600_000),
  invalidation: v.picklist(INVALIDATIONS),
  leases: v.boolean(),
  versioned: v.boolean(),
  coalescing: v.boolean(),
  xfetch: v.boolean(),
  slowFillPercent: int(0, 100),
};

export const PARAMS_SCHEMA = {
  ...SETTINGS_SCHEMA,
  opEveryMs: range(1, 60_000),
  writePercent: int(0, 100),
  hotPercent: int(0, 100),
  keys: int(1, 8),
  dbMs: range(1, 10_000),
  slowFillMs: range(1, 10_000),
  flushEveryMs: int(10, 60_000),
  clientTimeoutMs: int(50, 60_000),
};

const SETTING_KEYS = Object.keys(SETTINGS_SCHEMA) as (keyof CacheSettings)[];

/** The run's params, each missing or mistyped one at its default. */
export function readParams(params: Record<string, unknown>): CachingParams {
  const out: Record<string, unknown> = { ...CACHING_DEFAULTS };
  for (const [key, schema] of Object.entries(PARAMS_SCHEMA)) if (v.is(schema, params[key])) out[key] = params[key];
  return out as unknown as CachingParams;
}

export function pickSettings(params: CacheSettings): CacheSettings {
  return Object.fromEntries(SETTING_KEYS.map((key) => [key, params[key]])) as unknown as CacheSettings;
}

/** The workload's keys: the hot one first. */
export function keyNames(count: number): string[] {
  return ['hot', ...Array.from({ length: count - 1 }, (_, i) => `k${i + 1}`)];
}

/** Whether the app server (not the cache) reads the database on a miss. */
export const appFills = (s: CacheSettings) => s.strategy === 'cache-aside';
/** Whether writes go through the cache (write-through, write-behind) rather than to the database. */
export const writesViaCache = (s: CacheSettings) => s.strategy === 'write-through' || s.strategy === 'write-behind';
/** Whether the database's commit-log tailer deletes changed keys from the cache. */
export const tailerDeletes = (s: CacheSettings) => !writesViaCache(s) && s.invalidation === 'delete';

export function describeSettings(s: CacheSettings): string {
  const parts = [s.strategy, s.ttlMs > 0 ? `TTL ${s.ttlMs / 1000} s` : 'no TTL'];
  if (!writesViaCache(s)) parts.push(s.invalidation === 'none' ? 'TTL-only invalidation' : s.invalidation === 'delete-first' ? 'delete before the database write' : `invalidate by ${s.invalidation}`);
  if (s.leases) parts.push('leases');
  if (s.versioned) parts.push('versioned sets');
  if (s.coalescing) parts.push('request coalescing');
  if (s.xfetch) parts.push('early expiration (XFetch)');
  return parts.join(', ');
}
