// The engine's view of the retries lab: an account service and its clients, the invariant that no
// order is charged twice, and the `configure` action. Shared by the lab and its experiment, so the
// experiment's trials run the very actors the page animates.
import type { ActorSystem } from '../../engine/system';
import type { Invariant } from '../../engine/types';
import { accountService, type AccountState } from './account';
import { retryingClient } from './client';
import { afterRestart, CLIENT_ROLE } from './settings';

export const SERVER_ROLE = 'server';

/** Charged orders the ledger holds more than once: [client, order, times], oldest client first. */
export function duplicatedCharges(state: AccountState): { client: string; order: number; times: number }[] {
  return Object.entries(state.ledger).flatMap(([client, entries]) => entries.filter(([, times]) => times > 1).map(([order, times]) => ({ client, order, times })));
}

/** An order is charged at most once: what an idempotency key promises, whatever the network does. */
export const chargedOnce: Invariant<AccountState, null> = {
  name: 'charged-once',
  description: 'No order is charged more than once.',
  initGhost: () => null,
  check(nodes) {
    for (const node of nodes) {
      if (node.state === null || node.state.duplicates === 0) continue;
      const [first] = duplicatedCharges(node.state);
      return first
        ? `${first.client}#${first.order} was charged ${first.times} times ($${first.times * 10} for one $10 order)`
        : `${node.state.duplicates} charges repeated an earlier one`;
    }
    return null;
  },
};

export const retriesSystem: ActorSystem = {
  protocols: { [SERVER_ROLE]: accountService, [CLIENT_ROLE]: retryingClient },
  serverRole: SERVER_ROLE,
  invariants: [chargedOnce],
  afterRestart,
};
