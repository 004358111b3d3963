// A client: an open loop of requests to its balancer (client i talks to balancer i mod L), with
// exponentially distributed gaps so that all clients together offer `load` times the servers'
// starting capacity — they keep sending whether or not answers come back, as users do.
import type { Effect, NodeContext, NodeView, Protocol, Step } from '../../engine/types';
import { readParams, totalCapacity } from './params';
import { exponentialMs } from './sampling';

export interface ClientState {
  sent: number;
  ok: number;
  failed: number;
}

const SEND = 'send';

/** The mean gap between this client's requests. */
export function meanGapMs(ctx: NodeContext): number {
  const params = readParams(ctx.params);
  const clients = Math.max(1, ctx.roster.client?.length ?? 1);
  const perSecond = (params.load * totalCapacity(params, ctx.servers.length)) / clients;
  return 1000 / perSecond;
}

function balancerOf(ctx: NodeContext): string | undefined {
  const balancers = ctx.roster.balancer ?? [];
  const index = Math.max(0, (ctx.roster.client ?? []).indexOf(ctx.id));
  return balancers[index % Math.max(1, balancers.length)];
}

function schedule(ctx: NodeContext): Effect {
  return { kind: 'set-timer', timer: SEND, afterMs: exponentialMs(ctx.rng, meanGapMs(ctx)), quiet: true };
}

export const balancingClient: Protocol<ClientState, ClientState> = {
  id: 'balancing-client',
  init: (ctx) => [{ sent: 0, ok: 0, failed: 0 }, [schedule(ctx)]],
  onMessage(state, _from, message): Step<ClientState> {
    if (message.type === 'Reply') return [{ ...state, ok: state.ok + 1 }, []];
    if (message.type === 'Failed') return [{ ...state, failed: state.failed + 1 }, []];
    return [state, []];
  },
  onTimer(state, timer, ctx): Step<ClientState> {
    if (timer !== SEND) return [state, []];
    const to = balancerOf(ctx);
    const out: Effect[] = [schedule(ctx)];
    if (to === undefined) return [state, out];
    out.push({ kind: 'send', to, message: { type: 'Request', id: `${ctx.id}-${state.sent + 1}` } });
    return [{ ...state, sent: state.sent + 1 }, out];
  },
  persisted: (state) => state,
  recover: (saved, ctx) => [saved, [schedule(ctx)]],
  view: (state): NodeView => ({ role: 'client', summary: `sent ${state.sent}, ${state.ok} answered, ${state.failed} failed`, details: { ...state } }),
};
