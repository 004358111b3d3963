// A Dynamo server as an engine protocol: coordinator for the clients beside it, replica for the
// keys whose preference list holds it. Settings arrive in the params and, while running, as a
// `configure` control; store, hints and counters survive a crash, open requests do not.
import { asClientRequest } from '../client/messages';
import type { ControlAction, Effect, Message, NodeContext, NodeId, Protocol, Step } from '../../engine/types';
import { onDigest, onSync, startRound } from './anti-entropy';
import { clampConfig, readQuorumConfig, TIMING } from './config';
import { timerCoordination } from './coordination';
import { coordinate, onAnswer, onExpire, onPresumeDown } from './coordinator';
import { onGet, onHandoff, onHandoffAck, onPut, onRepair, sendHints } from './replica';
import type { Digest, DynamoPersisted, DynamoState, Get, GetReply, Handoff, HandoffAck, Put, PutAck, QuorumConfig, Repair, Sync } from './types';
import { dynamoView } from './view';

export const HANDOFF_TIMER = 'handoff';
export const ANTI_ENTROPY_TIMER = 'anti-entropy';

/** The periodic timers the settings ask for, and cancellations of those they do not. */
function periodicTimers(config: QuorumConfig): Effect[] {
  return [
    config.hintedHandoff ? { kind: 'set-timer', timer: HANDOFF_TIMER, range: TIMING.handoffMs, quiet: true } : { kind: 'cancel-timer', timer: HANDOFF_TIMER },
    config.antiEntropy ? { kind: 'set-timer', timer: ANTI_ENTROPY_TIMER, range: TIMING.antiEntropyMs, quiet: true } : { kind: 'cancel-timer', timer: ANTI_ENTROPY_TIMER },
  ];
}

function init(ctx: NodeContext): Step<DynamoState> {
  const config = readQuorumConfig(ctx.params, ctx.servers.length);
  return [{ config, store: {}, hints: [], coordinating: {}, seq: 0, writes: [], finished: [] }, periodicTimers(config)];
}

function onMessage(state: DynamoState, from: NodeId, message: Message, ctx: NodeContext): Step<DynamoState> {
  const request = asClientRequest(from, message);
  if (request) return coordinate(state, request.client, request.requestId, request.op, ctx);
  switch (message.type) {
    case 'Put': return onPut(state, from, message as unknown as Put, ctx);
    case 'PutAck': return onAnswer(state, from, (message as unknown as PutAck).cid, null, ctx);
    case 'Get': return onGet(state, from, message as unknown as Get);
    case 'GetReply': return onAnswer(state, from, (message as unknown as GetReply).cid, (message as unknown as GetReply).versions, ctx);
    case 'Repair': return onRepair(state, message as unknown as Repair);
    case 'Handoff': return onHandoff(state, from, message as unknown as Handoff);
    case 'HandoffAck': return onHandoffAck(state, from, message as unknown as HandoffAck, ctx);
    case 'Digest': return onDigest(state, from, message as unknown as Digest, ctx);
    case 'Sync': return onSync(state, from, message as unknown as Sync, ctx);
    default: return [state, []];
  }
}

function onTimer(state: DynamoState, timer: string, ctx: NodeContext): Step<DynamoState> {
  if (timer === HANDOFF_TIMER) {
    if (!state.config.hintedHandoff) return [state, []];
    return [state, [...sendHints(state), { kind: 'set-timer', timer: HANDOFF_TIMER, range: TIMING.handoffMs, quiet: true }]];
  }
  if (timer === ANTI_ENTROPY_TIMER) {
    if (!state.config.antiEntropy) return [state, []];
    return [state, [...startRound(state, ctx), { kind: 'set-timer', timer: ANTI_ENTROPY_TIMER, range: TIMING.antiEntropyMs, quiet: true }]];
  }
  const coordination = timerCoordination(timer);
  if (!coordination) return [state, []];
  return coordination.kind === 'expire' ? onExpire(state, coordination.cid, ctx) : onPresumeDown(state, coordination.cid, ctx);
}

/** `{do: 'configure', config}`: new settings (clamped); periodic timers follow the switches. */
function onControl(state: DynamoState, control: ControlAction, ctx: NodeContext): Step<DynamoState> {
  if (control.do !== 'configure' || typeof control.config !== 'object' || control.config === null) return [state, []];
  const config = clampConfig({ ...state.config, ...(control.config as Partial<QuorumConfig>) }, ctx.servers.length);
  const switched = config.hintedHandoff !== state.config.hintedHandoff || config.antiEntropy !== state.config.antiEntropy;
  return [{ ...state, config }, switched ? periodicTimers(config) : []];
}

export const dynamoServer: Protocol<DynamoState, DynamoPersisted> = {
  id: 'dynamo-server',
  init,
  onMessage,
  onTimer,
  onControl,
  persisted: ({ coordinating: _open, finished: _finished, ...disk }) => disk,
  recover: (disk) => [{ ...disk, coordinating: {}, finished: [] }, periodicTimers(disk.config)],
  view: dynamoView,
};
