// The learner (Paxos Made Simple §2.3): it hears every acceptor's Accepted and learns a value once
// a majority of acceptors accepted it at the same ballot; then it tells the proposers. If it ever
// sees a majority for a different value in the same slot, it records the conflict: with the
// rules kept, that never happens.
import type { Effect, NodeContext, NodeView, Protocol, Step } from '../../engine/types';
import { formatBallot, majorityOf, roundOf } from './ballot';
import { asPaxos, wire, type Accepted } from './messages';

/** Who accepted a slot's value at one ballot. */
interface Tally {
  value: string;
  by: string[];
}

export interface Learned {
  value: string;
  ballot: number;
  atMs: number;
}

export interface Conflict {
  slot: number;
  first: string;
  second: string;
  atMs: number;
}

export interface LearnerState {
  /** Per slot, per ballot: the acceptors heard. Only the newest few ballots are kept. */
  tallies: Record<number, Record<number, Tally>>;
  learned: Record<number, Learned>;
  conflicts: Conflict[];
}

/** Ballots of a slot a learner keeps tallies for (a duel makes many; the newest matter). */
const TALLIES_KEPT = 8;

function tallied(tallies: Record<number, Tally>, ballot: number, tally: Tally): Record<number, Tally> {
  const next = { ...tallies, [ballot]: tally };
  const ballots = Object.keys(next).map(Number).sort((a, b) => a - b);
  for (const old of ballots.slice(0, Math.max(0, ballots.length - TALLIES_KEPT))) delete next[old];
  return next;
}

function onAccepted(state: LearnerState, from: string, message: Accepted, ctx: NodeContext): Step<LearnerState> {
  const { slot, ballot, value } = message;
  const slotTallies = state.tallies[slot] ?? {};
  const tally = slotTallies[ballot] ?? { value, by: [] };
  if (tally.by.includes(from) || tally.value !== value) return [state, []];
  const by = [...tally.by, from];
  let next: LearnerState = { ...state, tallies: { ...state.tallies, [slot]: tallied(slotTallies, ballot, { value, by }) } };
  if (by.length !== majorityOf(ctx.servers.length)) return [next, []];
  const out: Effect[] = [];
  const known = state.learned[slot];
  if (!known) {
    next = { ...next, learned: { ...next.learned, [slot]: { value, ballot, atMs: ctx.clockMs } } };
    out.push({ kind: 'note', tag: 'learned', text: `${ctx.id} learned ${value} for slot ${slot}: a majority accepted it at ${formatBallot(ballot)}`, data: { slot, ballot } });
    for (const proposer of ctx.roster.proposer ?? []) out.push({ kind: 'send', to: proposer, message: wire({ type: 'Chosen', slot, value }) });
  } else if (known.value !== value && !state.conflicts.some((c) => c.slot === slot && c.second === value)) {
    next = { ...next, conflicts: [...next.conflicts, { slot, first: known.value, second: value, atMs: ctx.clockMs }] };
    out.push({ kind: 'note', tag: 'learner-conflict', text: `${ctx.id} learned ${known.value} for slot ${slot}, and now a majority accepted ${value} at ${formatBallot(ballot)}` });
  }
  return [next, out];
}

export const learner: Protocol<LearnerState, LearnerState> = {
  id: 'paxos-learner',
  init: () => [{ tallies: {}, learned: {}, conflicts: [] }, []],
  onMessage(state, from, raw, ctx) {
    const message = asPaxos(raw);
    return message?.type === 'Accepted' ? onAccepted(state, from, message, ctx) : [state, []];
  },
  onTimer: (state) => [state, []],
  // What it learned is on its disk; the half-counted tallies are not.
  persisted: (state) => ({ tallies: {}, learned: state.learned, conflicts: state.conflicts }),
  recover: (disk) => [disk, []],
  view(state): NodeView {
    const slots = Object.keys(state.learned).map(Number).sort((a, b) => a - b);
    const first = state.learned[1];
    return {
      role: 'learner',
      summary: slots.length ? `learned ${slots.map((s) => `[${s}] ${state.learned[s].value}`).join(' ')}` : 'learned nothing yet',
      badge: slots.length === 0 ? undefined : slots.length === 1 && first ? first.value : slots.map((s) => state.learned[s].value).join(' '),
      log: slots.map((slot) => ({ term: roundOf(state.learned[slot].ballot), index: slot, label: state.learned[slot].value, committed: true })),
      details: {
        ...Object.fromEntries(slots.map((slot) => [`slot ${slot}`, `${state.learned[slot].value} (majority at ${formatBallot(state.learned[slot].ballot)})`])),
        conflicts: state.conflicts.length,
      },
    };
  },
};
