// What a `cli run messaging` line adds: the delivery and effect tallies over the run, the lost,
// dead-lettered and out-of-order messages, and the FIFO model's verdict where it applies. A run
// fails only when the settings promised better: idempotent consumers with a duplicated effect, or
// acknowledging after the effect (durably, in pub/sub) and still losing a message.
import type { Simulation } from '../../engine/simulation';
import { currentSettings, windowStartMs } from './actions';
import { checkDeliveries, checkFifo } from './checks';
import { holdings, readLedger, targetsFor } from './ledger';
import { fifoApplies, FIFO_BUDGET_STEPS, FIFO_MAX_OPS, freshSinceMs } from './view';

export function messagingVerdict(sim: Simulation): { fields: Record<string, unknown>; failed: boolean } {
  const settings = currentSettings(sim);
  const consumers = sim.world.roster.consumer ?? [];
  const report = checkDeliveries(readLedger(sim.world.history, freshSinceMs(sim), windowStartMs(sim)), targetsFor(settings.mode, consumers), holdings(sim));
  const fifo = fifoApplies(settings, consumers.length) ? checkFifo(sim.world.history, freshSinceMs(sim), FIFO_MAX_OPS, FIFO_BUDGET_STEPS) : null;
  const fields = {
    mode: settings.mode,
    idempotent: settings.idempotent,
    commit: settings.commit,
    ...(settings.mode === 'pubsub' ? { durable: settings.durable } : {}),
    produced: report.produced,
    deliveredOnce: report.delivered.once,
    deliveredMore: report.delivered.more,
    redeliveries: report.redeliveries,
    effectsOnce: report.effects.once,
    duplicatedEffects: report.duplicatedEffects,
    lostMessages: report.lost,
    deadLettered: report.deadLettered,
    orderViolations: report.orderViolations,
    fifo: fifo === null ? 'n/a' : fifo.valid,
  };
  const promisedNoLoss = settings.commit === 'after' && (settings.mode !== 'pubsub' || settings.durable);
  return { fields, failed: (settings.idempotent && report.duplicatedEffects > 0) || (promisedNoLoss && report.lost > 0) };
}
