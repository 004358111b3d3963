// Changing what a member believes: applying a rumor that wins (and spreading it on), refuting a
// rumor about itself with a higher incarnation, suspecting a member whose probe failed, and
// declaring a suspect dead when its suspicion timer runs out.
import type { Effect, NodeContext } from '../../engine/types';
import { enqueue } from './dissemination';
import { readParams } from './settings';
import { suspectTimer, TIMERS, type MemberState } from './state';
import { supersedes, type Rumor } from './view-order';
import { sendWithRumors } from './wire';

function bump(state: MemberState, key: keyof MemberState['counts']): MemberState['counts'] {
  return { ...state.counts, [key]: state.counts[key] + 1 };
}

/** Records the belief, restarts or stops the suspicion timer, and queues the rumor to spread. */
function believe(state: MemberState, rumor: Rumor, ctx: NodeContext, out: Effect[]): MemberState {
  const view = { ...state.view, [rumor.id]: { status: rumor.status, incarnation: rumor.incarnation, sinceMs: ctx.clockMs } };
  if (rumor.status === 'suspect') out.push({ kind: 'set-timer', timer: suspectTimer(rumor.id), afterMs: readParams(ctx.params).suspicionMs });
  else out.push({ kind: 'cancel-timer', timer: suspectTimer(rumor.id) });
  const deaths = rumor.status === 'dead' ? { ...state.deaths, [rumor.id]: ctx.clockMs } : state.deaths;
  return { ...state, view, deaths, buffer: enqueue(state.buffer, rumor) };
}

/** Applies a rumor heard from another member; the same state when it changes nothing. */
export function applyRumor(state: MemberState, rumor: Rumor, ctx: NodeContext, out: Effect[]): MemberState {
  if (rumor.id === ctx.id) return refute(state, rumor, ctx, out);
  if (!Object.hasOwn(state.view, rumor.id) || !supersedes(rumor, state.view[rumor.id])) return state;
  return believe(state, rumor, ctx, out);
}

export function applyRumors(state: MemberState, rumors: unknown, ctx: NodeContext, out: Effect[]): MemberState {
  if (!Array.isArray(rumors)) return state;
  let next = state;
  for (const rumor of rumors as Rumor[]) next = applyRumor(next, rumor, ctx, out);
  return next;
}

/** A rumor that this member is suspect or dead, at its incarnation or later: it is alive, so it
 * says so with a higher incarnation, which beats the rumor everywhere it has spread. Declared
 * dead, it also asks to be let back in (a join, retried with backoff). */
function refute(state: MemberState, rumor: Rumor, ctx: NodeContext, out: Effect[]): MemberState {
  if (rumor.status === 'alive' || rumor.incarnation < state.incarnation) return state;
  const incarnation = rumor.incarnation + 1;
  const self = { status: 'alive' as const, incarnation, sinceMs: state.view[ctx.id]?.sinceMs ?? ctx.clockMs };
  let next: MemberState = {
    ...state, incarnation, view: { ...state.view, [ctx.id]: self }, buffer: enqueue(state.buffer, { id: ctx.id, status: 'alive', incarnation }),
  };
  if (rumor.status === 'suspect') {
    out.push({ kind: 'note', tag: 'refuted', text: `${ctx.id} hears it is suspected and refutes with incarnation ${incarnation}`, data: { node: ctx.id, incarnation } });
    out.push({ kind: 'metric', name: 'refuted', metric: 'count' });
    return { ...next, counts: bump(next, 'refuted') };
  }
  out.push({ kind: 'note', tag: 'told-dead', text: `${ctx.id} hears it was declared dead: it rejoins with incarnation ${incarnation}`, data: { node: ctx.id, incarnation } });
  if (next.joining === null) next = startJoin(next, ctx, out);
  return next;
}

/** A probe of `target` got no ack, direct or indirect, within the protocol period. */
export function failedProbe(state: MemberState, target: string, ctx: NodeContext, out: Effect[]): MemberState {
  const current = state.view[target];
  if (current === undefined || current.status === 'dead') return state;
  if (!state.settings.suspicion) return declareDead(state, target, ctx, out, 'its probe failed (no suspicion: dead at once)');
  if (current.status === 'suspect') return state; // its suspicion timer is already running
  out.push({ kind: 'note', tag: 'suspected', text: `${ctx.id} got no ack from ${target}, directly or through others: suspects it`, data: { target, by: ctx.id } });
  out.push({ kind: 'metric', name: 'suspected', metric: 'count' });
  const next = believe(state, { id: target, status: 'suspect', incarnation: current.incarnation }, ctx, out);
  return { ...next, counts: bump(next, 'suspected') };
}

export function declareDead(state: MemberState, target: string, ctx: NodeContext, out: Effect[], why: string): MemberState {
  const current = state.view[target];
  if (current === undefined || current.status === 'dead') return state;
  out.push({ kind: 'note', tag: 'declared-dead', text: `${ctx.id} declares ${target} dead: ${why}`, data: { target, by: ctx.id, incarnation: current.incarnation } });
  out.push({ kind: 'metric', name: 'declared', metric: 'count' });
  const next = believe(state, { id: target, status: 'dead', incarnation: current.incarnation }, ctx, out);
  return { ...next, counts: bump(next, 'declared') };
}

/** The join contact: a member believed alive (any other member when none is). */
function joinContact(state: MemberState, ctx: NodeContext): string | null {
  const alive = ctx.peers.filter((id) => state.view[id]?.status !== 'dead');
  const pool = alive.length > 0 ? alive : ctx.peers;
  return pool.length > 0 ? ctx.rng.pick(pool) : null;
}

/** Backoff before join attempt `attempt` retries: one period, doubling, capped at 16 periods,
 * drawn from its upper half so that members who restarted together spread out. */
export function joinBackoffMs(periodMs: number, attempt: number): { minMs: number; maxMs: number } {
  const maxMs = periodMs * 2 ** Math.min(attempt, 4);
  return { minMs: Math.max(1, Math.floor(maxMs / 2)), maxMs };
}

export function sendJoin(state: MemberState, ctx: NodeContext, out: Effect[]): MemberState {
  const attempt = state.joining?.attempt ?? 0;
  out.push({ kind: 'set-timer', timer: TIMERS.join, range: joinBackoffMs(readParams(ctx.params).periodMs, attempt) });
  const contact = joinContact(state, ctx);
  if (contact === null) return state;
  return sendWithRumors(state, ctx, out, contact, { type: 'Join', incarnation: state.incarnation });
}

export function startJoin(state: MemberState, ctx: NodeContext, out: Effect[]): MemberState {
  return sendJoin({ ...state, joining: { attempt: 0 } }, ctx, out);
}

export function believeAlive(state: MemberState, id: string, incarnation: number, ctx: NodeContext, out: Effect[]): MemberState {
  return applyRumor(state, { id, status: 'alive', incarnation }, ctx, out);
}
