// The messaging lab's settings: which delivery model the broker offers (queue, stream, pub/sub)
// and how the consumers behave. Every actor keeps its own copy, set from the scenario's params at
// start and replaced by the `configure` lab action, so handlers stay pure.
import * as v from 'valibot';

export const MODES = ['queue', 'stream', 'pubsub'] as const;
export type Mode = (typeof MODES)[number];
export type CommitPoint = 'before' | 'after';

export interface MessagingSettings {
  mode: Mode;
  /** The effect store dedupes by message id (the dedupe table is written with the effect). */
  idempotent: boolean;
  /** Acknowledge (delete, commit the offset, ack) before or after the effect is applied. */
  commit: CommitPoint;
  /** Pub/sub: the broker keeps each subscriber's unacknowledged messages until it acks them. */
  durable: boolean;
  /** Queue: how long a received message stays invisible; pub/sub: how long before a resend. */
  visibilityTimeoutMs: number;
  /** Receives (queue) or attempts (stream, pub/sub) before a message goes to the dead-letter queue. */
  maxReceiveCount: number;
  /** Every Nth produced message is poison (no consumer can process it); 0: none. */
  poisonEvery: number;
  /** A fix is deployed: consumers can now process the poison messages (redrive them after this). */
  patched: boolean;
  /** Stream: partitions of the topic. */
  partitions: number;
  /** Each producer's mean gap between messages. */
  produceEveryMs: number;
  /** A consumer's work per message: drawn from [processMs/2, processMs·3/2]. */
  processMs: number;
}

export const DEFAULT_SETTINGS: MessagingSettings = {
  mode: 'queue', idempotent: true, commit: 'after', durable: true, visibilityTimeoutMs: 600, maxReceiveCount: 3,
  poisonEvery: 9, patched: false, partitions: 3, produceEveryMs: 300, processMs: 80,
};

const ms = (max: number) => v.pipe(v.number(), v.integer(), v.minValue(50), v.maxValue(max));

/** The settings the `configure` action may change while a run goes on. */
export const RUNTIME_SCHEMAS = {
  mode: v.picklist(MODES),
  idempotent: v.boolean(),
  commit: v.picklist(['before', 'after'] as const),
  durable: v.boolean(),
  visibilityTimeoutMs: ms(10_000),
  maxReceiveCount: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10)),
  poisonEvery: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100)),
  patched: v.boolean(),
  processMs: v.pipe(v.number(), v.integer(), v.minValue(10), v.maxValue(5_000)),
};

export const PARAM_SCHEMAS = {
  ...RUNTIME_SCHEMAS,
  partitions: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(6)),
  produceEveryMs: ms(5_000),
};

export type RuntimeChange = Partial<Pick<MessagingSettings, keyof typeof RUNTIME_SCHEMAS>>;

/** Settings from a scenario's params (validated already; missing ones take the defaults). */
export function readSettings(params: Record<string, unknown>): MessagingSettings {
  const out = { ...DEFAULT_SETTINGS } as Record<string, unknown>;
  for (const key of Object.keys(DEFAULT_SETTINGS)) {
    if (params[key] !== undefined && typeof params[key] === typeof out[key]) out[key] = params[key];
  }
  return out as unknown as MessagingSettings;
}

export function describeSettings(s: MessagingSettings): string {
  const ack = `${s.commit === 'before' ? 'acks before' : 'acks after'} the effect`;
  const dedupe = s.idempotent ? 'idempotent consumers' : 'non-idempotent consumers';
  const durable = s.mode === 'pubsub' ? (s.durable ? ', durable subscriptions' : ', non-durable subscriptions') : '';
  return `${s.mode}, ${dedupe}, ${ack}${durable}`;
}

/** Pub/sub keeps one delivery target per subscriber; a queue or a stream's consumer group is one. */
export const GROUP = 'group';
