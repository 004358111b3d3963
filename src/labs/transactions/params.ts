// The transactions lab's parameters: valibot schemas, the defaults, and a reader that turns a
// scenario's params (already validated) into typed settings. Some of them can change while a run
// goes on (the `configure` lab action); those live in each node's state as `TxSettings`.
import * as v from 'valibot';

export type TxProtocol = '2pc' | 'saga';
/** A compensation that checks whether it already ran (`idempotent`), or refunds whenever asked. */
export type Compensation = 'idempotent' | 'blind';
/** What a 2PC participant does after voting yes: wait for the decision, or give up and abort. */
export type InDoubtPolicy = 'wait' | 'abort';
/** Where the coordinator keeps its transaction log: on disk (survives a crash) or in memory. */
export type CoordinatorLog = 'durable' | 'memory';

export interface TxParams {
  protocol: TxProtocol;
  /** Each participant's opening balance. */
  balance: number;
  /** A transfer moves 1..amountMax. */
  amountMax: number;
  /** The chance, in percent, that a participant refuses its part of a transfer (a business rule:
   * an account frozen, a limit reached), on top of refusing to overdraw. */
  failPercent: number;
  /** A client's think time between transfers. */
  transferEveryMs: [number, number];
  /** A reader's think time between reads of every balance. */
  readEveryMs: [number, number];
  /** How long the coordinator waits for votes (2PC) or one step's answer (saga) before it aborts. */
  decideTimeoutMs: number;
  /** How often an unanswered message is sent again, and how often a participant in doubt asks. */
  retryMs: number;
  compensation: Compensation;
  /** How long the coordinator takes to write its commit decision to its log (a slow disk). */
  logWriteMs: number;
  inDoubt: InDoubtPolicy;
  coordinatorLog: CoordinatorLog;
}

export const TX_DEFAULTS: TxParams = {
  protocol: '2pc',
  balance: 100,
  amountMax: 40,
  failPercent: 10,
  transferEveryMs: [200, 700],
  readEveryMs: [150, 450],
  decideTimeoutMs: 1500,
  retryMs: 200,
  compensation: 'idempotent',
  logWriteMs: 0,
  inDoubt: 'wait',
  coordinatorLog: 'durable',
};

/** How long a participant that broke the "wait" rule stays in doubt before it aborts on its own. */
export const GIVE_UP_AFTER_MS = 1000;

/** The settings a run may change while it goes on (the side panel, the tour, a link's actions). */
export interface TxSettings {
  protocol: TxProtocol;
  failPercent: number;
  compensation: Compensation;
  logWriteMs: number;
}

export function txParams(params: Record<string, unknown>): TxParams {
  const out = { ...TX_DEFAULTS };
  for (const key of Object.keys(TX_DEFAULTS) as (keyof TxParams)[]) {
    if (params[key] !== undefined) (out as Record<string, unknown>)[key] = params[key];
  }
  return out;
}

export function settingsFrom(params: TxParams): TxSettings {
  return { protocol: params.protocol, failPercent: params.failPercent, compensation: params.compensation, logWriteMs: params.logWriteMs };
}

const ms = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(60_000));
const range = v.pipe(
  v.tuple([ms, ms]),
  v.check(([low, high]) => low <= high, 'the first number must not exceed the second'),
);
export const protocolSchema = v.picklist(['2pc', 'saga']);
export const failPercentSchema = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100));
export const compensationSchema = v.picklist(['idempotent', 'blind']);
export const logWriteSchema = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(60_000));

export const TX_PARAM_SCHEMAS = {
  protocol: protocolSchema,
  balance: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_000_000)),
  amountMax: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_000_000)),
  failPercent: failPercentSchema,
  transferEveryMs: range,
  readEveryMs: range,
  decideTimeoutMs: ms,
  retryMs: v.pipe(v.number(), v.integer(), v.minValue(10), v.maxValue(10_000)),
  compensation: compensationSchema,
  logWriteMs: logWriteSchema,
  inDoubt: v.picklist(['wait', 'abort']),
  coordinatorLog: v.picklist(['durable', 'memory']),
};
