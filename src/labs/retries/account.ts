// The account service: one row (an account balance and its version) that clients charge with a
// read followed by a conditional write, as in the AWS backoff experiment's optimistic-concurrency
// server. Its ledger remembers which orders it charged, so the lab can count an order charged
// twice; only when a write carries an idempotency key does the service consult the ledger before
// charging, and only when it carries a deadline can the service refuse work nobody waits for.
// The whole account is durable: it survives a crash.
import type { Effect, Message, NodeContext, NodeView, Protocol, Step } from '../../engine/types';
import { orderKey, type ReadRequest, type WriteRequest } from './messages';

/** Orders remembered per client: enough for any retry still in flight, bounded for long runs. */
export const LEDGER_ORDERS_PER_CLIENT = 16;

export interface AccountState {
  version: number;
  /** Dollars charged so far. */
  charged: number;
  /** Charges applied, including duplicates. */
  charges: number;
  /** Charges applied to an order that had been charged already. */
  duplicates: number;
  /** Requests refused because the deadline they carried had passed. */
  expired: number;
  /** Writes answered from the ledger because their idempotency key had been charged already. */
  replays: number;
  /** Client → [order, times charged], the client's latest orders, oldest first. */
  ledger: Record<string, [number, number][]>;
}

/** How many times the ledger says `client`'s `order` was charged. */
export function timesCharged(state: AccountState, client: string, order: number): number {
  return state.ledger[client]?.find(([id]) => id === order)?.[1] ?? 0;
}

function record(ledger: Record<string, [number, number][]>, client: string, order: number): Record<string, [number, number][]> {
  const entries = ledger[client] ?? [];
  const found = entries.findIndex(([id]) => id === order);
  const next = found >= 0
    ? entries.map((entry, i) => (i === found ? ([entry[0], entry[1] + 1] as [number, number]) : entry))
    : [...entries, [order, 1] as [number, number]].slice(-LEDGER_ORDERS_PER_CLIENT);
  return { ...ledger, [client]: next };
}

/** A request whose caller's deadline has passed is refused unread: nobody waits for its answer.
 * The deadline is on the client's clock, so comparing it with ours assumes the clocks agree. */
function refuseExpired(state: AccountState, from: string, request: ReadRequest | WriteRequest, ctx: NodeContext): Step<AccountState> | null {
  if (request.deadlineMs === undefined || ctx.clockMs <= request.deadlineMs) return null;
  return [{ ...state, expired: state.expired + 1 }, [
    { kind: 'send', to: from, message: { type: 'Expired', call: request.call } },
    { kind: 'metric', name: 'expired', metric: 'count' },
    { kind: 'note', tag: 'expired', text: `${ctx.id} refused ${request.type === 'Read' ? 'a read' : 'a write'} for ${orderKey(from, request.order)}: its deadline had passed ${ctx.clockMs - request.deadlineMs} ms ago` },
  ]];
}

function write(state: AccountState, from: string, request: WriteRequest, ctx: NodeContext): Step<AccountState> {
  const reply = (message: Message): Effect => ({ kind: 'send', to: from, message });
  const refused = refuseExpired(state, from, request, ctx);
  if (refused) return refused;
  const before = timesCharged(state, from, request.order);
  if (request.key !== undefined && before > 0) {
    return [{ ...state, replays: state.replays + 1 }, [
      reply({ type: 'WriteOk', call: request.call, order: request.order, replayed: true }),
      { kind: 'note', tag: 'key-replayed', text: `idempotency key ${request.key} seen before: answered “charged” without charging again` },
    ]];
  }
  if (request.version !== state.version) return [state, [reply({ type: 'Conflict', call: request.call, version: state.version })]];
  const next: AccountState = {
    ...state, version: state.version + 1, charged: state.charged + request.amount, charges: state.charges + 1,
    duplicates: state.duplicates + (before > 0 ? 1 : 0), ledger: record(state.ledger, from, request.order),
  };
  const out: Effect[] = [reply({ type: 'WriteOk', call: request.call, order: request.order })];
  if (before > 0) {
    out.push({ kind: 'metric', name: 'duplicates', metric: 'count' });
    out.push({ kind: 'note', tag: 'duplicate-charge', text: `${orderKey(from, request.order)} charged again: $${request.amount} taken ${before + 1} times for one order`, data: { client: from, order: request.order, times: before + 1 } });
  }
  return [next, out];
}

export const accountService: Protocol<AccountState, AccountState> = {
  id: 'retries-account',
  init: () => [{ version: 0, charged: 0, charges: 0, duplicates: 0, expired: 0, replays: 0, ledger: {} }, []],
  onMessage(state, from, message, ctx) {
    if (message.type === 'Read') {
      return refuseExpired(state, from, message as unknown as ReadRequest, ctx) ?? [state, [{ kind: 'send', to: from, message: { type: 'ReadOk', call: message.call, version: state.version } }]];
    }
    if (message.type === 'Write') return write(state, from, message as unknown as WriteRequest, ctx);
    return [state, []];
  },
  onTimer: (state) => [state, []],
  persisted: (state) => state,
  recover: (saved) => [saved, []],
  view: (state): NodeView => ({
    role: 'server',
    summary: `version ${state.version}, $${state.charged} charged`,
    badge: `v${state.version}`,
    details: { version: state.version, charged: state.charged, charges: state.charges, duplicates: state.duplicates, expired: state.expired, replays: state.replays },
  }),
};
