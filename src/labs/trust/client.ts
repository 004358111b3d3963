// A client writes fresh values (a run-wide counter: no two writes carry the same value) to the
// primary, one at a time, and records each in the history: the checks compare every replica's
// value with the values clients actually wrote. Clients talk to n1 over their own links, which
// the attacker does not sit on.
import type { Effect, NodeView, Protocol } from '../../engine/types';
import { trustParams } from './params';
import { SERVER_ROLE } from './wire';

const WRITE_TIMER = 'write';
const TIMEOUT_TIMER = 'timeout';

export interface WriterState {
  pending: { req: number; value: number; sentAtMs: number } | null;
  nextReq: number;
  ok: number;
  unknown: number;
}

function processOf(id: string): number {
  const digits = Number(id.replace(/^\D+/, ''));
  return Number.isInteger(digits) ? digits : 0;
}

export const writer: Protocol<WriterState, null> = {
  id: 'trust-writer',
  init(ctx) {
    const [minMs, maxMs] = trustParams(ctx.params).writeEveryMs;
    return [{ pending: null, nextReq: 1, ok: 0, unknown: 0 }, [{ kind: 'set-timer', timer: WRITE_TIMER, range: { minMs, maxMs }, quiet: true }]];
  },
  onMessage(state, from, message, ctx) {
    if (message.type !== 'WriteOk' || state.pending === null || message.req !== state.pending.req) return [state, []];
    const out: Effect[] = [
      { kind: 'cancel-timer', timer: TIMEOUT_TIMER },
      { kind: 'history', event: { process: processOf(ctx.id), type: 'ok', f: 'write', value: state.pending.value, client: ctx.id, node: from } },
      { kind: 'metric', name: 'write-latency', metric: 'sample', value: ctx.clockMs - state.pending.sentAtMs },
      { kind: 'metric', name: 'writes-ok', metric: 'count' },
    ];
    return [{ ...state, pending: null, ok: state.ok + 1 }, out];
  },
  onTimer(state, timer, ctx) {
    const params = trustParams(ctx.params);
    if (timer === WRITE_TIMER) {
      const out: Effect[] = [{ kind: 'set-timer', timer: WRITE_TIMER, range: { minMs: params.writeEveryMs[0], maxMs: params.writeEveryMs[1] }, quiet: true }];
      if (state.pending !== null) return [state, out];
      const primary = (ctx.roster[SERVER_ROLE] ?? [])[0];
      const value = ctx.next('trust-value', 1);
      const req = state.nextReq;
      out.push(
        { kind: 'history', event: { process: processOf(ctx.id), type: 'invoke', f: 'write', value, client: ctx.id, node: primary } },
        { kind: 'trace', as: 'request', to: primary, text: `${ctx.id} asks ${primary}: write x=${value}` },
        { kind: 'send', to: primary, message: { type: 'Write', req, value } },
        { kind: 'set-timer', timer: TIMEOUT_TIMER, afterMs: params.timeoutMs, quiet: true },
      );
      return [{ ...state, pending: { req, value, sentAtMs: ctx.clockMs }, nextReq: req + 1 }, out];
    }
    if (timer === TIMEOUT_TIMER && state.pending !== null) {
      const out: Effect[] = [
        { kind: 'history', event: { process: processOf(ctx.id), type: 'info', f: 'write', value: state.pending.value, client: ctx.id } },
        { kind: 'metric', name: 'writes-unknown', metric: 'count' },
      ];
      return [{ ...state, pending: null, unknown: state.unknown + 1 }, out];
    }
    return [state, []];
  },
  persisted: () => null,
  recover(_saved, ctx) {
    return writer.init(ctx);
  },
  view: (state): NodeView => ({
    role: 'client',
    summary: state.pending ? `writing x=${state.pending.value}` : 'idle',
    details: { ok: state.ok, unknown: state.unknown },
  }),
};
