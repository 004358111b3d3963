// The service: a server with a pool of workers, each finishing one request per service time, and
// a bounded queue in front of them. It does not know when a client gives up on a request, so under
// overload it can spend all its work on answers nobody is waiting for. Its defences: refusing
// arrivals beyond a shorter queue (queue-length shedding), dropping requests that can no longer
// finish before their deadline (deadline shedding), and serving the newest first when the queue
// is long (adaptive LIFO). A slowdown (the trigger) multiplies the service time for a while.
import type { Effect, Message, NodeContext, NodeView, Protocol, Step } from '../../engine/types';
import { pickSettings, readParams, serverCapacity, shedsByDeadline, type OverloadSettings, type OverloadShape } from './params';

/** A request as the server holds it; times are on the server's own clock. */
export interface HeldRequest {
  from: string;
  id: string;
  attempt: number;
  arrivedMs: number;
  /** Arrival plus the time the client said it would wait (gRPC's propagated timeout). */
  deadlineMs: number;
}

/** A request a worker is on, and whether deadline shedding was in force when it began. */
export interface WorkItem extends HeldRequest {
  startedMs: number;
  doneMs: number;
  underDeadline: boolean;
}

export type ShedReason = 'queue-full' | 'shed-queue' | 'expired' | 'lifo-dropped';

export interface ServerState {
  settings: OverloadSettings;
  /** Oldest first. */
  queue: HeldRequest[];
  /** One slot per worker. */
  working: (WorkItem | null)[];
  /** The service time multiplier (1 unless slowed down). */
  slow: number;
  served: number;
  shed: number;
  expired: number;
}

export interface SlowControl {
  do: 'slow';
  factor: number;
  forMs: number;
}

const SLOW_START = 'slow-start';
const SLOW_END = 'slow-end';
const TICK = 'tick';
const worker = (index: number) => `w${index}`;

function shapeOf(ctx: NodeContext): OverloadShape {
  return readParams(ctx.params);
}

function fresh(ctx: NodeContext): ServerState {
  const params = readParams(ctx.params);
  return { settings: pickSettings(params), queue: [], working: Array.from({ length: params.workers }, () => null), slow: 1, served: 0, shed: 0, expired: 0 };
}

/** Once a second the server reports its capacity and queue, so the charts can sum the servers. */
function tick(state: ServerState, ctx: NodeContext): Effect[] {
  const shape = shapeOf(ctx);
  return [
    { kind: 'metric', name: 'capacity', metric: 'count', value: serverCapacity(shape) / state.slow },
    { kind: 'metric', name: 'queued', metric: 'count', value: state.queue.length },
    { kind: 'set-timer', timer: TICK, afterMs: 1000, quiet: true },
  ];
}

/** The scheduled trigger's timers, from where this server's clock is (a restarted server too). */
function scheduleTrigger(ctx: NodeContext): { slow: number; effects: Effect[] } {
  const { triggerAtMs, triggerForMs, slowdown } = shapeOf(ctx);
  if (triggerForMs <= 0 || slowdown <= 1) return { slow: 1, effects: [] };
  const now = ctx.clockMs;
  if (now < triggerAtMs) return { slow: 1, effects: [{ kind: 'set-timer', timer: SLOW_START, afterMs: triggerAtMs - now }] };
  if (now < triggerAtMs + triggerForMs) return { slow: slowdown, effects: [{ kind: 'set-timer', timer: SLOW_END, afterMs: triggerAtMs + triggerForMs - now }] };
  return { slow: 1, effects: [] };
}

function shedReply(request: HeldRequest, reason: ShedReason): Effect {
  return { kind: 'send', to: request.from, message: { type: 'Shed', id: request.id, attempt: request.attempt, reason } };
}

/** Whether a request begun now would finish after its deadline. */
function tooLate(request: HeldRequest, nowMs: number, serviceMs: number): boolean {
  return nowMs + serviceMs > request.deadlineMs;
}

function serviceTime(state: ServerState, ctx: NodeContext): number {
  return shapeOf(ctx).serviceMs * state.slow;
}

/** Which waiting request a free worker takes: the oldest, or under adaptive LIFO with a long
 * queue the newest (whose client is most likely still waiting). */
function nextIndex(state: ServerState, ctx: NodeContext): number {
  if (state.settings.order === 'adaptive-lifo' && state.queue.length > shapeOf(ctx).shedAt) return state.queue.length - 1;
  return 0;
}

/** Fills free workers from the queue, dropping requests that can no longer make their deadline
 * when deadline shedding checks at dequeue. */
function startWork(state: ServerState, ctx: NodeContext, out: Effect[]): ServerState {
  const service = serviceTime(state, ctx);
  const checkAtDequeue = state.settings.shed === 'deadline';
  let { queue, working, shed, expired } = state;
  let copied = false;
  for (let slot = 0; slot < working.length && queue.length > 0; slot++) {
    if (working[slot] !== null) continue;
    for (;;) {
      if (queue.length === 0) break;
      const index = nextIndex({ ...state, queue }, ctx);
      const request = queue[index];
      queue = [...queue.slice(0, index), ...queue.slice(index + 1)];
      if (checkAtDequeue && tooLate(request, ctx.clockMs, service)) {
        out.push(shedReply(request, 'expired'), { kind: 'metric', name: 'shed', metric: 'count' });
        shed++;
        expired++;
        continue;
      }
      if (!copied) {
        working = working.slice();
        copied = true;
      }
      working[slot] = { ...request, startedMs: ctx.clockMs, doneMs: ctx.clockMs + service, underDeadline: shedsByDeadline(state.settings.shed) };
      out.push({ kind: 'set-timer', timer: worker(slot), afterMs: service, quiet: true });
      break;
    }
  }
  if (queue === state.queue && working === state.working) return state;
  return { ...state, queue, working, shed, expired };
}

function admit(state: ServerState, from: string, message: Message, ctx: NodeContext, out: Effect[]): ServerState {
  const shape = shapeOf(ctx);
  const request: HeldRequest = {
    from, id: String(message.id), attempt: Number(message.attempt), arrivedMs: ctx.clockMs,
    deadlineMs: ctx.clockMs + Number(message.timeoutMs),
  };
  const refuse = (reason: ShedReason): ServerState => {
    out.push(shedReply(request, reason), { kind: 'metric', name: 'shed', metric: 'count' });
    return { ...state, shed: state.shed + 1, expired: state.expired + (reason === 'expired' ? 1 : 0) };
  };
  if (shedsByDeadline(state.settings.shed) && tooLate(request, ctx.clockMs, serviceTime(state, ctx))) return refuse('expired');
  const busy = state.working.every((item) => item !== null);
  if (busy && state.settings.shed === 'queue-length' && state.queue.length >= shape.shedAt) return refuse('shed-queue');
  if (busy && state.queue.length >= shape.queueLimit) {
    if (state.settings.order !== 'adaptive-lifo') return refuse('queue-full');
    // Newest first: the oldest waiting request is the one least likely to be wanted still.
    const [oldest, ...rest] = state.queue;
    out.push(shedReply(oldest, 'lifo-dropped'), { kind: 'metric', name: 'shed', metric: 'count' });
    return { ...state, queue: [...rest, request], shed: state.shed + 1 };
  }
  return startWork({ ...state, queue: [...state.queue, request] }, ctx, out);
}

function finish(state: ServerState, slot: number, ctx: NodeContext, out: Effect[]): ServerState {
  const item = state.working[slot];
  if (!item) return state;
  out.push(
    { kind: 'send', to: item.from, message: { type: 'Reply', id: item.id, attempt: item.attempt } },
    { kind: 'metric', name: 'served', metric: 'count' },
  );
  const working = state.working.slice();
  working[slot] = null;
  return startWork({ ...state, working, served: state.served + 1 }, ctx, out);
}

function setSlow(state: ServerState, factor: number, ctx: NodeContext, out: Effect[], text: string, tag: string): ServerState {
  if (factor === state.slow) return state;
  out.push({ kind: 'note', tag, text: `${ctx.id} ${text}: ${Math.round(serverCapacity(shapeOf(ctx)) / factor)} requests/s` });
  return { ...state, slow: factor };
}

export const overloadServer: Protocol<ServerState, null> = {
  id: 'overload-server',
  init(ctx): Step<ServerState> {
    const { slow, effects } = scheduleTrigger(ctx);
    const state = { ...fresh(ctx), slow };
    return [state, [...effects, { kind: 'set-timer', timer: TICK, afterMs: 1, quiet: true }]];
  },
  onMessage(state, from, message, ctx): Step<ServerState> {
    if (message.type !== 'Request') return [state, []];
    const out: Effect[] = [];
    return [admit(state, from, message, ctx, out), out];
  },
  onTimer(state, timer, ctx): Step<ServerState> {
    const out: Effect[] = [];
    if (timer === TICK) return [state, tick(state, ctx)];
    if (timer === SLOW_START) {
      const { triggerForMs, slowdown } = shapeOf(ctx);
      out.push({ kind: 'set-timer', timer: SLOW_END, afterMs: triggerForMs });
      return [setSlow(state, slowdown, ctx, out, `slows down ${slowdown}×`, 'slowdown'), out];
    }
    if (timer === SLOW_END) return [setSlow(state, 1, ctx, out, 'is back to full speed', 'slowdown-over'), out];
    const slot = /^w(\d+)$/.exec(timer);
    if (slot) return [finish(state, Number(slot[1]), ctx, out), out];
    return [state, []];
  },
  onControl(state, control, ctx): Step<ServerState> {
    const out: Effect[] = [];
    if (control.do === 'configure') return [{ ...state, settings: control.settings as OverloadSettings }, []];
    if (control.do === 'slow') {
      const { factor, forMs } = control as unknown as SlowControl;
      if (forMs <= 0) return [state, []];
      out.push({ kind: 'set-timer', timer: SLOW_END, afterMs: forMs });
      return [setSlow(state, factor, ctx, out, `slows down ${factor}×`, 'slowdown'), out];
    }
    return [state, []];
  },
  // Queued and in-flight work is in memory: a crash loses it (its clients time out).
  persisted: () => null,
  recover(_saved, ctx) {
    return overloadServer.init(ctx);
  },
  view(state): NodeView {
    const busy = state.working.filter((item) => item !== null).length;
    return {
      role: 'server',
      summary: `${busy}/${state.working.length} busy, ${state.queue.length} queued${state.slow > 1 ? `, slowed ${state.slow}×` : ''}`,
      badge: `q${state.queue.length}`,
      details: { busy, queued: state.queue.length, slowedBy: state.slow, served: state.served, shed: state.shed, expired: state.expired },
    };
  },
};
