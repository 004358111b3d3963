// A server behind the balancers: a pool of workers, each taking one request at a time for an
// exponentially distributed service time (its mean times the server's speed factor), and a bounded
// FIFO queue in front of them. It posts its load to every balancer at each multiple of `staleMs`,
// answers health probes, and can be slowed down or made to fail (it then answers every request
// with an error at once, and fails deep probes — but not shallow ones: its process still answers).
import type { Effect, Message, NodeContext, NodeView, Protocol, Step } from '../../engine/types';
import type { LoadMessage, ProbeMessage } from './messages';
import { initialFactor, readParams } from './params';
import { exponentialMs } from './sampling';

export interface HeldRequest {
  /** The balancer that sent it. */
  from: string;
  id: string;
}

export interface ServerState {
  /** Service time multiplier: 1 at full speed. */
  factor: number;
  failing: boolean;
  /** Oldest first. */
  queue: HeldRequest[];
  /** One slot per worker. */
  working: (HeldRequest | null)[];
  served: number;
  /** Refused because the queue was full. */
  refused: number;
  /** Answered with an error while failing. */
  errors: number;
}

export type ServerControl = { do: 'slow'; factor: number } | { do: 'fail'; failing: boolean };

const TICK = 'tick';
const REPORT = 'report';
/** How often a server files its load for the charts. */
export const SAMPLE_MS = 100;
const worker = (slot: number) => `w${slot}`;

export function loadOf(state: ServerState): number {
  let busy = 0;
  for (const item of state.working) if (item !== null) busy++;
  return state.queue.length + busy;
}

/** The per-server metric the queue heat strip reads. */
export const queueMetric = (id: string) => `queue.${id}`;

function fresh(ctx: NodeContext): ServerState {
  const params = readParams(ctx.params);
  const factor = initialFactor(params, Math.max(0, ctx.servers.indexOf(ctx.id)));
  return { factor, failing: false, queue: [], working: Array.from({ length: params.workers }, () => null), served: 0, refused: 0, errors: 0 };
}

/** The next report at a multiple of `staleMs` on this server's clock: every server posts at the
 * same moments, so all balancers read the same board between posts. */
function nextReport(ctx: NodeContext): Effect {
  const { staleMs } = readParams(ctx.params);
  const into = ((ctx.clockMs % staleMs) + staleMs) % staleMs;
  return { kind: 'set-timer', timer: REPORT, afterMs: staleMs - into, quiet: true };
}

function startWork(state: ServerState, ctx: NodeContext, out: Effect[]): ServerState {
  if (state.queue.length === 0) return state;
  const mean = readParams(ctx.params).serviceMs * state.factor;
  let queue = state.queue;
  let working = state.working;
  for (let slot = 0; slot < working.length && queue.length > 0; slot++) {
    if (working[slot] !== null) continue;
    if (working === state.working) working = working.slice();
    working[slot] = queue[0];
    queue = queue.slice(1);
    out.push({ kind: 'set-timer', timer: worker(slot), afterMs: exponentialMs(ctx.rng, mean), quiet: true });
  }
  return working === state.working ? state : { ...state, queue, working };
}

function admit(state: ServerState, from: string, id: string, ctx: NodeContext, out: Effect[]): ServerState {
  if (state.failing) {
    out.push({ kind: 'send', to: from, message: { type: 'Failed', id, reason: 'failing' } });
    return { ...state, errors: state.errors + 1 };
  }
  const busy = state.working.every((item) => item !== null);
  if (busy && state.queue.length >= readParams(ctx.params).queueLimit) {
    out.push({ kind: 'send', to: from, message: { type: 'Failed', id, reason: 'overloaded' } });
    out.push({ kind: 'note', tag: 'queue-full', text: `${ctx.id} refused ${id}: its queue is full (${state.queue.length} waiting)` });
    return { ...state, refused: state.refused + 1 };
  }
  return startWork({ ...state, queue: [...state.queue, { from, id }] }, ctx, out);
}

function finish(state: ServerState, slot: number, ctx: NodeContext, out: Effect[]): ServerState {
  const item = state.working[slot];
  if (!item) return state;
  out.push({ kind: 'send', to: item.from, message: { type: 'Reply', id: item.id } });
  const working = state.working.slice();
  working[slot] = null;
  return startWork({ ...state, working, served: state.served + 1 }, ctx, out);
}

export const balancingServer: Protocol<ServerState, null> = {
  id: 'balancing-server',
  init(ctx): Step<ServerState> {
    return [fresh(ctx), [{ kind: 'set-timer', timer: TICK, afterMs: SAMPLE_MS, quiet: true }, nextReport(ctx)]];
  },
  onMessage(state, from, message: Message, ctx): Step<ServerState> {
    const out: Effect[] = [];
    if (message.type === 'Request') return [admit(state, from, String(message.id), ctx, out), out];
    if (message.type === 'Probe') {
      const probe = message as ProbeMessage;
      out.push({ kind: 'send', to: from, message: { type: 'ProbeReply', seq: probe.seq, healthy: !(probe.deep && state.failing) } });
      return [state, out];
    }
    return [state, []];
  },
  onTimer(state, timer, ctx): Step<ServerState> {
    if (timer === TICK) {
      const load = loadOf(state);
      return [state, [
        { kind: 'metric', name: 'queue', metric: 'sample', value: load },
        { kind: 'metric', name: queueMetric(ctx.id), metric: 'sample', value: load },
        { kind: 'set-timer', timer: TICK, afterMs: SAMPLE_MS, quiet: true },
      ]];
    }
    if (timer === REPORT) {
      const report: LoadMessage = { type: 'Load', load: loadOf(state) };
      const out: Effect[] = (ctx.roster.balancer ?? []).map((to) => ({ kind: 'send', to, message: report }));
      out.push(nextReport(ctx));
      return [state, out];
    }
    const slot = /^w(\d+)$/.exec(timer);
    if (!slot) return [state, []];
    const out: Effect[] = [];
    return [finish(state, Number(slot[1]), ctx, out), out];
  },
  onControl(state, control, ctx): Step<ServerState> {
    const c = control as unknown as ServerControl;
    if (c.do === 'slow' && c.factor !== state.factor) {
      return [{ ...state, factor: c.factor }, [{ kind: 'note', tag: c.factor > 1 ? 'slowed' : 'full-speed', text: c.factor > 1 ? `${ctx.id} now takes ${c.factor}× as long per request` : `${ctx.id} is back to full speed` }]];
    }
    if (c.do === 'fail' && c.failing !== state.failing) {
      return [{ ...state, failing: c.failing }, [{ kind: 'note', tag: c.failing ? 'failing' : 'repaired', text: c.failing ? `${ctx.id} fails: it answers every request with an error` : `${ctx.id} is repaired` }]];
    }
    return [state, []];
  },
  // Queued and in-service requests are in memory: a crash loses them (their balancers time out).
  persisted: () => null,
  recover(_saved, ctx) {
    return balancingServer.init(ctx);
  },
  view(state): NodeView {
    const busy = state.working.filter((item) => item !== null).length;
    const flags = [state.factor > 1 ? `${state.factor}× slower` : '', state.failing ? 'FAILING' : ''].filter(Boolean).join(', ');
    return {
      role: 'server',
      summary: `${busy}/${state.working.length} busy, ${state.queue.length} queued${flags ? `, ${flags}` : ''}`,
      badge: `q${loadOf(state)}${state.failing ? ' ✕' : state.factor > 1 ? ` ${state.factor}×` : ''}`,
      details: { load: loadOf(state), queued: state.queue.length, busy, slowerBy: state.factor, failing: state.failing, served: state.served, refused: state.refused, errors: state.errors },
    };
  },
};
