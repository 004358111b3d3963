// A node context for the lab's unit tests: servers n1 (the coordinator) … nN, clients and readers.
import { Prng, seedState } from '../../engine/prng';
import type { NodeContext } from '../../engine/types';

export function txContext(id: string, options: { servers?: number; params?: Record<string, unknown>; seed?: number } = {}): NodeContext {
  const { servers = 4, params = {}, seed = 1 } = options;
  const roster = { server: Array.from({ length: servers }, (_, i) => `n${i + 1}`), client: ['c1', 'c2'], reader: ['r1', 'r2'] };
  const role = id.startsWith('n') ? 'server' : id.startsWith('c') ? 'client' : 'reader';
  return {
    id, role, peers: roster[role].filter((peer) => peer !== id), roster, servers: roster.server, home: null, params, clockMs: 0,
    rng: new Prng(seedState(seed, `node:${id}`)),
    next: () => 0,
    peek: () => 0,
  };
}
