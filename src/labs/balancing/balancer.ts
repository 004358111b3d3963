// A load balancer: it forwards each client request to a server its policy picks, relays the
// answer (or fails the request after `timeoutMs`), probes every server each `probeMs` and ejects
// one that fails `ejectAfter` probes in a row (readmitting it on its next good probe), and — with
// outlier ejection on — ejects for `ejectMs` a server whose recent answers are mostly errors or
// far slower than the others'. It learns the servers' loads only from their periodic reports.
import type { Effect, Message, NodeContext, NodeView, Protocol, Step } from '../../engine/types';
import { withEntry, withoutEntry } from '../../protocols/owned-record';
import type { FailReason, ProbeReplyMessage } from './messages';
import { findOutliers, remember, type Sample } from './outlier';
import { pickSettings, readParams, type BalancingSettings } from './params';
import { choose } from './policy';

export interface Pending {
  client: string;
  server: string;
  arrivedMs: number;
}

export interface Ejection {
  by: 'health' | 'outlier';
  atMs: number;
  /** Outlier ejections end by themselves; health ejections end on a good probe. */
  untilMs: number | null;
}

export interface BalancerCounts {
  requests: number;
  ok: number;
  timeouts: number;
  /** Error answers from servers (failing or overloaded). */
  errors: number;
  /** Refused because every server was ejected. */
  noServer: number;
}

export interface BalancerState {
  settings: BalancingSettings;
  /** Round-robin's last choice. */
  cursor: number;
  ejected: Record<string, Ejection>;
  probeSeq: number;
  /** Servers that answered the current probe round healthy. */
  answered: Record<string, true>;
  probeFails: Record<string, number>;
  reported: Record<string, number>;
  outstanding: Record<string, number>;
  recent: Record<string, Sample[]>;
  pending: Record<string, Pending>;
  counts: BalancerCounts;
  /** Requests that failed at each server (its errors and timeouts). */
  failedAt: Record<string, number>;
  routed: Record<string, number>;
  /** When each server was last readmitted, on this balancer's clock (the checks measure a failed
   * server's time in the pool from there). */
  readmittedAt: Record<string, number>;
}

const PROBE = 'probe';
const PROBE_DEADLINE = 'probe-deadline';
const timeoutTimer = (id: string) => `t:${id}`;
/** The per-server metric the herd measure reads. */
export const routedMetric = (server: string) => `routed.${server}`;

function bump(record: Readonly<Record<string, number>>, key: string, by = 1): Record<string, number> {
  return { ...record, [key]: (record[key] ?? 0) + by };
}

function without<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  const copy = { ...record };
  delete copy[key];
  return copy;
}

function fresh(ctx: NodeContext): BalancerState {
  return {
    settings: pickSettings(readParams(ctx.params)), cursor: -1, ejected: {}, probeSeq: 0, answered: {}, probeFails: {}, reported: {}, outstanding: {},
    recent: {}, pending: {}, counts: { requests: 0, ok: 0, timeouts: 0, errors: 0, noServer: 0 }, failedAt: {}, routed: {}, readmittedAt: {},
  };
}

function route(state: BalancerState, client: string, id: string, ctx: NodeContext, out: Effect[]): BalancerState {
  // A copy of a request already on its way (the network duplicated it) is not a new request.
  if (state.pending[id] !== undefined) return state;
  const counts = { ...state.counts, requests: state.counts.requests + 1 };
  out.push({ kind: 'metric', name: 'requests', metric: 'count' });
  const choice = choose(state.settings.policy, {
    servers: ctx.servers, usable: (s) => state.ejected[s] === undefined, outstanding: state.outstanding, reported: state.reported, cursor: state.cursor,
  }, ctx.rng);
  if (choice.server === null) {
    out.push({ kind: 'send', to: client, message: { type: 'Failed', id, reason: 'no-server' } });
    out.push({ kind: 'metric', name: 'failed', metric: 'count' });
    out.push({ kind: 'note', tag: 'no-server', text: `${ctx.id} refused ${id}: every server is ejected` });
    return { ...state, counts: { ...counts, noServer: counts.noServer + 1 } };
  }
  const server = choice.server;
  out.push({ kind: 'send', to: server, message: { type: 'Request', id } });
  out.push({ kind: 'set-timer', timer: timeoutTimer(id), afterMs: readParams(ctx.params).timeoutMs, quiet: true });
  out.push({ kind: 'metric', name: routedMetric(server), metric: 'count' });
  return {
    ...state, counts, cursor: choice.cursor,
    pending: withEntry(state.pending, id, { client, server, arrivedMs: ctx.clockMs }),
    outstanding: bump(state.outstanding, server),
    routed: bump(state.routed, server),
  };
}

/** A request's end: answered, refused by its server, or timed out. */
function settle(state: BalancerState, id: string, outcome: { ok: true } | { ok: false; reason: FailReason }, ctx: NodeContext, out: Effect[]): BalancerState {
  const pending = state.pending[id];
  const ms = Math.max(0, ctx.clockMs - pending.arrivedMs);
  const next: BalancerState = {
    ...state,
    pending: withoutEntry(state.pending, id),
    outstanding: bump(state.outstanding, pending.server, -1),
    recent: { ...state.recent, [pending.server]: remember(state.recent[pending.server], { ok: outcome.ok, ms }) },
  };
  if (outcome.ok) {
    out.push({ kind: 'send', to: pending.client, message: { type: 'Reply', id } });
    out.push({ kind: 'metric', name: 'latency', metric: 'sample', value: ms });
    return { ...next, counts: { ...state.counts, ok: state.counts.ok + 1 } };
  }
  const timedOut = outcome.reason === 'timeout';
  out.push({ kind: 'send', to: pending.client, message: { type: 'Failed', id, reason: outcome.reason } });
  out.push({ kind: 'metric', name: 'failed', metric: 'count' }, { kind: 'metric', name: timedOut ? 'timeouts' : 'errors', metric: 'count' });
  if (timedOut) out.push({ kind: 'note', tag: 'timed-out', text: `${ctx.id} gave up on ${id} after ${ms} ms: ${pending.server} never answered` });
  const counts = timedOut ? { ...state.counts, timeouts: state.counts.timeouts + 1 } : { ...state.counts, errors: state.counts.errors + 1 };
  return { ...next, counts, failedAt: bump(state.failedAt, pending.server) };
}

function eject(state: BalancerState, server: string, ejection: Ejection, why: string, ctx: NodeContext, out: Effect[]): BalancerState {
  out.push({
    kind: 'note', tag: ejection.by === 'health' ? 'health-ejected' : 'outlier-ejected',
    text: `${ctx.id} ejected ${server}: ${why}${ejection.untilMs !== null ? ` (for ${Math.round((ejection.untilMs - ejection.atMs) / 1000)} s)` : ''}; ${state.failedAt[server] ?? 0} requests have failed there so far`,
    data: { server, failedThere: state.failedAt[server] ?? 0 },
  });
  const stranded = state.outstanding[server] ?? 0;
  if (stranded > 0) out.push({ kind: 'note', tag: 'stranded', text: `${stranded} requests ${ctx.id} sent to ${server} are still unanswered: they fail when they time out`, data: { server, stranded } });
  return { ...state, ejected: { ...state.ejected, [server]: ejection } };
}

function readmit(state: BalancerState, server: string, why: string, ctx: NodeContext, out: Effect[]): BalancerState {
  out.push({ kind: 'note', tag: 'readmitted', text: `${ctx.id} readmitted ${server}: ${why}`, data: { server } });
  // Old answers say nothing about the server that comes back.
  return { ...state, ejected: without(state.ejected, server), recent: without(state.recent, server), readmittedAt: { ...state.readmittedAt, [server]: ctx.clockMs } };
}

/** Each probe period: end expired outlier ejections, judge outliers, and send a probe round. */
function probeTick(state: BalancerState, ctx: NodeContext, out: Effect[]): BalancerState {
  const params = readParams(ctx.params);
  let next = state;
  for (const [server, ejection] of Object.entries(state.ejected)) {
    const checksOff = ejection.by === 'health' && state.settings.healthCheck === 'off';
    if (checksOff) next = readmit(next, server, 'health checks are off', ctx, out);
    else if (ejection.untilMs !== null && ejection.untilMs <= ctx.clockMs) {
      // Still failing its probes: it stays out, now until a probe passes.
      if ((next.probeFails[server] ?? 0) >= params.ejectAfter && state.settings.healthCheck !== 'off') {
        next = { ...next, ejected: { ...next.ejected, [server]: { by: 'health', atMs: ejection.atMs, untilMs: null } } };
      } else next = readmit(next, server, `its ${Math.round(params.ejectMs / 1000)} s outlier ejection is over`, ctx, out);
    }
  }
  if (next.settings.outlierEjection) {
    const usable = ctx.servers.filter((s) => next.ejected[s] === undefined);
    for (const outlier of findOutliers(usable, next.recent, Object.keys(next.ejected).length, ctx.servers.length)) {
      next = eject(next, outlier.server, { by: 'outlier', atMs: ctx.clockMs, untilMs: ctx.clockMs + params.ejectMs }, outlier.reason, ctx, out);
    }
  }
  out.push({ kind: 'metric', name: 'ejected', metric: 'sample', value: Object.keys(next.ejected).length });
  out.push({ kind: 'set-timer', timer: PROBE, afterMs: params.probeMs, quiet: true });
  if (next.settings.healthCheck === 'off') return next;
  const seq = next.probeSeq + 1;
  const deep = next.settings.healthCheck === 'deep';
  for (const server of ctx.servers) out.push({ kind: 'send', to: server, message: { type: 'Probe', seq, deep } });
  out.push({ kind: 'set-timer', timer: PROBE_DEADLINE, afterMs: params.probeTimeoutMs, quiet: true });
  return { ...next, probeSeq: seq, answered: {} };
}

/** A probe round's deadline: every server that did not answer healthy has failed one more. */
function probeDeadline(state: BalancerState, ctx: NodeContext, out: Effect[]): BalancerState {
  const { ejectAfter } = readParams(ctx.params);
  let probeFails = state.probeFails;
  let next = state;
  for (const server of ctx.servers) {
    if (state.answered[server]) continue;
    probeFails = bump(probeFails, server);
    const fails = probeFails[server];
    if (fails >= ejectAfter && next.ejected[server] === undefined) {
      next = eject(next, server, { by: 'health', atMs: ctx.clockMs, untilMs: null }, `${fails} probes in a row failed`, ctx, out);
    }
  }
  return probeFails === state.probeFails ? next : { ...next, probeFails };
}

function probeReply(state: BalancerState, from: string, reply: ProbeReplyMessage, ctx: NodeContext, out: Effect[]): BalancerState {
  if (reply.seq !== state.probeSeq || !reply.healthy || state.answered[from]) return state;
  let next: BalancerState = { ...state, answered: { ...state.answered, [from]: true }, probeFails: { ...state.probeFails, [from]: 0 } };
  if (next.ejected[from]?.by === 'health') next = readmit(next, from, 'it passed a probe', ctx, out);
  return next;
}

export const balancer: Protocol<BalancerState, null> = {
  id: 'balancing-balancer',
  init(ctx): Step<BalancerState> {
    return [fresh(ctx), [{ kind: 'set-timer', timer: PROBE, afterMs: readParams(ctx.params).probeMs, quiet: true }]];
  },
  onMessage(state, from, message: Message, ctx): Step<BalancerState> {
    const out: Effect[] = [];
    const id = String(message.id);
    switch (message.type) {
      case 'Request':
        return [route(state, from, id, ctx, out), out];
      case 'Reply':
      case 'Failed': {
        if (state.pending[id]?.server !== from) return [state, []];
        out.push({ kind: 'cancel-timer', timer: timeoutTimer(id) });
        const outcome = message.type === 'Reply' ? { ok: true as const } : { ok: false as const, reason: message.reason as FailReason };
        return [settle(state, id, outcome, ctx, out), out];
      }
      case 'ProbeReply':
        return [probeReply(state, from, message as ProbeReplyMessage, ctx, out), out];
      case 'Load': {
        const load = Number(message.load);
        return state.reported[from] === load ? [state, []] : [{ ...state, reported: { ...state.reported, [from]: load } }, []];
      }
      default:
        return [state, []];
    }
  },
  onTimer(state, timer, ctx): Step<BalancerState> {
    const out: Effect[] = [];
    if (timer === PROBE) return [probeTick(state, ctx, out), out];
    if (timer === PROBE_DEADLINE) return [probeDeadline(state, ctx, out), out];
    if (timer.startsWith('t:')) {
      const id = timer.slice(2);
      if (!state.pending[id]) return [state, []];
      return [settle(state, id, { ok: false, reason: 'timeout' }, ctx, out), out];
    }
    return [state, []];
  },
  onControl(state, control): Step<BalancerState> {
    if (control.do === 'configure') return [{ ...state, settings: control.settings as BalancingSettings }, []];
    return [state, []];
  },
  // A balancer keeps its pool, reports and requests in memory: a restarted one starts afresh,
  // trusting every server until its probes say otherwise.
  persisted: () => null,
  recover(_saved, ctx) {
    return balancer.init(ctx);
  },
  view(state): NodeView {
    const ejected = Object.keys(state.ejected);
    const waiting = Object.keys(state.pending).length;
    return {
      role: 'balancer',
      summary: `${state.settings.policy}, ${waiting} waiting${ejected.length ? `, ejected ${ejected.join(', ')}` : ''}`,
      badge: ejected.length ? `⊘${ejected.length}` : undefined,
      details: { policy: state.settings.policy, waiting, ejected: ejected.join(', ') || 'none', ...state.counts },
    };
  },
};
