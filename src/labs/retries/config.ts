// The retries lab's settings: what the clients and the account service read, from the scenario's
// params at first and from the `configure` lab action afterwards.
import * as v from 'valibot';
import { POLICIES, type RetryPolicy } from './policy';

export interface RetriesConfig {
  /** How many clients place orders (the rest sit idle). */
  clients: number;
  policy: RetryPolicy;
  baseMs: number;
  capMs: number;
  /** Retry budget: retries may be at most this percent of calls (0: no budget). */
  budgetPct: number;
  /** How long an order may take before the client gives up (0: no deadline). */
  deadlineMs: number;
  /** Requests carry the order's deadline and the service refuses expired ones. */
  propagateDeadline: boolean;
  /** Writes carry the order's idempotency key and the service applies each key once. */
  idempotencyKey: boolean;
  /** How long a client waits for one reply before it counts the call as failed. */
  timeoutMs: number;
  /** Every this many ms each idle client places an order, all at once (0: one order, then stop). */
  orderEveryMs: number;
}

export const MAX_CLIENTS = 100;

export const DEFAULT_CONFIG: RetriesConfig = {
  clients: 10, policy: 'full-jitter', baseMs: 5, capMs: 2000, budgetPct: 0, deadlineMs: 0,
  propagateDeadline: false, idempotencyKey: true, timeoutMs: 100, orderEveryMs: 1000,
};

const int = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));

export const CONFIG_SCHEMAS = {
  clients: int(1, MAX_CLIENTS),
  policy: v.picklist(POLICIES),
  baseMs: int(1, 1000),
  capMs: int(1, 60_000),
  budgetPct: int(0, 100),
  deadlineMs: int(0, 60_000),
  propagateDeadline: v.boolean(),
  idempotencyKey: v.boolean(),
  timeoutMs: int(1, 10_000),
  orderEveryMs: int(0, 60_000),
};

/** The settings in `params`, each missing or malformed one the default. */
export function readConfig(params: Record<string, unknown>): RetriesConfig {
  const out = { ...DEFAULT_CONFIG } as Record<string, unknown>;
  for (const [key, schema] of Object.entries(CONFIG_SCHEMAS)) {
    if (params[key] !== undefined && v.is(schema, params[key])) out[key] = params[key];
  }
  return out as unknown as RetriesConfig;
}
