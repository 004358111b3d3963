// The echo service: servers answer every Ping with a Pong; clients ping a server of their choice
// every interval, wait a timeout, and retry on another server with exponential backoff until a
// retry budget runs out. The platform's worked example: small, but its clients are real actors
// with logic of their own (they can be crashed, paused and cut off like the servers).
import type { Effect, Message, NodeContext, NodeView, Protocol, Step } from '../../engine/types';

export interface EchoParams {
  intervalMs: number;
  timeoutMs: number;
  /** Attempts after the first before a request is given up. */
  retries: number;
  /** The first retry waits this long; each later one twice as long. */
  backoffMs: number;
}

export const ECHO_DEFAULTS: EchoParams = { intervalMs: 400, timeoutMs: 150, retries: 3, backoffMs: 50 };

export function echoParams(params: Record<string, unknown>): EchoParams {
  const read = (key: keyof EchoParams) => (typeof params[key] === 'number' ? (params[key] as number) : ECHO_DEFAULTS[key]);
  return { intervalMs: read('intervalMs'), timeoutMs: read('timeoutMs'), retries: read('retries'), backoffMs: read('backoffMs') };
}

export interface EchoServerState {
  served: number;
}

export const echoServer: Protocol<EchoServerState, EchoServerState> = {
  id: 'echo-server',
  init: () => [{ served: 0 }, []],
  onMessage(state, from, message): Step<EchoServerState> {
    if (message.type !== 'Ping') return [state, []];
    return [{ served: state.served + 1 }, [{ kind: 'send', to: from, message: { type: 'Pong', seq: message.seq } }]];
  },
  onTimer: (state) => [state, []],
  // A restarted server has lost its count, not its ability to answer.
  persisted: () => ({ served: 0 }),
  recover: (saved) => [saved, []],
  view: (state): NodeView => ({ role: 'server', summary: `served ${state.served}`, badge: String(state.served), details: { served: state.served } }),
};

export interface EchoClientState {
  /** The request in progress: its sequence number, attempt (0 = first) and the server asked. */
  current: { seq: number; attempt: number; server: string; startedMs: number } | null;
  nextSeq: number;
  answered: number;
  retried: number;
  gaveUp: number;
}

const NEXT = 'next';
const TIMEOUT = 'timeout';
const RETRY = 'retry';

function note(out: Effect[], tag: string, text: string): void {
  out.push({ kind: 'note', tag, text });
}

function ask(state: EchoClientState, seq: number, attempt: number, ctx: NodeContext, out: Effect[]): EchoClientState {
  // A retry goes to another server: the one that did not answer may be down or cut off.
  const server = ctx.servers[(ctx.rng.int(ctx.servers.length) + attempt) % ctx.servers.length];
  out.push({ kind: 'send', to: server, message: { type: 'Ping', seq } });
  out.push({ kind: 'set-timer', timer: TIMEOUT, afterMs: echoParams(ctx.params).timeoutMs });
  out.push({ kind: 'metric', name: attempt === 0 ? 'pings' : 'retries', metric: 'count' });
  const startedMs = attempt === 0 ? ctx.clockMs : state.current?.startedMs ?? ctx.clockMs;
  return { ...state, current: { seq, attempt, server, startedMs } };
}

export const echoClient: Protocol<EchoClientState, EchoClientState> = {
  id: 'echo-client',
  init(ctx) {
    const { intervalMs } = echoParams(ctx.params);
    return [{ current: null, nextSeq: 1, answered: 0, retried: 0, gaveUp: 0 }, [{ kind: 'set-timer', timer: NEXT, range: { minMs: 1, maxMs: intervalMs } }]];
  },
  onMessage(state, from, message: Message, ctx) {
    if (message.type !== 'Pong' || state.current === null || message.seq !== state.current.seq) return [state, []];
    const out: Effect[] = [
      { kind: 'cancel-timer', timer: TIMEOUT },
      { kind: 'metric', name: 'answered', metric: 'count' },
      { kind: 'metric', name: 'latency', metric: 'sample', value: ctx.clockMs - state.current.startedMs },
    ];
    if (state.current.attempt > 0) note(out, 'answered-after-retry', `${from} answered ping ${message.seq} on attempt ${state.current.attempt + 1}`);
    return [{ ...state, current: null, answered: state.answered + 1 }, out];
  },
  onTimer(state, timer, ctx) {
    const out: Effect[] = [];
    const params = echoParams(ctx.params);
    if (timer === NEXT) {
      out.push({ kind: 'set-timer', timer: NEXT, afterMs: params.intervalMs });
      if (state.current !== null) return [state, out]; // still busy with the last one
      return [ask({ ...state, nextSeq: state.nextSeq + 1 }, state.nextSeq, 0, ctx, out), out];
    }
    if (state.current === null) return [state, []];
    const { seq, attempt, server } = state.current;
    if (timer === RETRY) return [ask(state, seq, attempt, ctx, out), out];
    if (attempt >= params.retries) {
      note(out, 'gave-up', `${ctx.id} gave up on ping ${seq} after ${attempt + 1} attempts`);
      out.push({ kind: 'metric', name: 'gave-up', metric: 'count' });
      return [{ ...state, current: null, gaveUp: state.gaveUp + 1 }, out];
    }
    note(out, 'retried', `${ctx.id} got no answer from ${server} for ping ${seq}: retrying in ${params.backoffMs * 2 ** attempt} ms`);
    out.push({ kind: 'set-timer', timer: RETRY, afterMs: params.backoffMs * 2 ** attempt });
    return [{ ...state, current: { ...state.current, attempt: attempt + 1 }, retried: state.retried + 1 }, out];
  },
  persisted: (state) => ({ ...state, current: null }),
  recover(saved, ctx) {
    return [saved, [{ kind: 'set-timer', timer: NEXT, afterMs: echoParams(ctx.params).intervalMs }]];
  },
  view: (state): NodeView => ({
    role: 'client',
    summary: state.current ? `ping ${state.current.seq} → ${state.current.server}` : 'idle',
    details: { answered: state.answered, retried: state.retried, gaveUp: state.gaveUp },
  }),
};
