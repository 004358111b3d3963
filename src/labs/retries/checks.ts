// What the retries lab adds to a frame, computed in the worker from engine state: the settings in
// force, the clients' counts summed, the account's ledger findings (orders charged twice), the
// latest rounds of orders, and the backoff experiment's figures for the current number of clients.
import type { Simulation } from '../../engine/simulation';
import type { AccountState } from './account';
import type { ClientState, ClientTotals } from './client';
import type { RetriesConfig } from './config';
import { SweepCache, type Sweep } from './sweep';
import { CLIENT_ROLE, currentConfig, describeConfig } from './settings';
import { duplicatedCharges } from './system';

export interface RoundView {
  /** When its orders were placed. */
  startedAtMs: number;
  /** The policy its orders were placed under ('mixed' if the settings changed at that moment). */
  policy: string;
  orders: number;
  charged: number;
  failed: number;
  /** Conditional writes its orders sent (calls, as the AWS experiment counts them). */
  writes: number;
  /** When its last order finished, or null while some are still going. */
  finishedAtMs: number | null;
}

export interface RetriesView {
  config: RetriesConfig;
  description: string;
  totals: ClientTotals;
  account: Pick<AccountState, 'version' | 'charged' | 'charges' | 'duplicates' | 'expired' | 'replays'> | null;
  /** Orders charged more than once, as the ledger says (at most 5, newest clients last). */
  duplicated: { client: string; order: number; times: number }[];
  /** The latest rounds, newest first (at most six). */
  rounds: RoundView[];
  sweep: Sweep | null;
}

const ZERO: ClientTotals = { placed: 0, charged: 0, failed: 0, writes: 0, conflicts: 0, timeouts: 0, retries: 0, denied: 0, chargedAfterGiveUp: 0 };

function clientStates(sim: Simulation): ClientState[] {
  return (sim.world.roster[CLIENT_ROLE] ?? []).map((id) => sim.world.nodes[id].state as ClientState | null).filter((s): s is ClientState => s !== null);
}

export function sumTotals(clients: readonly ClientState[]): ClientTotals {
  const sum = { ...ZERO };
  for (const client of clients) for (const key of Object.keys(sum) as (keyof ClientTotals)[]) sum[key] += client.totals[key];
  return sum;
}

/** The latest rounds, newest first: orders placed at one moment, from the clients' current and
 * recently finished orders (a client busy at a boundary places none, so it is in no round then). */
export function latestRounds(clients: readonly ClientState[], count = 6): RoundView[] {
  const rounds = new Map<number, RoundView & { policies: Set<string> }>();
  const roundAt = (startedAtMs: number) => {
    let round = rounds.get(startedAtMs);
    if (!round) rounds.set(startedAtMs, (round = { startedAtMs, policy: '', orders: 0, charged: 0, failed: 0, writes: 0, finishedAtMs: 0, policies: new Set() }));
    return round;
  };
  for (const client of clients) {
    if (client.order) {
      const round = roundAt(client.order.placedAtMs);
      round.orders++;
      round.writes += client.order.writes;
      round.finishedAtMs = null;
      round.policies.add(client.order.policy);
    }
    for (const outcome of client.recent) {
      const round = roundAt(outcome.placedAtMs);
      round.orders++;
      round.writes += outcome.writes;
      if (outcome.charged) round.charged++;
      else round.failed++;
      if (round.finishedAtMs !== null) round.finishedAtMs = Math.max(round.finishedAtMs, outcome.doneAtMs);
      round.policies.add(outcome.policy);
    }
  }
  return [...rounds.values()]
    .sort((a, b) => b.startedAtMs - a.startedAtMs)
    .slice(0, count)
    .map(({ policies, ...round }) => ({ ...round, policy: policies.size === 1 ? [...policies][0] : 'mixed' }));
}

/** Remembers the experiment's figures per number of clients between frames. */
export class RetriesChecks {
  private readonly sweeps = new SweepCache();

  summarize(sim: Simulation): RetriesView {
    const config = currentConfig(sim);
    const clients = clientStates(sim);
    const account = sim.world.nodes[sim.world.nodeIds[0]]?.state as AccountState | null;
    return {
      config,
      description: describeConfig(config),
      totals: sumTotals(clients),
      account: account ? { version: account.version, charged: account.charged, charges: account.charges, duplicates: account.duplicates, expired: account.expired, replays: account.replays } : null,
      duplicated: account ? duplicatedCharges(account).slice(-5) : [],
      rounds: latestRounds(clients),
      sweep: this.sweeps.get(config.clients),
    };
  }
}

export function retriesProjection(): (sim: Simulation) => RetriesView {
  const checks = new RetriesChecks();
  return (sim) => checks.summarize(sim);
}
