// Switching between CP and AP: by the lab's setMode control on every live node, or, for a node
// that was down during a switch, by adopting the mode of a peer whose message has a higher epoch.
import type { Effect, Message, NodeContext } from '../../engine/types';
import { startAntiEntropy, stopAntiEntropy } from './ap';
import { isMode } from './params';
import type { Mode, RegisterState } from './types';

const MEANING: Record<Mode, string> = {
  cp: 'every operation goes through the Raft log again',
  ap: 'it now serves reads and writes from its own copy',
};

/** CP→AP: start anti-entropy (Raft keeps running for elections and heartbeats). AP→CP: stop it;
 * the leader will append a sync entry (see cp.ts). */
export function switchMode(state: RegisterState, mode: Mode, epoch: number, ctx: NodeContext, out: Effect[], reason: string): RegisterState {
  if (mode === state.mode) return epoch === state.modeEpoch ? state : { ...state, modeEpoch: epoch };
  if (mode === 'ap') startAntiEntropy(out, ctx);
  else stopAntiEntropy(out);
  out.push({
    kind: 'note',
    tag: 'mode',
    text: `${ctx.id} switched to ${mode.toUpperCase()}${reason}: ${MEANING[mode]}`,
    data: { node: ctx.id, mode, epoch },
  });
  // The state machine applies committed entries by LWW in AP (machine.ts).
  const raft = { ...state.raft, machine: { ...state.raft.machine, lww: mode === 'ap' } };
  return { ...state, raft, mode, modeEpoch: epoch };
}

/** The lab's control: each actual change of mode is a new epoch. */
export function setMode(state: RegisterState, mode: unknown, ctx: NodeContext, out: Effect[]): RegisterState {
  if (!isMode(mode) || mode === state.mode) return state;
  return switchMode(state, mode, state.modeEpoch + 1, ctx, out, '');
}

/** A peer that has seen more switches than we have knows the current mode. */
export function adoptPeerMode(state: RegisterState, from: string, message: Message, ctx: NodeContext, out: Effect[]): RegisterState {
  const epoch = message.modeEpoch;
  if (typeof epoch !== 'number' || epoch <= state.modeEpoch || !isMode(message.mode)) return state;
  return switchMode(state, message.mode, epoch, ctx, out, ` (learnt from ${from}: it missed a switch while down)`);
}

/** Tags every message this node sends with its mode and epoch. */
export function tagSends(out: Effect[], state: RegisterState): Effect[] {
  return out.map((effect) =>
    effect.kind === 'send' ? { ...effect, message: { ...effect.message, mode: state.mode, modeEpoch: state.modeEpoch } } : effect,
  );
}
