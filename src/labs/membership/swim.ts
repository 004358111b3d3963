// SWIM (Das, Gupta and Motivala, DSN 2002) with Lifeguard-style suspicion: every protocol period
// a member pings one target (round-robin over a shuffled list, or uniformly at random); a missed
// ack sends ping-reqs to k others, who ping the target for it; no ack by the period's end makes
// the target suspect; a suspect that does not refute in time is declared dead. Beliefs spread
// piggybacked on the pings and acks themselves.
import type { Effect, Message, NodeContext, Step } from '../../engine/types';
import { applyRumor, applyRumors, believeAlive, declareDead, failedProbe, sendJoin } from './beliefs';
import { enqueue } from './dissemination';
import { readParams } from './settings';
import { TIMERS, type MemberState } from './state';
import type { Rumor } from './view-order';
import { sendWithRumors } from './wire';

/** Relays remembered at once: older ones are answered late or not at all, like a full buffer. */
const MAX_RELAYS = 16;

function shuffled(items: readonly string[], ctx: NodeContext): string[] {
  const copy = items.slice();
  for (let i = copy.length - 1; i > 0; i--) {
    const j = ctx.rng.int(i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/** The next probe target, or null when every other member is believed dead. */
function nextTarget(state: MemberState, ctx: NodeContext): { target: string | null; state: MemberState } {
  const probeable = (id: string) => state.view[id] !== undefined && state.view[id].status !== 'dead';
  if (readParams(ctx.params).probeOrder === 'random') {
    const candidates = ctx.peers.filter(probeable);
    return { target: candidates.length === 0 ? null : ctx.rng.pick(candidates), state };
  }
  // Round-robin over a list shuffled afresh each pass bounds the time until any member is probed.
  let { order, cursor } = state;
  for (let step = 0; step <= 2 * ctx.peers.length; step++) {
    if (cursor >= order.length) {
      order = shuffled(ctx.peers, ctx);
      cursor = 0;
    }
    const id = order[cursor++];
    if (probeable(id)) return { target: id, state: { ...state, order, cursor } };
  }
  return { target: null, state: { ...state, order, cursor } };
}

function onPeriod(state: MemberState, ctx: NodeContext, out: Effect[]): MemberState {
  const params = readParams(ctx.params);
  out.push({ kind: 'set-timer', timer: TIMERS.period, afterMs: params.periodMs });
  let next = state;
  if (next.probe !== null) {
    const target = next.probe.target;
    out.push({ kind: 'cancel-timer', timer: TIMERS.ack });
    next = failedProbe({ ...next, probe: null }, target, ctx, out);
  }
  const picked = nextTarget(next, ctx);
  if (picked.target === null) return picked.state;
  const seq = picked.state.seq + 1;
  next = { ...picked.state, seq, probe: { target: picked.target, seq, indirect: false }, counts: { ...picked.state.counts, probes: picked.state.counts.probes + 1 } };
  out.push({ kind: 'set-timer', timer: TIMERS.ack, afterMs: params.ackTimeoutMs });
  return sendWithRumors(next, ctx, out, picked.target, { type: 'Ping', seq });
}

/** The direct ping went unanswered: ask k other members to ping the target (ping-req). */
function onAckTimeout(state: MemberState, ctx: NodeContext, out: Effect[]): MemberState {
  const probe = state.probe;
  if (probe === null || probe.indirect) return state;
  const helpers = ctx.peers.filter((id) => id !== probe.target && state.view[id] !== undefined && state.view[id].status !== 'dead');
  const chosen = shuffled(helpers, ctx).slice(0, state.settings.indirectK);
  let next: MemberState = { ...state, probe: { ...probe, indirect: true } };
  for (const helper of chosen) next = sendWithRumors(next, ctx, out, helper, { type: 'PingReq', seq: probe.seq, target: probe.target });
  return next;
}

export function swimTimer(state: MemberState, timer: string, ctx: NodeContext): Step<MemberState> {
  const out: Effect[] = [];
  if (timer === TIMERS.period) return [onPeriod(state, ctx, out), out];
  if (timer === TIMERS.ack) return [onAckTimeout(state, ctx, out), out];
  if (timer === TIMERS.join) {
    if (state.joining === null) return [state, out];
    out.push({ kind: 'note', tag: 'join-retry', text: `${ctx.id} got no answer to its join: tries again (attempt ${state.joining.attempt + 2})`, data: { node: ctx.id } });
    return [sendJoin({ ...state, joining: { attempt: state.joining.attempt + 1 } }, ctx, out), out];
  }
  if (timer.startsWith('suspect:')) {
    const target = timer.slice('suspect:'.length);
    if (state.view[target]?.status !== 'suspect') return [state, out];
    return [declareDead(state, target, ctx, out, `suspected for ${readParams(ctx.params).suspicionMs} ms without a refutation`), out];
  }
  return [state, out];
}

function onAck(state: MemberState, from: string, seq: number, ctx: NodeContext, out: Effect[]): MemberState {
  const relay = state.relays.find((r) => r.seq === seq);
  if (relay) {
    const next = { ...state, relays: state.relays.filter((r) => r !== relay) };
    return sendWithRumors(next, ctx, out, relay.origin, { type: 'Ack', seq: relay.originSeq, target: from });
  }
  const probe = state.probe;
  if (probe === null || probe.seq !== seq) return state; // late: that period is over
  out.push({ kind: 'cancel-timer', timer: TIMERS.ack });
  if (from !== probe.target) {
    out.push({ kind: 'note', tag: 'indirect-ack', text: `${from} reached ${probe.target} for ${ctx.id}: the direct ping was lost, the indirect probe was not`, data: { target: probe.target, via: from } });
  }
  return { ...state, probe: null };
}

export function swimMessage(state: MemberState, from: string, message: Message, ctx: NodeContext): Step<MemberState> {
  const out: Effect[] = [];
  let next = applyRumors(state, message.rumors, ctx, out);
  // A member this one believes dead is talking: tell it (the reply carries the rumor), so it
  // refutes or rejoins instead of staying dead to everyone without knowing.
  const sender = next.view[from];
  if (sender?.status === 'dead' && message.type !== 'Join' && !next.buffer.some((r) => r.id === from && r.status === 'dead')) {
    next = { ...next, buffer: enqueue(next.buffer, { id: from, status: 'dead', incarnation: sender.incarnation }) };
  }
  switch (message.type) {
    case 'Ping':
      next = sendWithRumors(next, ctx, out, from, { type: 'Ack', seq: message.seq });
      break;
    case 'Ack':
      next = onAck(next, from, message.seq as number, ctx, out);
      break;
    case 'PingReq': {
      const seq = next.seq + 1;
      const relays = [...next.relays.slice(-(MAX_RELAYS - 1)), { seq, origin: from, originSeq: message.seq as number }];
      next = sendWithRumors({ ...next, seq, relays }, ctx, out, message.target as string, { type: 'Ping', seq });
      break;
    }
    case 'Join': {
      next = believeAlive(next, from, message.incarnation as number, ctx, out);
      const members: Rumor[] = Object.entries(next.view).map(([id, entry]) => ({ id, status: entry.status, incarnation: entry.incarnation }));
      next = sendWithRumors(next, ctx, out, from, { type: 'JoinAck', members });
      break;
    }
    case 'JoinAck': {
      if (next.joining === null) break;
      out.push({ kind: 'cancel-timer', timer: TIMERS.join });
      out.push({ kind: 'note', tag: 'rejoined', text: `${ctx.id} is back in, at incarnation ${next.incarnation} (${from} let it in)`, data: { node: ctx.id, incarnation: next.incarnation } });
      out.push({ kind: 'metric', name: 'rejoined', metric: 'count' });
      next = { ...next, joining: null, counts: { ...next.counts, rejoined: next.counts.rejoined + 1 } };
      for (const rumor of (message.members as Rumor[]) ?? []) next = applyRumor(next, rumor, ctx, out);
      break;
    }
    default:
      break;
  }
  return [next, out];
}
