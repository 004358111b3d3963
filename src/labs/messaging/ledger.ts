// The checkers' evidence, read from the run: the ledger lines the broker, the consumers and the
// store record in the history (enqueued, delivered, applied, dead-lettered), and where each
// not-yet-applied message still is (held by the broker, in a live consumer's hands, on the wire).
// Pure over the history; `holdings` reads engine state without changing it.
import type { Simulation } from '../../engine/simulation';
import { inFlightMessages } from '../../engine/in-flight';
import type { HistoryEvent } from '../../engine/types';
import type { BrokerState } from './broker';
import type { ConsumerState } from './consumer';
import { BROKER_ID } from './producer';
import { GROUP, type Mode } from './settings';
import type { Delivery, Item } from './wire';

export interface LedgerMessage {
  id: number;
  partition: number;
  enqueuedMs: number;
  /** Enqueued in the checks' window (since the last settings change). */
  inWindow: boolean;
}

export interface AppliedLine {
  id: number;
  target: string;
  partition: number;
  offset: number;
  by: string;
  timeMs: number;
}

export interface Ledger {
  /** Where the checks' window begins (a settings change); the ledger itself starts earlier, when
   * the broker last started empty, so a repeat in the window of an earlier delivery counts. */
  windowStartMs: number;
  /** Messages enqueued since the broker started empty, by id. */
  messages: Map<number, LedgerMessage>;
  /** The times of each `target:id` copy's deliveries and applications. */
  deliveries: Map<string, number[]>;
  effects: Map<string, number[]>;
  /** Effect applications in the order they happened. */
  applied: AppliedLine[];
  /** When each `target:id` copy went to the dead-letter queue. */
  deadLettered: Map<string, number>;
}

export const copyKey = (target: string, id: number) => `${target}:${id}`;

/** The ledger of the messages enqueued at or after `fromMs`, judged from `windowStartMs` on. */
export function readLedger(history: readonly HistoryEvent[], fromMs: number, windowStartMs = fromMs): Ledger {
  const ledger: Ledger = { windowStartMs, messages: new Map(), deliveries: new Map(), effects: new Map(), applied: [], deadLettered: new Map() };
  const stamp = (map: Map<string, number[]>, key: string, time: number) => {
    const times = map.get(key);
    if (times) times.push(time);
    else map.set(key, [time]);
  };
  for (const event of history) {
    const time = event.time ?? 0;
    if (event.type !== 'ok' || time < fromMs) continue;
    if (event.f === 'enqueue' && typeof event.value === 'number') {
      ledger.messages.set(event.value, { id: event.value, partition: Number(String(event.node ?? 'p0').slice(1)), enqueuedMs: time, inWindow: time >= windowStartMs });
    } else if (event.f === 'dequeue' && typeof event.value === 'number' && ledger.messages.has(event.value)) {
      stamp(ledger.deliveries, copyKey(event.node ?? GROUP, event.value), time);
    } else if (event.f === 'apply') {
      const value = event.value as { id: number; offset: number };
      if (!ledger.messages.has(value.id)) continue;
      stamp(ledger.effects, copyKey(event.node ?? GROUP, value.id), time);
      ledger.applied.push({ id: value.id, target: event.node ?? GROUP, partition: Number(String(event.key ?? 'p0').slice(1)), offset: value.offset, by: event.client ?? '?', timeMs: time });
    } else if (event.f === 'dead-letter' && typeof event.value === 'number' && ledger.messages.has(event.value)) {
      ledger.deadLettered.set(copyKey(event.node ?? GROUP, event.value), time);
    }
  }
  return ledger;
}

/** Every `target:id` copy not yet applied that something still holds, and what sits in the DLQ. */
export interface Holdings {
  pending: Set<string>;
  inDlq: Set<string>;
}

export function holdings(sim: Simulation): Holdings {
  const pending = new Set<string>();
  const inDlq = new Set<string>();
  const broker = sim.world.nodes[BROKER_ID]?.state as BrokerState | null;
  if (broker) {
    for (const m of [...broker.queue, ...broker.inflight]) pending.add(copyKey(GROUP, m.item.id));
    broker.log.forEach((records, p) => {
      for (let offset = broker.committed[p] ?? 0; offset < records.length; offset++) pending.add(copyKey(GROUP, records[offset].id));
    });
    for (const [sub, list] of Object.entries(broker.backlog)) for (const m of list) pending.add(copyKey(sub, m.item.id));
    for (const letter of broker.dlq) inDlq.add(copyKey(letter.target, letter.item.id));
  }
  for (const id of sim.world.roster.consumer ?? []) {
    const node = sim.world.nodes[id];
    const state = node.up ? (node.state as ConsumerState | null) : null;
    if (!state) continue;
    for (const delivery of [...(state.current ? [state.current.delivery] : []), ...state.inbox]) pending.add(copyKey(delivery.target, delivery.item.id));
  }
  for (const wire of inFlightMessages(sim.world)) {
    if (wire.fate !== 'in-flight' && wire.fate !== 'duplicated') continue;
    const payload = wire.payload;
    const delivery = payload.delivery as Delivery | undefined;
    if (delivery) pending.add(copyKey(delivery.target, delivery.item.id));
    else if (payload.type === 'Apply') pending.add(copyKey(payload.target as string, (payload.item as Item).id));
  }
  return { pending, inDlq };
}

/** Whose copies each message has: the group's, or one per subscriber. */
export function targetsFor(mode: Mode, consumers: readonly string[]): string[] {
  return mode === 'pubsub' ? consumers.slice() : [GROUP];
}
