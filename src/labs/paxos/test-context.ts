// A node context for the lab's unit tests: acceptors n1…nN, proposers p1…pM, learners l1…l2.
import { Prng, seedState } from '../../engine/prng';
import type { NodeContext } from '../../engine/types';

export function paxosContext(id: string, options: { acceptors?: number; proposers?: number; params?: Record<string, unknown>; seed?: number } = {}): NodeContext {
  const { acceptors = 5, proposers = 2, params = {}, seed = 1 } = options;
  const roster = {
    acceptor: Array.from({ length: acceptors }, (_, i) => `n${i + 1}`),
    proposer: Array.from({ length: proposers }, (_, i) => `p${i + 1}`),
    learner: ['l1', 'l2'],
  };
  const role = id.startsWith('n') ? 'acceptor' : id.startsWith('p') ? 'proposer' : 'learner';
  return {
    id, role, peers: roster[role].filter((peer) => peer !== id), roster, servers: roster.acceptor, home: null, params, clockMs: 0,
    rng: new Prng(seedState(seed, `node:${id}`)),
    next: () => 0,
    peek: () => 0,
  };
}
