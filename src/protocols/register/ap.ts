// AP mode: every node answers from its own copy at once and replicates in the background by
// anti-entropy: on a timer it sends its whole store and stamps to every peer, which merges them
// key by key, last writer wins (Dynamo §4.7 and §6; Cassandra's cell timestamps).
import type { Effect, Message, NodeContext } from '../../engine/types';
import { antiEntropyRange, registerParams } from './params';
import { StoreDraft } from './stamps';
import { ANTI_ENTROPY_TIMER, type AntiEntropy, type RegisterState, type Stamp } from './types';

export function startAntiEntropy(out: Effect[], ctx: NodeContext): void {
  out.push({ kind: 'set-timer', timer: ANTI_ENTROPY_TIMER, range: antiEntropyRange(registerParams(ctx.params)) });
}

export function stopAntiEntropy(out: Effect[]): void {
  out.push({ kind: 'cancel-timer', timer: ANTI_ENTROPY_TIMER });
}

/** One anti-entropy round: the whole store and its stamps to every peer, then the next round. */
export function gossip(state: RegisterState, ctx: NodeContext, out: Effect[]): void {
  const message: AntiEntropy = { type: 'AntiEntropy', store: state.raft.machine.store, stamps: state.raft.machine.stamps };
  for (const peer of ctx.peers) out.push({ kind: 'send', to: peer, message: message as unknown as Message });
  startAntiEntropy(out, ctx);
}

function isStamp(value: unknown): value is Stamp {
  if (typeof value !== 'object' || value === null) return false;
  const stamp = value as Record<string, unknown>;
  return typeof stamp.ms === 'number' && typeof stamp.node === 'string' && typeof stamp.seq === 'number';
}

/** Merges a peer's store into ours: each key takes the peer's value if its stamp is newer. */
export function mergeAntiEntropy(state: RegisterState, message: Message): RegisterState {
  const { store, stamps } = message as Partial<AntiEntropy>;
  if (typeof store !== 'object' || store === null || typeof stamps !== 'object' || stamps === null) return state;
  const machine = state.raft.machine;
  const draft = new StoreDraft(machine.store, machine.stamps);
  for (const key of Object.keys(stamps)) {
    const stamp = stamps[key];
    if (isStamp(stamp) && Object.hasOwn(store, key)) draft.merge(key, store[key], stamp);
  }
  if (!draft.changed) return state;
  return { ...state, raft: { ...state.raft, machine: { ...machine, store: draft.store, stamps: draft.stamps } } };
}
