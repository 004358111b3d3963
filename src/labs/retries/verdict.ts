// What a CLI run line of the retries lab adds: the clients' counts, the ledger's duplicated
// charges and the service's refusals. A run fails when an order was charged twice.
import type { Simulation } from '../../engine/simulation';
import type { AccountState } from './account';
import type { ClientState } from './client';
import { sumTotals } from './checks';
import { CLIENT_ROLE, currentConfig } from './settings';

export function retriesVerdict(sim: Simulation): { fields: Record<string, unknown>; failed: boolean } {
  const config = currentConfig(sim);
  const clients = (sim.world.roster[CLIENT_ROLE] ?? []).map((id) => sim.world.nodes[id].state as ClientState | null).filter((s): s is ClientState => s !== null);
  const totals = sumTotals(clients);
  const server = sim.world.nodes[sim.world.nodeIds[0]];
  const account = (server.state ?? server.persisted) as AccountState | null;
  const duplicatedCharges = account?.duplicates ?? 0;
  const fields = {
    policy: config.policy, clients: config.clients, idempotencyKey: config.idempotencyKey,
    orders: totals.placed, charged: totals.charged, failed: totals.failed,
    calls: totals.writes, conflicts: totals.conflicts, timeouts: totals.timeouts, retries: totals.retries, budgetDenied: totals.denied,
    duplicatedCharges, chargedAfterGiveUp: totals.chargedAfterGiveUp, expired: account?.expired ?? 0,
  };
  return { fields, failed: duplicatedCharges > 0 };
}
