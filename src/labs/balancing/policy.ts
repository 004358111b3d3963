// The balancing policies, as one pure choice: given the servers a balancer may use, what it knows
// of each, and its random stream, which server gets the next request.
// - round-robin: the next server after the last one chosen, in a fixed order.
// - random: any server, uniformly.
// - least-connections: the fewest requests this balancer is waiting on (fresh, but only its own).
// - least-loaded-stale: the lowest load on the board — each server's last report, up to `staleMs`
//   old — ties broken at random. Every request until the next report goes to the same server(s).
// - two-choices: two distinct servers at random, the one with the lower reported load (the same
//   stale board): the least loaded rarely gets more than its share, because it is only one of the
//   two candidates for about 2/n of the requests (Mitzenmacher 2000).
import type { RandomSource } from '../../engine/types';
import type { Policy } from './params';

export interface ChoiceInput {
  /** Every server, in the fixed order round-robin walks. */
  servers: readonly string[];
  /** Which of them the balancer may use now (not ejected). */
  usable: (server: string) => boolean;
  /** Requests this balancer has sent to each and not yet had answered. */
  outstanding: Readonly<Record<string, number>>;
  /** Each server's last reported load (0 before its first report). */
  reported: Readonly<Record<string, number>>;
  /** Round-robin's position: the index of the server it chose last. */
  cursor: number;
}

export interface Choice {
  server: string | null;
  cursor: number;
}

/** The usable server with the least `score`, ties broken uniformly at random. */
function leastBy(candidates: readonly string[], score: (server: string) => number, rng: RandomSource): string {
  let best = Infinity;
  let ties: string[] = [];
  for (const server of candidates) {
    const s = score(server);
    if (s < best) {
      best = s;
      ties = [server];
    } else if (s === best) ties.push(server);
  }
  return ties.length === 1 ? ties[0] : ties[rng.int(ties.length)];
}

export function choose(policy: Policy, input: ChoiceInput, rng: RandomSource): Choice {
  const { servers, usable, cursor } = input;
  if (policy === 'round-robin') {
    for (let step = 1; step <= servers.length; step++) {
      const index = (cursor + step) % servers.length;
      if (usable(servers[index])) return { server: servers[index], cursor: index };
    }
    return { server: null, cursor };
  }
  const candidates = servers.filter(usable);
  if (candidates.length === 0) return { server: null, cursor };
  const outstanding = (server: string) => input.outstanding[server] ?? 0;
  const reported = (server: string) => input.reported[server] ?? 0;
  switch (policy) {
    case 'random':
      return { server: candidates[rng.int(candidates.length)], cursor };
    case 'least-connections':
      return { server: leastBy(candidates, outstanding, rng), cursor };
    case 'least-loaded-stale':
      return { server: leastBy(candidates, reported, rng), cursor };
    case 'two-choices': {
      if (candidates.length === 1) return { server: candidates[0], cursor };
      const first = rng.int(candidates.length);
      // A second, distinct server: draw among the others and skip over the first.
      let second = rng.int(candidates.length - 1);
      if (second >= first) second++;
      const [a, b] = [candidates[first], candidates[second]];
      return { server: reported(b) < reported(a) ? b : a, cursor };
    }
  }
}
