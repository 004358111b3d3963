// A lock node: one lease-based lock, as a Redis `SET key value NX PX ttl` keeps it. It grants the
// lock when it is free or its lease has run out on the node's own clock, with a fencing token
// from its counter, and frees it on release or expiry. From its own point of view it is a perfect
// mutex: each grant and each release or expiry is recorded as a mutex history (key = the node),
// which the platform's mutex model checks. It has no idea whether a client is still working.
import type { Effect, NodeContext, NodeView, Protocol, Step } from '../../engine/types';
import type { LockMessage } from './messages';
import { durableLocks, settingsFrom, type LocksSettings } from './settings';

export interface Lease {
  client: string;
  attempt: number;
  token: number;
  /** The lease's end on this node's clock. */
  untilClockMs: number;
}

export interface LockNodeState {
  holder: Lease | null;
  /** The last fencing token handed out. */
  counter: number;
  grants: number;
  expiries: number;
  /** The settings in force (the view says whether Redlock uses this node). */
  settings: LocksSettings;
  /** False when this node's memory was wiped by a restart that kept nothing (a rule broken). */
  durable: boolean;
}

export const EXPIRE = 'expire';

/** Client ids end in their number: "c2" is process 2 of the mutex history. */
export function processOf(client: string): number {
  const n = Number(/\d+$/.exec(client)?.[0]);
  return Number.isInteger(n) ? n : 0;
}

function mutexOp(out: Effect[], node: string, client: string, f: 'acquire' | 'release'): void {
  const base = { process: processOf(client), f, key: node, client, node };
  out.push({ kind: 'history', event: { ...base, type: 'invoke' } }, { kind: 'history', event: { ...base, type: 'ok' } });
}

/** Frees an expired lease (on this node's clock), recording the release the expiry means. */
function expireIfDue(state: LockNodeState, ctx: NodeContext, out: Effect[]): LockNodeState {
  if (state.holder === null || ctx.clockMs < state.holder.untilClockMs) return state;
  mutexOp(out, ctx.id, state.holder.client, 'release');
  out.push({ kind: 'note', tag: 'lease-expired', text: `${ctx.id}: ${state.holder.client}'s lease (token ${state.holder.token}) ran out on ${ctx.id}'s clock`, data: { client: state.holder.client, token: state.holder.token } });
  out.push({ kind: 'metric', name: 'expiries', metric: 'count' });
  return { ...state, holder: null, expiries: state.expiries + 1 };
}

function onAcquire(state: LockNodeState, from: string, m: Extract<LockMessage, { type: 'Acquire' }>, ctx: NodeContext): Step<LockNodeState> {
  const out: Effect[] = [];
  const holder = state.holder;
  // A duplicate of the request that got the lock gets the same answer.
  if (holder && holder.client === from && holder.attempt === m.attempt) {
    return [state, [{ kind: 'send', to: from, message: { type: 'Granted', attempt: m.attempt, token: holder.token } }]];
  }
  let next = expireIfDue(state, ctx, out);
  if (next.holder !== null && next.holder.client !== from) {
    out.push({ kind: 'send', to: from, message: { type: 'Denied', attempt: m.attempt } }, { kind: 'metric', name: 'denials', metric: 'count' });
    return [next, out];
  }
  if (next.holder !== null) mutexOp(out, ctx.id, next.holder.client, 'release'); // its own older lease, replaced
  const token = next.counter + 1;
  next = { ...next, counter: token, grants: next.grants + 1, holder: { client: from, attempt: m.attempt, token, untilClockMs: ctx.clockMs + m.leaseMs } };
  mutexOp(out, ctx.id, from, 'acquire');
  out.push(
    { kind: 'send', to: from, message: { type: 'Granted', attempt: m.attempt, token } },
    { kind: 'set-timer', timer: EXPIRE, afterMs: m.leaseMs, quiet: true },
    { kind: 'metric', name: 'grants', metric: 'count' },
  );
  return [next, out];
}

export const lockNode: Protocol<LockNodeState, LockNodeState> = {
  id: 'lock-node',
  init: (ctx) => [{ holder: null, counter: 0, grants: 0, expiries: 0, settings: settingsFrom(ctx.params), durable: durableLocks(ctx.params) }, []],
  onMessage(state, from, message, ctx) {
    const m = message as LockMessage;
    if (m.type === 'Acquire') return onAcquire(state, from, m, ctx);
    if (m.type === 'Release' && state.holder && state.holder.client === from && state.holder.attempt === m.attempt) {
      const out: Effect[] = [{ kind: 'cancel-timer', timer: EXPIRE }];
      mutexOp(out, ctx.id, from, 'release');
      return [{ ...state, holder: null }, out];
    }
    return [state, []];
  },
  onTimer(state, timer, ctx) {
    if (timer !== EXPIRE || state.holder === null) return [state, []];
    const out: Effect[] = [];
    const next = expireIfDue(state, ctx, out);
    // The timer runs on virtual time, the lease on this node's clock: a clock set back keeps it.
    if (next.holder !== null) out.push({ kind: 'set-timer', timer: EXPIRE, afterMs: Math.max(1, next.holder.untilClockMs - ctx.clockMs), quiet: true });
    return [next, out];
  },
  onControl(state, control) {
    if (control.do !== 'configure') return [state, []];
    return [{ ...state, settings: control.settings as LocksSettings }, []];
  },
  // Durable (as a lock service should be): the lease and the counter survive a crash. Without it
  // (Redis without fsync) a restarted node forgets both, and grants a held lock again.
  persisted: (state) => (state.durable ? state : { ...state, holder: null, counter: 0 }),
  recover(saved) {
    const out: Effect[] = [];
    if (saved.holder) out.push({ kind: 'set-timer', timer: EXPIRE, afterMs: 1, quiet: true });
    return [saved, out];
  },
  view(state): NodeView {
    const holder = state.holder;
    return {
      role: 'lock',
      summary: holder ? `leased to ${holder.client}, token ${holder.token}` : 'free',
      badge: holder ? `${holder.client} #${holder.token}` : 'free',
      details: {
        holder: holder?.client ?? null,
        token: holder?.token ?? null,
        leaseEndsOnMyClockMs: holder?.untilClockMs ?? null,
        lastToken: state.counter,
        grants: state.grants,
        expiries: state.expiries,
      },
    };
  },
};
