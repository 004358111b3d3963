// The proposer (Paxos Made Simple §2.2, §3): phase 1 asks the acceptors to promise a fresh
// ballot and report their votes; with a majority of promises it proposes, in phase 2, the value
// of the highest-ballot vote reported, or its own if none was. A Nack (a higher promise) or a
// missing majority ends the attempt; it retries after a fixed wait, or, with backoff, a random one.
// With Multi-Paxos on, a proposer whose phase 1 succeeds leads: it fills later slots with phase 2
// alone while its ballot holds, and heartbeats keep the other proposers from campaigning.
import type { ControlAction, Effect, NodeContext, NodeView, Protocol, Step } from '../../engine/types';
import { ballotOf, formatBallot, majorityOf, roundOf } from './ballot';
import { asPaxos, wire, type Accepted, type Heartbeat, type Nack, type PromiseReply } from './messages';
import {
  cancelAttemptTimers, firstUnchosen, logFull, ownValue, retryDelayMs, TIMERS, type ProposerState,
} from './proposer-state';
import { readSettings, readTiming, sameSettings, type PaxosSettings } from './settings';

export type { ProposerState } from './proposer-state';

export interface ProposerDisk {
  index: number;
  round: number;
  slot: number;
  chosen: Record<number, string>;
  settings: PaxosSettings;
}

function indexOf(ctx: NodeContext): number {
  return Number(ctx.id.replace(/\D/g, '')) || 1;
}

function backOff(state: ProposerState, ctx: NodeContext, out: Effect[]): ProposerState {
  const next: ProposerState = { ...state, phase: 'backing-off', proposal: null, promises: [], acks: [] };
  out.push({ kind: 'set-timer', timer: TIMERS.retry, afterMs: retryDelayMs(next, ctx) });
  return next;
}

/** Phase 1a: a fresh ballot, above every round it has used or heard of. */
function prepare(state: ProposerState, ctx: NodeContext, out: Effect[]): ProposerState {
  const multi = state.settings.multiPaxos;
  if (multi ? logFull(state, ctx) : state.chosen[state.slot] !== undefined && state.request === null) {
    return { ...state, phase: 'idle', proposal: null };
  }
  const round = state.round + 1;
  const ballot = ballotOf(round, state.index);
  const fromSlot = multi ? firstUnchosen(state.chosen) : state.slot;
  for (const acceptor of ctx.servers) out.push({ kind: 'send', to: acceptor, message: wire({ type: 'Prepare', ballot, fromSlot }) });
  out.push({ kind: 'set-timer', timer: TIMERS.collect, afterMs: readTiming(ctx.params).collectMs });
  out.push({ kind: 'metric', name: 'phase1', metric: 'count' });
  return { ...state, round, ballot, fromSlot, phase: 'preparing', promises: [], votes: {}, proposal: null, acks: [], leader: multi ? null : state.leader };
}

/** Phase 2a for one slot: the value the promises force, or its own. */
function propose(state: ProposerState, slot: number, ctx: NodeContext, out: Effect[]): ProposerState {
  const wanted = slot === state.slot && state.request !== null ? state.request : ownValue(state.index, slot);
  const forced = state.votes[slot];
  const value = forced ? forced.value : wanted;
  if (forced && forced.value !== wanted) {
    out.push({ kind: 'note', tag: 'adopted', text: `${ctx.id} proposes ${value}, not its own ${wanted}: a promise reported ${value} accepted at ${formatBallot(forced.ballot)}`, data: { slot } });
  }
  for (const acceptor of ctx.servers) out.push({ kind: 'send', to: acceptor, message: wire({ type: 'Accept', ballot: state.ballot, slot, value }) });
  out.push({ kind: 'set-timer', timer: TIMERS.accept, afterMs: readTiming(ctx.params).acceptTimeoutMs });
  out.push({ kind: 'metric', name: 'phase2', metric: 'count' });
  return { ...state, proposal: { slot, value }, acks: [] };
}

function onPromise(state: ProposerState, from: string, message: PromiseReply): ProposerState {
  if (state.phase !== 'preparing' || message.ballot !== state.ballot || state.promises.includes(from)) return state;
  const votes = { ...state.votes };
  for (const [slot, vote] of Object.entries(message.votes)) {
    const held = votes[Number(slot)];
    if (!held || held.ballot < vote.ballot) votes[Number(slot)] = vote;
  }
  return { ...state, promises: [...state.promises, from], votes };
}

/** The gathering window closed: phase 2 with a majority of promises, else try again. */
function onCollected(state: ProposerState, ctx: NodeContext): Step<ProposerState> {
  if (state.phase !== 'preparing') return [state, []];
  const out: Effect[] = [];
  const needed = majorityOf(ctx.servers.length);
  if (state.promises.length < needed) {
    out.push({ kind: 'note', tag: 'no-majority', text: `${ctx.id} heard ${state.promises.length} of ${needed} promises needed for ${formatBallot(state.ballot)}; it will try again` });
    return [backOff({ ...state, failures: state.failures + 1 }, ctx, out), out];
  }
  if (!state.settings.multiPaxos) return [propose({ ...state, phase: 'accepting' }, state.slot, ctx, out), out];
  out.push({ kind: 'note', tag: 'leader', text: `${ctx.id} leads with ${formatBallot(state.ballot)}: phase 1 done for slot ${state.fromSlot} and every later slot` });
  const leading = sendHeartbeats({ ...state, phase: 'leading', leader: ctx.id }, ctx, out);
  return [propose(leading, firstUnchosen(state.chosen), ctx, out), out];
}

function sendHeartbeats(state: ProposerState, ctx: NodeContext, out: Effect[]): ProposerState {
  for (const peer of ctx.peers) out.push({ kind: 'send', to: peer, message: wire({ type: 'Heartbeat', ballot: state.ballot }) });
  out.push({ kind: 'set-timer', timer: TIMERS.heartbeat, afterMs: readTiming(ctx.params).heartbeatMs });
  return state;
}

function onAccepted(state: ProposerState, from: string, message: Accepted, ctx: NodeContext): Step<ProposerState> {
  const { proposal } = state;
  if ((state.phase !== 'accepting' && state.phase !== 'leading') || message.ballot !== state.ballot || proposal?.slot !== message.slot || state.acks.includes(from)) {
    return [state, []];
  }
  const acks = [...state.acks, from];
  if (acks.length !== majorityOf(ctx.servers.length)) return [{ ...state, acks }, []];
  const out: Effect[] = [{ kind: 'cancel-timer', timer: TIMERS.accept }, { kind: 'metric', name: 'chosen', metric: 'count' }];
  const skipped = state.phase === 'leading' && proposal.slot > state.fromSlot;
  out.push({
    kind: 'note', tag: skipped ? 'phase1-skipped' : 'chosen',
    text: `${proposal.value} chosen for slot ${proposal.slot} at ${formatBallot(state.ballot)}: ${acks.length} of ${ctx.servers.length} acceptors accepted it${skipped ? ', with phase 2 alone' : ''}`,
    data: { slot: proposal.slot },
  });
  const chosen = { ...state.chosen, [proposal.slot]: proposal.value };
  if (state.phase === 'accepting') {
    const done: ProposerState = { ...state, acks, chosen, failures: 0, phase: 'idle', request: null, proposal: null };
    // Multi-Paxos was switched on during this single-decree attempt: campaign for the rest.
    return [done.settings.multiPaxos && !logFull(done, ctx) ? backOff(done, ctx, out) : done, out];
  }
  out.push({ kind: 'set-timer', timer: TIMERS.next, afterMs: readTiming(ctx.params).intervalMs });
  return [{ ...state, acks, chosen, failures: 0 }, out];
}

/** Multi-Paxos leader: the next slot, phase 2 only, while the ballot holds. */
function onNextSlot(state: ProposerState, ctx: NodeContext): Step<ProposerState> {
  if (state.phase !== 'leading') return [state, []];
  const out: Effect[] = [];
  if (logFull(state, ctx)) {
    out.push({ kind: 'cancel-timer', timer: TIMERS.heartbeat });
    return [{ ...state, phase: 'idle', proposal: null }, out];
  }
  return [propose(state, firstUnchosen(state.chosen), ctx, out), out];
}

function onAcceptTimeout(state: ProposerState, ctx: NodeContext): Step<ProposerState> {
  const out: Effect[] = [];
  if (state.phase === 'leading' && state.proposal) return [propose(state, state.proposal.slot, ctx, out), out];
  if (state.phase !== 'accepting') return [state, []];
  out.push({ kind: 'note', tag: 'no-majority', text: `${ctx.id} got no majority of Accepted for ${formatBallot(state.ballot)} in time; it will try again` });
  return [backOff({ ...state, failures: state.failures + 1 }, ctx, out), out];
}

/** A higher promise somewhere: this attempt (or this leadership) is over. */
function onNack(state: ProposerState, from: string, message: Nack, ctx: NodeContext): Step<ProposerState> {
  const live = state.phase === 'preparing' || state.phase === 'accepting' || state.phase === 'leading';
  if (!live || message.ballot !== state.ballot) return [state, []];
  const out: Effect[] = [];
  cancelAttemptTimers(out);
  out.push({ kind: 'metric', name: 'preemptions', metric: 'count' });
  out.push({ kind: 'note', tag: 'preempted', text: `${ctx.id}'s ballot ${formatBallot(state.ballot)} was pre-empted: ${from} has promised ${formatBallot(message.promised)}`, data: { slot: state.proposal?.slot ?? state.fromSlot } });
  const round = Math.max(state.round, roundOf(message.promised));
  return [backOff({ ...state, round, failures: state.failures + 1, leader: null }, ctx, out), out];
}

/** Multi-Paxos: a live leader with a ballot at least ours; defer to it until it falls silent. */
function onHeartbeat(state: ProposerState, from: string, message: Heartbeat, ctx: NodeContext): Step<ProposerState> {
  if (!state.settings.multiPaxos || (state.phase === 'leading' && message.ballot < state.ballot)) return [state, []];
  const out: Effect[] = [];
  if (state.phase !== 'following') cancelAttemptTimers(out);
  out.push({ kind: 'set-timer', timer: TIMERS.lease, afterMs: readTiming(ctx.params).leaderTimeoutMs });
  const round = Math.max(state.round, roundOf(message.ballot));
  if (state.phase === 'following' && state.leader === from && state.round === round) return [state, out];
  return [{ ...state, phase: 'following', leader: from, round, proposal: null, promises: [], acks: [] }, out];
}

function onLeaderSilent(state: ProposerState, ctx: NodeContext): Step<ProposerState> {
  if (state.phase !== 'following') return [state, []];
  const out: Effect[] = [];
  if (logFull(state, ctx)) return [{ ...state, phase: 'idle', leader: null }, out];
  out.push({ kind: 'note', tag: 'leader-silent', text: `${ctx.id} heard nothing from ${state.leader ?? 'a leader'} for a while: it will campaign` });
  return [backOff({ ...state, leader: null }, ctx, out), out];
}

function onChosen(state: ProposerState, slot: number, value: string): ProposerState {
  return state.chosen[slot] === value ? state : { ...state, chosen: { ...state.chosen, [slot]: value } };
}

/** The side panel's switches, pushed to every live proposer. */
function configure(state: ProposerState, settings: PaxosSettings, ctx: NodeContext): Step<ProposerState> {
  if (sameSettings(settings, state.settings)) return [state, []];
  const next = { ...state, settings };
  const out: Effect[] = [];
  if (settings.multiPaxos && !state.settings.multiPaxos && state.phase === 'idle' && !logFull(next, ctx)) {
    return [backOff(next, ctx, out), out];
  }
  if (!settings.multiPaxos && state.settings.multiPaxos && (state.phase === 'leading' || state.phase === 'following')) {
    cancelAttemptTimers(out);
    return [{ ...next, phase: 'idle', leader: null, proposal: null }, out];
  }
  return [next, out];
}

/** The `propose` action: start a fresh attempt now or `afterMs` from now (single decree: for
 * `slot`, with `value`). */
function proposeNow(state: ProposerState, control: ControlAction, ctx: NodeContext): Step<ProposerState> {
  const out: Effect[] = [];
  cancelAttemptTimers(out);
  const slot = typeof control.slot === 'number' ? control.slot : firstUnchosen(state.chosen);
  const request = typeof control.value === 'string' ? control.value : null;
  const fresh: ProposerState = { ...state, slot, request, failures: 0, leader: null, phase: 'backing-off', proposal: null, promises: [], acks: [] };
  const afterMs = typeof control.afterMs === 'number' ? control.afterMs : 0;
  if (afterMs > 0) {
    out.push({ kind: 'set-timer', timer: TIMERS.retry, afterMs });
    return [fresh, out];
  }
  return [prepare(fresh, ctx, out), out];
}

export const proposer: Protocol<ProposerState, ProposerDisk> = {
  id: 'paxos-proposer',
  init(ctx) {
    const state: ProposerState = {
      index: indexOf(ctx), settings: readSettings(ctx.params), round: 0, ballot: 0, phase: 'backing-off', slot: 1, request: null,
      fromSlot: 1, promises: [], votes: {}, proposal: null, acks: [], chosen: {}, failures: 0, leader: null,
    };
    return [state, [{ kind: 'set-timer', timer: TIMERS.retry, range: { minMs: 1, maxMs: 1 + readTiming(ctx.params).startSpreadMs } }]];
  },
  onMessage(state, from, raw, ctx) {
    const message = asPaxos(raw);
    switch (message?.type) {
      case 'Promise': return [onPromise(state, from, message), []];
      case 'Accepted': return onAccepted(state, from, message, ctx);
      case 'Nack': return onNack(state, from, message, ctx);
      case 'Heartbeat': return onHeartbeat(state, from, message, ctx);
      case 'Chosen': return [onChosen(state, message.slot, message.value), []];
      default: return [state, []];
    }
  },
  onTimer(state, timer, ctx) {
    const out: Effect[] = [];
    switch (timer) {
      case TIMERS.retry: return state.phase === 'backing-off' ? [prepare(state, ctx, out), out] : [state, []];
      case TIMERS.collect: return onCollected(state, ctx);
      case TIMERS.accept: return onAcceptTimeout(state, ctx);
      case TIMERS.next: return onNextSlot(state, ctx);
      case TIMERS.heartbeat: return state.phase === 'leading' ? [sendHeartbeats(state, ctx, out), out] : [state, []];
      case TIMERS.lease: return onLeaderSilent(state, ctx);
      default: return [state, []];
    }
  },
  onControl(state, control, ctx) {
    if (control.do === 'configure') return configure(state, control.settings as PaxosSettings, ctx);
    if (control.do === 'propose') return proposeNow(state, control, ctx);
    return [state, []];
  },
  // Its highest round must survive, or a restarted proposer could reuse a ballot for a new value.
  persisted: (state) => ({ index: state.index, round: state.round, slot: state.slot, chosen: state.chosen, settings: state.settings }),
  recover(disk, ctx) {
    const state: ProposerState = {
      ...disk, ballot: 0, phase: 'backing-off', request: null, fromSlot: disk.slot, promises: [], votes: {}, proposal: null, acks: [], failures: 0, leader: null,
    };
    const timing = readTiming(ctx.params);
    // Multi-Paxos: listen for a leader's heartbeat before campaigning.
    if (state.settings.multiPaxos) return [{ ...state, phase: 'following' }, [{ kind: 'set-timer', timer: TIMERS.lease, afterMs: timing.leaderTimeoutMs }]];
    return [state, [{ kind: 'set-timer', timer: TIMERS.retry, afterMs: 1 + timing.retryMs }]];
  },
  view: viewOf,
};

const PHASE_WORDS: Record<ProposerState['phase'], string> = {
  idle: 'idle', preparing: 'preparing', accepting: 'accepting', leading: 'leader', 'backing-off': 'backing off', following: 'follower',
};

function viewOf(state: ProposerState): NodeView {
  const slots = Object.keys(state.chosen).map(Number).sort((a, b) => a - b);
  const doing = state.phase === 'preparing'
    ? `phase 1 with ${formatBallot(state.ballot)}: ${state.promises.length} promises`
    : state.proposal ? `phase 2: ${state.proposal.value}@${formatBallot(state.ballot)} for slot ${state.proposal.slot}, ${state.acks.length} accepted` : PHASE_WORDS[state.phase];
  return {
    role: PHASE_WORDS[state.phase],
    summary: doing,
    badge: state.ballot > 0 ? `${formatBallot(state.ballot)}${state.proposal ? ` ${state.proposal.value}` : ''}` : undefined,
    log: slots.map((slot) => ({ term: roundOf(state.ballot), index: slot, label: state.chosen[slot], committed: true })),
    details: {
      phase: PHASE_WORDS[state.phase],
      ballot: formatBallot(state.ballot),
      highestRound: state.round,
      promises: state.promises.length,
      accepted: state.acks.length,
      failuresInARow: state.failures,
      leader: state.leader,
      backoff: state.settings.backoff,
      multiPaxos: state.settings.multiPaxos,
    },
  };
}
