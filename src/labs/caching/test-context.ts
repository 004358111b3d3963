// A node context for the lab's unit tests: app servers, one cache, one database, clients.
import { Prng, seedState } from '../../engine/prng';
import type { NodeContext } from '../../engine/types';

export function cachingContext(id: string, options: { params?: Record<string, unknown>; seed?: number; clockMs?: number } = {}): NodeContext {
  const { params = {}, seed = 1, clockMs = 0 } = options;
  const roster = { app: ['app1', 'app2'], cache: ['cache1'], db: ['db1'], client: ['c1', 'c2'] };
  const role = id.startsWith('app') ? 'app' : id.startsWith('cache') ? 'cache' : id.startsWith('db') ? 'db' : 'client';
  const counters: Record<string, number> = {};
  return {
    id, role, peers: roster[role].filter((peer) => peer !== id), roster, servers: roster.app, home: null, params, clockMs,
    rng: new Prng(seedState(seed, `node:${id}`)),
    next: (counter, start = 0) => (counters[counter] = (counters[counter] ?? start - 1) + 1),
    peek: (counter, start = 0) => (counters[counter] ?? start - 1) + 1,
  };
}
