// The acceptor (Paxos Made Simple §2.2): it promises never to accept a ballot lower than the
// highest Prepare it has answered, and accepts a value unless that would break the promise. Its
// promise and votes are what must survive a crash; the lab's broken rule throws them away.
import type { ControlAction, Effect, NodeContext, NodeView, Protocol, Step } from '../../engine/types';
import { formatBallot, roundOf } from './ballot';
import { asPaxos, wire, type Accept, type Prepare, type Vote } from './messages';
import { readSettings, sameSettings, type PaxosSettings } from './settings';

export interface AcceptorState {
  /** The highest ballot it has promised (0: none). */
  promised: number;
  /** Its vote per slot: the value it last accepted and at which ballot. */
  votes: Record<number, Vote>;
  settings: PaxosSettings;
}

export type AcceptorDisk = AcceptorState;

function onPrepare(state: AcceptorState, from: string, message: Prepare): Step<AcceptorState> {
  if (message.ballot < state.promised) {
    return [state, [{ kind: 'send', to: from, message: wire({ type: 'Nack', ballot: message.ballot, promised: state.promised }) }]];
  }
  const votes: Record<number, Vote> = {};
  for (const [slot, vote] of Object.entries(state.votes)) if (Number(slot) >= message.fromSlot) votes[Number(slot)] = vote;
  const next = message.ballot === state.promised ? state : { ...state, promised: message.ballot };
  return [next, [{ kind: 'send', to: from, message: wire({ type: 'Promise', ballot: message.ballot, votes }) }]];
}

function onAccept(state: AcceptorState, from: string, message: Accept, ctx: NodeContext): Step<AcceptorState> {
  if (message.ballot < state.promised) {
    return [state, [{ kind: 'send', to: from, message: wire({ type: 'Nack', ballot: message.ballot, promised: state.promised }) }]];
  }
  const { ballot, slot, value } = message;
  const held = state.votes[slot];
  const unchanged = held !== undefined && held.ballot === ballot && held.value === value && state.promised === ballot;
  const next = unchanged ? state : { ...state, promised: ballot, votes: { ...state.votes, [slot]: { ballot, value } } };
  const accepted = wire({ type: 'Accepted', ballot, slot, value });
  const out: Effect[] = [{ kind: 'send', to: from, message: accepted }];
  for (const learner of ctx.roster.learner ?? []) out.push({ kind: 'send', to: learner, message: accepted });
  return [next, out];
}

function describe(state: AcceptorState): string {
  const slots = Object.keys(state.votes).map(Number).sort((a, b) => a - b);
  const votes = slots.map((slot) => `${slots.length > 1 || slot !== 1 ? `[${slot}] ` : ''}${state.votes[slot].value}@${formatBallot(state.votes[slot].ballot)}`);
  return `promised ${formatBallot(state.promised)}${votes.length ? `, accepted ${votes.join(' ')}` : ', accepted nothing'}`;
}

export const acceptor: Protocol<AcceptorState, AcceptorDisk> = {
  id: 'paxos-acceptor',
  init: (ctx) => [{ promised: 0, votes: {}, settings: readSettings(ctx.params) }, []],
  onMessage(state, from, raw, ctx) {
    const message = asPaxos(raw);
    if (message?.type === 'Prepare') return onPrepare(state, from, message);
    if (message?.type === 'Accept') return onAccept(state, from, message, ctx);
    return [state, []];
  },
  onTimer: (state) => [state, []],
  onControl(state, control: ControlAction) {
    if (control.do !== 'configure') return [state, []];
    const settings = control.settings as PaxosSettings;
    return [sameSettings(settings, state.settings) ? state : { ...state, settings }, []];
  },
  // Paxos needs the promise and the votes on stable storage before answering (Paxos Made Simple
  // §2.3); the broken rule keeps only the setting, so the acceptor comes back blank.
  persisted: (state) => (state.settings.forgetOnRestart ? { promised: 0, votes: {}, settings: state.settings } : state),
  recover: (disk) => [disk, []],
  view(state): NodeView {
    const slots = Object.keys(state.votes).map(Number).sort((a, b) => a - b);
    const last = slots.length ? state.votes[slots[slots.length - 1]] : null;
    return {
      role: 'acceptor',
      summary: describe(state),
      badge: `${formatBallot(state.promised)}${last ? ` · ${last.value}@${formatBallot(last.ballot)}` : ''}`,
      log: slots.map((slot) => ({ term: roundOf(state.votes[slot].ballot), index: slot, label: state.votes[slot].value, committed: false })),
      details: {
        promised: formatBallot(state.promised),
        ...Object.fromEntries(slots.map((slot) => [`slot ${slot}`, `${state.votes[slot].value} at ${formatBallot(state.votes[slot].ballot)}`])),
        forgetsOnRestart: state.settings.forgetOnRestart,
      },
    };
  },
};
