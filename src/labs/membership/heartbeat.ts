// All-to-all heartbeats: every period each member tells every other that it is alive; a member
// not heard from for the timeout is declared dead, and heard again, alive. Simple and accurate
// about who it heard, but every member sends N − 1 messages a period.
import type { Effect, Message, NodeContext, Step } from '../../engine/types';
import { heartbeatTimeoutTicks, readParams } from './settings';
import { TIMERS, type MemberState } from './state';
import type { Entry } from './view-order';
import { countSend } from './wire';

export function heartbeatTimer(state: MemberState, timer: string, ctx: NodeContext): Step<MemberState> {
  if (timer !== TIMERS.period) return [state, []];
  const params = readParams(ctx.params);
  const out: Effect[] = [{ kind: 'set-timer', timer: TIMERS.period, afterMs: params.periodMs }];
  for (const peer of ctx.peers) {
    out.push({ kind: 'send', to: peer, message: { type: 'Heartbeat', incarnation: state.incarnation } });
    countSend(out, 'Heartbeat', ctx.servers.length);
  }
  const tick = state.tick + 1;
  const limit = heartbeatTimeoutTicks(params);
  let view: Record<string, Entry> | null = null;
  let declared = 0;
  let deaths = state.deaths;
  for (const peer of ctx.peers) {
    const entry = (view ?? state.view)[peer];
    if (entry === undefined || entry.status === 'dead' || tick - (state.heard[peer] ?? 0) <= limit) continue;
    view ??= { ...state.view };
    view[peer] = { status: 'dead', incarnation: entry.incarnation, sinceMs: ctx.clockMs };
    declared++;
    deaths = { ...deaths, [peer]: ctx.clockMs };
    out.push({ kind: 'note', tag: 'declared-dead', text: `${ctx.id} declares ${peer} dead: no heartbeat for ${params.heartbeatTimeoutMs} ms`, data: { target: peer, by: ctx.id, incarnation: entry.incarnation } });
    out.push({ kind: 'metric', name: 'declared', metric: 'count' });
  }
  const counts = declared > 0 ? { ...state.counts, declared: state.counts.declared + declared } : state.counts;
  return [{ ...state, tick, view: view ?? state.view, deaths, counts }, out];
}

export function heartbeatMessage(state: MemberState, from: string, message: Message, ctx: NodeContext): Step<MemberState> {
  if (message.type !== 'Heartbeat' || !Object.hasOwn(state.view, from)) return [state, []];
  const incarnation = message.incarnation as number;
  const entry = state.view[from];
  const heard = state.heard[from] === state.tick ? state.heard : { ...state.heard, [from]: state.tick };
  if (entry.status === 'alive' && incarnation <= entry.incarnation) return [heard === state.heard ? state : { ...state, heard }, []];
  const out: Effect[] = [];
  if (entry.status === 'dead') out.push({ kind: 'metric', name: 'revived', metric: 'count' });
  const view = { ...state.view, [from]: { status: 'alive' as const, incarnation: Math.max(incarnation, entry.incarnation), sinceMs: ctx.clockMs } };
  return [{ ...state, heard, view }, out];
}
