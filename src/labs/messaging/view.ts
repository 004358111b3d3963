// What the messaging lab adds to a frame (`frame.labView`), computed in the worker from engine
// state and the checkers: the settings in force, the broker's queues, partitions and
// subscriptions, the store's effects and projection, and the checkers' verdicts over the window.
import type { Simulation } from '../../engine/simulation';
import { currentSettings, windowStartMs } from './actions';
import { totalLag, type BrokerState } from './broker';
import { checkDeliveries, checkFifo, type DeliveryReport, type FifoReport } from './checks';
import { holdings, readLedger, targetsFor } from './ledger';
import { BROKER_ID } from './producer';
import type { MessagingSettings } from './settings';
import { STORE_ID, type Rebuild, type StoreState } from './store';

export interface PartitionView {
  partition: number;
  end: number;
  committed: number;
  lag: number;
  owner: string | null;
}

export interface MessagingView {
  settings: MessagingSettings;
  windowStartMs: number;
  consumers: string[];
  report: DeliveryReport;
  /** Dead letters that took effect later (redriven), since the last mode switch. */
  recovered: number;
  /** The FIFO queue model's verdict, where it applies (one consumer of a queue or a one-partition stream). */
  fifo: FifoReport | null;
  broker: {
    up: boolean;
    visible: number;
    invisible: number;
    dlq: { id: number; target: string; receives: number; poison: boolean }[];
    generation: number;
    partitions: PartitionView[];
    lag: number;
    subscribers: string[];
    unacked: Record<string, number>;
  };
  store: {
    effects: number;
    duplicates: number;
    deduped: number;
    totals: Record<string, number>;
    events: number;
    snapshot: { events: number; through: number[]; takenMs: number } | null;
    rebuild: Rebuild | null;
  };
}

export const FIFO_MAX_OPS = 400;
export const FIFO_BUDGET_STEPS = 200_000;

/** When the FIFO queue model applies: one consumer, and one ordered log (a queue or one partition). */
export function fifoApplies(settings: MessagingSettings, consumers: number): boolean {
  return consumers === 1 && (settings.mode === 'queue' || (settings.mode === 'stream' && settings.partitions === 1));
}

/** The window the FIFO model may judge: since the broker last started empty (the last mode switch). */
export function freshSinceMs(sim: Simulation): number {
  const at = sim.world.labState.modeSinceMs;
  return typeof at === 'number' ? at : 0;
}

export function summarize(sim: Simulation, fifo: FifoReport | null): MessagingView {
  const settings = currentSettings(sim);
  const consumers = (sim.world.roster.consumer ?? []).slice();
  const from = windowStartMs(sim);
  const report = checkDeliveries(readLedger(sim.world.history, freshSinceMs(sim), from), targetsFor(settings.mode, consumers), holdings(sim));
  const brokerNode = sim.world.nodes[BROKER_ID];
  const broker = brokerNode?.state as BrokerState | null;
  const store = sim.world.nodes[STORE_ID]?.state as StoreState | null;
  const owners = new Map<number, string>();
  for (const [id, parts] of Object.entries(broker?.assignment ?? {})) for (const p of parts) owners.set(p, id);
  return {
    settings, windowStartMs: from, consumers, report, fifo,
    recovered: report.recovered,
    broker: {
      up: brokerNode?.up ?? false,
      visible: broker?.queue.length ?? 0,
      invisible: broker?.inflight.length ?? 0,
      dlq: (broker?.dlq ?? []).slice(-8).map((l) => ({ id: l.item.id, target: l.target, receives: l.receives, poison: l.item.poison })),
      generation: broker?.generation ?? 0,
      partitions: settings.mode !== 'stream' || !broker ? [] : broker.log.map((records, p) => ({ partition: p, end: records.length, committed: broker.committed[p], lag: records.length - broker.committed[p], owner: owners.get(p) ?? null })),
      lag: broker ? totalLag(broker) : 0,
      subscribers: broker?.subscribers.slice() ?? [],
      unacked: Object.fromEntries(Object.entries(broker?.backlog ?? {}).map(([sub, list]) => [sub, list.length])),
    },
    store: {
      effects: store?.effects ?? 0,
      duplicates: store?.duplicates ?? 0,
      deduped: store?.deduped ?? 0,
      totals: { ...(store?.projection.totals ?? {}) },
      events: store?.projection.events ?? 0,
      snapshot: store?.snapshot ? { events: store.snapshot.events, through: store.snapshot.through.slice(), takenMs: store.snapshot.takenMs } : null,
      rebuild: store?.rebuild ? { ...store.rebuild, until: store.rebuild.until.slice() } : null,
    },
  };
}

/** The FIFO verdict, checked again only when the history or the settings changed. */
export class FifoCheck {
  private key = '';
  private last: FifoReport | null = null;

  run(sim: Simulation): FifoReport | null {
    const settings = currentSettings(sim);
    if (!fifoApplies(settings, (sim.world.roster.consumer ?? []).length)) return null;
    const since = freshSinceMs(sim);
    const key = `${sim.world.history.length}:${since}:${sim.world.history.at(-1)?.time ?? -1}`;
    if (key !== this.key) {
      this.key = key;
      this.last = checkFifo(sim.world.history, since, FIFO_MAX_OPS, FIFO_BUDGET_STEPS);
    }
    return this.last;
  }
}

export function messagingProjection(): (sim: Simulation) => MessagingView {
  const fifo = new FifoCheck();
  return (sim) => summarize(sim, fifo.run(sim));
}
