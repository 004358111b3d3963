// The register's handlers: a wrapper around Raft that keeps the store's stamps, serves AP
// operations locally, gossips in AP, and hands every CP operation to the Raft log.
import type { ControlAction, Effect, Message, NodeContext, Step } from '../../engine/types';
import { asClientRequest, reply, replyOf, type ClientRequest, type ReplyResult } from '../client/messages';
import { isSupported } from '../kv';
import type { RaftState } from '../raft';
import { lastIndex } from '../raft/log';
import { gossip, mergeAntiEntropy, startAntiEntropy } from './ap';
import { appendCommand, appendSync, needsSync, readyToSync } from './cp';
import type { RegisterMachine } from './machine';
import { adoptPeerMode, setMode, tagSends } from './mode';
import { registerParams } from './params';
import { registerRaft } from './raft';
import { StoreDraft } from './stamps';
import { serveLocally } from './store';
import { ANTI_ENTROPY_TIMER, type RegisterPersisted, type RegisterState, type Stamp } from './types';

type Raft = RaftState<RegisterMachine>;
const raft = registerRaft.protocol;

function fresh(raftState: Raft, ctx: NodeContext, out: Effect[]): RegisterState {
  const mode = registerParams(ctx.params).mode;
  if (mode === 'ap') startAntiEntropy(out, ctx);
  return { raft: { ...raftState, machine: { ...raftState.machine, lww: mode === 'ap' } }, mode, modeEpoch: 0, writeSeq: 0 };
}

export function init(ctx: NodeContext): Step<RegisterState> {
  const [raftState, out] = raft.init(ctx);
  const state = fresh(raftState, ctx, out);
  return [state, tagSends(out, state)];
}

/** The store survives with the log index it reflects (see RegisterPersisted); Raft's recovered
 * node then applies only the entries after it, committed as they were. */
export function recover(saved: RegisterPersisted, ctx: NodeContext): Step<RegisterState> {
  const [recovered, out] = raft.recover(saved.raft, ctx);
  const lastApplied = Math.min(saved.lastApplied, lastIndex(saved.raft));
  const machine: RegisterMachine = { store: saved.store, stamps: saved.stamps, lww: saved.mode === 'ap' };
  // The store is at least as recent as Raft's snapshot (taken at an index it had applied).
  const sessions = saved.sessions ?? recovered.sessions;
  const raftState: Raft = { ...recovered, machine, sessions, lastApplied, commitIndex: Math.max(recovered.commitIndex, lastApplied) };
  const state: RegisterState = { raft: raftState, mode: saved.mode, modeEpoch: saved.modeEpoch, writeSeq: saved.writeSeq };
  if (state.mode === 'ap') startAntiEntropy(out, ctx);
  return [state, tagSends(out, state)];
}

export function persisted(state: RegisterState): RegisterPersisted {
  return {
    raft: raft.persisted(state.raft),
    store: state.raft.machine.store,
    stamps: state.raft.machine.stamps,
    lastApplied: state.raft.lastApplied,
    ...(state.raft.sessions === undefined || Object.keys(state.raft.sessions).length === 0 ? {} : { sessions: state.raft.sessions }),
    mode: state.mode,
    modeEpoch: state.modeEpoch,
    writeSeq: state.writeSeq,
  };
}

/** Raft's answers to clients are CP answers: their result records the mode. */
function markCp(effects: Effect[], out: Effect[]): void {
  for (const effect of effects) {
    const answer = replyOf(effect);
    if (answer !== null && answer.result.status !== 'redirect') out.push(reply(answer.to, answer.requestId, { ...answer.result, mode: 'cp' }));
    else out.push(effect);
  }
}

function withRaft(state: RegisterState, raftState: Raft): RegisterState {
  return raftState === state.raft ? state : { ...state, raft: raftState };
}

/** After Raft stepped (its machine applied what committed): append a sync entry if it is due. */
function afterRaft(state: RegisterState, [raftState, effects]: Step<Raft>, ctx: NodeContext, out: Effect[]): RegisterState {
  markCp(effects, out);
  const next = withRaft(state, raftState);
  return readyToSync(next) ? withRaft(next, appendSync(next, ctx, out)) : next;
}

function finish(state: RegisterState, out: Effect[]): Step<RegisterState> {
  return [state, tagSends(out, state)];
}

export function onMessage(state: RegisterState, from: string, message: Message, ctx: NodeContext): Step<RegisterState> {
  const request = asClientRequest(from, message);
  if (request !== null) return onRequest(state, request, ctx);
  const out: Effect[] = [];
  const next = adoptPeerMode(state, from, message, ctx, out);
  if (message.type === 'AntiEntropy') return finish(next.mode === 'ap' ? mergeAntiEntropy(next, message) : next, out);
  return finish(afterRaft(next, raft.onMessage(next.raft, from, message, ctx), ctx, out), out);
}

export function onTimer(state: RegisterState, timer: string, ctx: NodeContext): Step<RegisterState> {
  const out: Effect[] = [];
  if (timer !== ANTI_ENTROPY_TIMER) return finish(afterRaft(state, raft.onTimer(state.raft, timer, ctx), ctx, out), out);
  if (state.mode === 'ap') gossip(state, ctx, out); // a round left over from AP stops here in CP
  return finish(state, out);
}

export function onControl(state: RegisterState, control: ControlAction, ctx: NodeContext): Step<RegisterState> {
  if (control.do !== 'setMode') return [state, []];
  const out: Effect[] = [];
  const next = setMode(state, control.mode, ctx, out);
  return finish(afterRaft(next, [next.raft, []], ctx, out), out);
}

function nextStamp(state: RegisterState, ctx: NodeContext): Stamp {
  return { ms: ctx.clockMs, node: ctx.id, seq: state.writeSeq + 1 };
}

export function onRequest(state: RegisterState, request: ClientRequest, ctx: NodeContext): Step<RegisterState> {
  const out: Effect[] = [];
  if (state.mode === 'ap') return finish(serveAp(state, request, ctx, out), out);
  if (state.raft.role !== 'leader') return finish(afterRaft(state, registerRaft.onRequest(state.raft, request, ctx), ctx, out), out);
  const answers: Effect[] = [];
  const duplicate = registerRaft.acceptDuplicate(state.raft, request, ctx, answers);
  if (duplicate !== null) {
    markCp(answers, out); // Raft §8: an applied request answered again from the session table
    return finish(duplicate === state.raft ? state : { ...state, raft: duplicate }, out);
  }
  const refusal = refuseCp(state, request);
  if (refusal !== null) {
    out.push(reply(request.client, request.requestId, refusal));
    return finish(state, out);
  }
  const writes = request.op.f !== 'read';
  const stamp = writes ? nextStamp(state, ctx) : undefined;
  const counted = writes ? { ...state, writeSeq: state.writeSeq + 1 } : state;
  const raftOut: Effect[] = [];
  const raftState = appendCommand(counted.raft, request, stamp, ctx, raftOut);
  return finish(afterRaft(counted, [raftState, raftOut], ctx, out), out);
}

/** A CP leader refuses what it cannot append yet; a refusal certainly did not happen. */
function refuseCp(state: RegisterState, request: ClientRequest): ReplyResult | null {
  if (!isSupported(request.op)) return { status: 'fail', error: `unsupported operation ${request.op.f}`, mode: 'cp' };
  if (needsSync(state)) return { status: 'fail', error: 'the leader is re-syncing replicas after AP mode', mode: 'cp' };
  return null;
}

function serveAp(state: RegisterState, request: ClientRequest, ctx: NodeContext, out: Effect[]): RegisterState {
  const machine = state.raft.machine;
  const draft = new StoreDraft(machine.store, machine.stamps);
  const result = serveLocally(draft, request.op, nextStamp(state, ctx));
  out.push(reply(request.client, request.requestId, result));
  if (request.op.f === 'read' || result.status !== 'ok') return state;
  const next = { ...state, writeSeq: state.writeSeq + 1 };
  return draft.changed ? { ...next, raft: { ...state.raft, machine: { ...machine, store: draft.store, stamps: draft.stamps } } } : next;
}
