// A replica's side of the protocol: store what a coordinator sends (or keep it as a hint for the
// replica it stands in for), answer reads with its versions, take read repairs, take hints
// handed off to it, and hand off the hints it keeps (§4.6).
import type { Effect, NodeContext, NodeId, Step } from '../../engine/types';
import { keepHint, readableVersions, storeVersions } from './store';
import type { DynamoState, Get, GetReply, Handoff, HandoffAck, Put, PutAck, Repair } from './types';
import { valueOf } from './versions';

export function onPut(state: DynamoState, from: NodeId, message: Put, ctx: NodeContext): Step<DynamoState> {
  const ack: Effect = { kind: 'send', to: from, message: { type: 'PutAck', cid: message.cid } satisfies PutAck };
  if (message.hintFor && message.hintFor !== ctx.id) {
    return [keepHint(state, message.hintFor, message.key, message.versions, () => ctx.next('dynamo-hint', 1)), [ack]];
  }
  return [storeVersions(state, message.key, message.versions), [ack]];
}

export function onGet(state: DynamoState, from: NodeId, message: Get): Step<DynamoState> {
  return [state, [{ kind: 'send', to: from, message: { type: 'GetReply', cid: message.cid, versions: readableVersions(state, message.key) } satisfies GetReply }]];
}

export function onRepair(state: DynamoState, message: Repair): Step<DynamoState> {
  return [storeVersions(state, message.key, message.versions), []];
}

/** Hints handed off to this node become its own versions. */
export function onHandoff(state: DynamoState, from: NodeId, message: Handoff): Step<DynamoState> {
  let next = state;
  for (const hint of message.hints) next = storeVersions(next, hint.key, hint.versions);
  return [next, [{ kind: 'send', to: from, message: { type: 'HandoffAck', ids: message.hints.map((hint) => hint.id) } satisfies HandoffAck }]];
}

/** The intended replica has the hints: they are deleted here. */
export function onHandoffAck(state: DynamoState, from: NodeId, message: HandoffAck, ctx: NodeContext): Step<DynamoState> {
  const ids = new Set(message.ids);
  const delivered = state.hints.filter((hint) => ids.has(hint.id));
  if (delivered.length === 0) return [state, []];
  const text = `${ctx.id} handed off ${delivered.map((hint) => `${hint.key}=${JSON.stringify(valueOf(hint.versions))}`).join(', ')} to ${from}: hinted handoff`;
  return [{ ...state, hints: state.hints.filter((hint) => !ids.has(hint.id)) }, [{ kind: 'note', tag: 'handoff', text, data: { to: from } }]];
}

/** Periodically: every hint goes to the replica it is meant for (a cut link drops it; the next
 * round tries again). */
export function sendHints(state: DynamoState): Effect[] {
  const byNode = new Map<NodeId, Handoff['hints']>();
  for (const hint of state.hints) {
    const list = byNode.get(hint.for) ?? [];
    list.push({ id: hint.id, key: hint.key, versions: hint.versions });
    byNode.set(hint.for, list);
  }
  return [...byNode].map(([to, hints]) => ({ kind: 'send', to, message: { type: 'Handoff', hints } satisfies Handoff }));
}
