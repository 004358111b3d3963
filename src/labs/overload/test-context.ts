// A hand-driven actor context for the overload lab's protocol tests: its clock is set by the test.
import { Prng } from '../../engine/prng';
import type { NodeContext } from '../../engine/types';
import { OVERLOAD_DEFAULTS } from './params';

export function testContext(id: string, role: string, params: Record<string, unknown> = {}, seed = 1): NodeContext {
  const counters: Record<string, number> = {};
  return {
    id, role, peers: [], roster: { server: ['n1', 'n2'], client: ['c1', 'c2', 'c3', 'c4'] }, servers: ['n1', 'n2'], home: null,
    params: { ...OVERLOAD_DEFAULTS, ...params }, clockMs: 0, rng: Prng.fromSeed(seed, id),
    next: (counter, start = 0) => {
      const value = counters[counter] ?? start;
      counters[counter] = value + 1;
      return value;
    },
    peek: (counter, start = 0) => counters[counter] ?? start,
  };
}
