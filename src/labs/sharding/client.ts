// A client: an open loop of requests to the router at `rate` per second — reads and writes of
// Zipf-popular keys (or time-ordered inserts of new keys), range scans, and a share of requests on
// the one hot key (increments and reads of a counter). It waits up to a deadline for each answer.
import type { Effect, Message, NodeContext, NodeId, NodeView, Protocol, Step } from '../../engine/types';
import { withEntry, withoutEntry } from '../../protocols/owned-record';
import { hotKeyOf } from './keyspace';
import type { Op } from './messages';
import { CLIENT_TIMEOUT_MS, } from './router';
import { pickSettings, readParams, type WorkloadSettings } from './settings';
import { ROUTER_ROLE } from './shard';
import { drawRank, scrambledKey, zipfTable } from './zipf';

export interface ClientState {
  settings: WorkloadSettings;
  outstanding: Record<number, { startMs: number; op: Op; hot: boolean }>;
  sent: number;
  answered: number;
  lost: number;
  timedOut: number;
}

const NEXT = 'next';

interface Draw {
  op: Op;
  key: number;
  len?: number;
  value?: number;
}

/** The next request, drawn from the client's stream. */
export function drawRequest(settings: WorkloadSettings, ctx: NodeContext): Draw {
  const p = readParams(ctx.params);
  const zipfKey = () => scrambledKey(drawRank(zipfTable(p.keys, p.skew), ctx.rng), p.keys);
  // The hot key is a counter, mostly incremented (a like count): three increments to one read.
  if (ctx.rng.int(100) < settings.hotShare) return { op: ctx.rng.int(4) === 0 ? 'get' : 'incr', key: hotKeyOf(p.keys) };
  if (ctx.rng.int(100) < settings.scanShare) return { op: 'scan', key: zipfKey(), len: p.scanLength };
  if (ctx.rng.int(2) === 0) return { op: 'get', key: zipfKey() };
  if (settings.pattern === 'sequential') return { op: 'put', key: p.keys + ctx.next('insert'), value: ctx.next('value', 1) };
  return { op: 'put', key: zipfKey(), value: ctx.next('value', 1) };
}

function gapMs(ctx: NodeContext): number {
  const mean = 1000 / readParams(ctx.params).rate;
  return 1 + ctx.rng.int(Math.max(1, Math.round(2 * mean)));
}

function send(state: ClientState, ctx: NodeContext): Step<ClientState> {
  const out: Effect[] = [{ kind: 'set-timer', timer: NEXT, afterMs: gapMs(ctx), quiet: true }];
  const draw = drawRequest(state.settings, ctx);
  const id = ctx.next('request', 1);
  const router: NodeId = ctx.roster[ROUTER_ROLE][0];
  out.push({ kind: 'send', to: router, message: { type: 'Req', id, ...draw } });
  out.push({ kind: 'set-timer', timer: `t${id}`, afterMs: CLIENT_TIMEOUT_MS, quiet: true });
  out.push({ kind: 'metric', name: 'requests', metric: 'count' });
  const hot = draw.key === hotKeyOf(readParams(ctx.params).keys) && draw.op !== 'scan';
  return [{ ...state, sent: state.sent + 1, outstanding: withEntry(state.outstanding, id, { startMs: ctx.clockMs, op: draw.op, hot }) }, out];
}

function onAnswer(state: ClientState, message: Message, ctx: NodeContext): Step<ClientState> {
  const id = Number(message.id);
  const request = state.outstanding[id];
  if (!request) return [state, []];
  const outstanding = withoutEntry(state.outstanding, id);
  const out: Effect[] = [{ kind: 'cancel-timer', timer: `t${id}` }];
  if (!message.ok) {
    out.push({ kind: 'metric', name: 'lost', metric: 'count' });
    return [{ ...state, outstanding, lost: state.lost + 1 }, out];
  }
  const latency = ctx.clockMs - request.startMs;
  out.push({ kind: 'metric', name: 'latency', metric: 'sample', value: latency });
  if (request.hot) out.push({ kind: 'metric', name: request.op === 'get' ? 'hot-read-latency' : 'hot-write-latency', metric: 'sample', value: latency });
  if (request.op === 'scan') out.push({ kind: 'metric', name: 'scan-latency', metric: 'sample', value: latency });
  return [{ ...state, outstanding, answered: state.answered + 1 }, out];
}

export const clientProtocol: Protocol<ClientState, ClientState> = {
  id: 'sharding-client',
  init(ctx) {
    const state: ClientState = { settings: pickSettings(readParams(ctx.params)), outstanding: {}, sent: 0, answered: 0, lost: 0, timedOut: 0 };
    return [state, [{ kind: 'set-timer', timer: NEXT, afterMs: gapMs(ctx), quiet: true }]];
  },
  onMessage(state, _from, message, ctx) {
    return message.type === 'Res' ? onAnswer(state, message, ctx) : [state, []];
  },
  onTimer(state, timer, ctx) {
    if (timer === NEXT) return send(state, ctx);
    const id = Number(timer.slice(1));
    if (!state.outstanding[id]) return [state, []];
    const outstanding = withoutEntry(state.outstanding, id);
    const out: Effect[] = [
      { kind: 'metric', name: 'timed-out', metric: 'count' },
      { kind: 'note', tag: 'timed-out', text: `${ctx.id} got no answer to request ${id} within ${CLIENT_TIMEOUT_MS} ms` },
    ];
    return [{ ...state, outstanding, timedOut: state.timedOut + 1 }, out];
  },
  onControl(state, control) {
    return control.do === 'configure' ? [{ ...state, settings: control.settings as WorkloadSettings }, []] : [state, []];
  },
  persisted: (state) => ({ ...state, outstanding: {} }),
  recover: (saved, ctx) => [saved, [{ kind: 'set-timer', timer: NEXT, afterMs: gapMs(ctx), quiet: true }]],
  view: (state): NodeView => ({
    role: 'client',
    summary: `${Object.keys(state.outstanding).length} waiting, ${state.answered} answered`,
    details: { sent: state.sent, answered: state.answered, 'refused (lost)': state.lost, 'timed out': state.timedOut },
  }),
};
