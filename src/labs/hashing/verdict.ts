// What a `cli run hashing` line adds: the placement in force, the balance, the latest change's
// moved keys against the ideal, and whether every transfer landed.
import type { Simulation } from '../../engine/simulation';
import { hashingView } from './projection';

export function hashingVerdict(sim: Simulation): { fields: Record<string, unknown>; failed: boolean } {
  const view = hashingView(sim);
  const last = view.changes.at(-1);
  return {
    fields: {
      scheme: view.settings.scheme,
      vnodes: view.settings.vnodes,
      replicas: view.settings.replicas,
      members: view.members.length,
      keys: view.keyCount,
      maxOverMean: view.balance.maxOverMean,
      changes: view.changes.length,
      ...(last ? { lastChange: last.kind, lastMovedFraction: Math.round((last.moved / Math.max(1, last.total)) * 1000) / 1000, lastIdeal: last.ideal === null ? null : Math.round(last.ideal * 1000) / 1000 } : {}),
      missedRequests: view.nodes.reduce((sum, node) => sum + node.misses, 0),
      handingOver: view.handingOver,
      settled: view.settled,
    },
    failed: false,
  };
}
