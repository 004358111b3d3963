// Keys left stale past quiescence: the lab's measure of the cache-aside race. On a copy of the
// world, every client stops issuing operations, and the system runs on for SETTLE_MS — long
// enough for operations in flight to finish, invalidations to be retried, write-behind values to
// be flushed and any TTL up to that long to expire. A key is stale past quiescence when the cache
// then still holds a value for it other than the database's: nothing in the system will ever fix
// it (no TTL, or one longer than the wait) until someone writes that key again.
import { Simulation } from '../../engine/simulation';
import type { CacheState } from './cache';
import type { DatabaseState } from './database';
import { control } from './settings';

export const SETTLE_MS = 3000;

export interface StaleKey {
  key: string;
  cached: number | null;
  database: number | null;
  /** The database's version, and the cached value's (what the database held when it was read). */
  dbVersion: number;
  cachedVersion: number;
}

/** Compares a cache and a database: keys whose live cached value differs from the database's. */
export function staleKeys(cache: CacheState | null, db: DatabaseState | null, nowMs: number): StaleKey[] {
  if (cache === null || db === null) return [];
  const out: StaleKey[] = [];
  for (const [key, entry] of Object.entries(cache.entries).sort(([a], [b]) => a.localeCompare(b))) {
    if (entry.expiresAtMs !== null && entry.expiresAtMs <= nowMs) continue;
    const record = db.data[key] ?? { value: null, version: 0 };
    if (entry.value !== record.value) out.push({ key, cached: entry.value, database: record.value, dbVersion: record.version, cachedVersion: entry.version });
  }
  return out;
}

function stateOf<S>(sim: Simulation, role: string): S | null {
  const id = sim.world.roster[role]?.[0];
  const node = id ? sim.world.nodes[id] : undefined;
  return node?.up ? (node.state as S) : null;
}

export function cacheState(sim: Simulation): CacheState | null {
  return stateOf<CacheState>(sim, 'cache');
}

export function databaseState(sim: Simulation): DatabaseState | null {
  return stateOf<DatabaseState>(sim, 'db');
}

/** The keys still stale after the clients stop and the system settles, on a copy of the world. */
export function staleAfterQuiescence(sim: Simulation): StaleKey[] {
  const copy = new Simulation(sim.system, structuredClone(sim.world), [], false);
  for (const id of copy.world.roster.client ?? []) if (copy.world.nodes[id].up) control(copy, id, { do: 'quiesce' });
  copy.runUntil(copy.world.timeMs + SETTLE_MS, Infinity, false);
  return staleKeys(cacheState(copy), databaseState(copy), copy.world.timeMs);
}
