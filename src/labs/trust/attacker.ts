// The attacker: a router on the n1–n2 link that an adversary controls. Every packet between n1
// and n2 passes through it. It keeps copies of the Replicates it sees (they are not secret: only
// authenticated), and by its `attack` setting it forwards them faithfully, alters the value
// (tamper), drops them (drop), re-sends old copies later (replay), or injects Replicates of its
// own as n1 (forge). It never holds a key: it can copy a tag but not make one, so a forged tag is
// a guess.
import type { Effect, NodeView, Protocol } from '../../engine/types';
import { settingsOf, trustParams, type Attack, type TrustSettings } from './params';
import { hostileLink, isPacket, type Packet } from './wire';

export const STRIKE_TIMER = 'strike';
/** How many old Replicates it keeps to replay. */
const CAPTURE_LIMIT = 16;
/** The attacker's own values start here, so a reader can tell them from clients' at a glance. */
export const ATTACKER_VALUE_BASE = 666_000;

export interface AttackerState {
  attack: Attack;
  captured: Packet[];
  forwarded: number;
  tampered: number;
  dropped: number;
  replayed: number;
  forged: number;
}

function strikeTimer(params: Record<string, unknown>): Effect {
  return { kind: 'set-timer', timer: STRIKE_TIMER, afterMs: trustParams(params).strikeEveryMs, quiet: true };
}

function forward(packet: Packet, out: Effect[]): void {
  out.push({ kind: 'send', to: packet.dst, message: packet });
}

function capture(state: AttackerState, packet: Packet): Packet[] {
  if (packet.type !== 'Replicate') return state.captured;
  const kept = [...state.captured, packet];
  return kept.length > CAPTURE_LIMIT ? kept.slice(kept.length - CAPTURE_LIMIT) : kept;
}

function attackerValue(state: AttackerState): number {
  return ATTACKER_VALUE_BASE + state.tampered + state.forged + 1;
}

export const attacker: Protocol<AttackerState, null> = {
  id: 'trust-attacker',
  init: (ctx) => [
    { attack: trustParams(ctx.params).attack, captured: [], forwarded: 0, tampered: 0, dropped: 0, replayed: 0, forged: 0 },
    [strikeTimer(ctx.params)],
  ],
  onMessage(state, _from, message, ctx) {
    if (!isPacket(message)) return [state, []];
    const out: Effect[] = [];
    const captured = capture(state, message);
    if (message.type === 'Replicate' && state.attack === 'tamper') {
      const value = attackerValue(state);
      out.push({ kind: 'note', tag: 'tampered', text: `${ctx.id} changed a Replicate from ${message.src} to ${message.dst}: x=${message.value} became x=${value}` });
      forward({ ...message, value, mark: 'tampered' }, out);
      return [{ ...state, captured, tampered: state.tampered + 1 }, out];
    }
    if (message.type === 'Replicate' && state.attack === 'drop') {
      out.push({ kind: 'note', tag: 'attacker-dropped', text: `${ctx.id} silently dropped a Replicate from ${message.src} to ${message.dst} (x=${message.value})` });
      out.push({ kind: 'metric', name: 'attacker-dropped', metric: 'count' });
      return [{ ...state, captured, dropped: state.dropped + 1 }, out];
    }
    forward(message, out);
    return [{ ...state, captured, forwarded: state.forwarded + 1 }, out];
  },
  onTimer(state, timer, ctx) {
    if (timer !== STRIKE_TIMER) return [state, []];
    const out: Effect[] = [strikeTimer(ctx.params)];
    if (state.attack === 'replay' && state.captured.length >= 2) {
      // An old copy, from the older half of what it kept: the further back, the bigger the rollback.
      const old = state.captured[ctx.rng.int(Math.ceil(state.captured.length / 2))];
      out.push({ kind: 'note', tag: 'replayed', text: `${ctx.id} re-sent an old Replicate to ${old.dst}: x=${old.value} at version ${old.version}` });
      forward({ ...old, mark: 'replayed' }, out);
      return [{ ...state, replayed: state.replayed + 1 }, out];
    }
    const link = hostileLink(ctx);
    const last = state.captured[state.captured.length - 1];
    if (state.attack === 'forge' && link && last) {
      // Posing as n1: the next version, in the session and numbering it saw, under a guessed tag.
      const forged: Packet = { type: 'Replicate', src: link[0], dst: link[1], version: (last.version ?? 0) + 1, value: attackerValue(state), mark: 'forged' };
      if (last.sess !== undefined) Object.assign(forged, { sess: last.sess, seq: (last.seq ?? 0) + 1 });
      if (last.mac !== undefined) forged.mac = ctx.rng.int(0x7fffffff);
      out.push({ kind: 'note', tag: 'forged', text: `${ctx.id} injected a Replicate posing as ${link[0]}: x=${forged.value} at version ${forged.version}` });
      forward(forged, out);
      return [{ ...state, forged: state.forged + 1 }, out];
    }
    return [state, out];
  },
  onControl(state, control) {
    if (control.do !== 'configure') return [state, []];
    const attack = (control.settings as TrustSettings).attack;
    return attack === state.attack ? [state, []] : [{ ...state, attack }, []];
  },
  persisted: () => null,
  recover: (_saved, ctx) => [
    { attack: settingsOf(trustParams(ctx.params)).attack, captured: [], forwarded: 0, tampered: 0, dropped: 0, replayed: 0, forged: 0 },
    [strikeTimer(ctx.params)],
  ],
  view: (state): NodeView => ({
    role: 'attacker',
    summary: state.attack === 'none' ? 'forwards faithfully' : `attack: ${state.attack}`,
    badge: state.attack === 'none' ? 'router' : state.attack,
    details: { attack: state.attack, captured: state.captured.length, forwarded: state.forwarded, tampered: state.tampered, dropped: state.dropped, replayed: state.replayed, forged: state.forged },
  }),
};
