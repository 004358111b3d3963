// The replicated register: n1 is the primary. It takes clients' writes, numbers them (version),
// and sends its whole state to every follower, resending until each acknowledges; it answers a
// client once a majority holds the write. A follower sets its register to whatever a Replicate
// says — trusting the primary is the design — so everything depends on the packet being the
// primary's, unaltered, and new:
// - auth 'mac': every packet carries a tag over all its fields under the pair's key; a follower
//   drops a packet whose tag is wrong (tampered, forged, or tagged with another key);
// - replayProtection 'nonce': the primary proves it holds the key by answering a fresh challenge
//   (Hello → Challenge(nonce) → Proof → Welcome), which opens a session named by that nonce;
//   Replicates carry the session and a sequence number, and a follower drops any from another
//   session or not newer than the last it took. A restart (either side) opens a new session.
import type { Effect, NodeContext, NodeView, Protocol, Step } from '../../engine/types';
import { verifyTag } from './mac';
import { settingsOf, trustParams, type TrustSettings } from './params';
import { isPacket, SERVER_ROLE, transmit, type Packet } from './wire';

export const RESEND_TIMER = 'resend';

/** The primary's view of its link to one follower. */
export interface FollowerLink {
  phase: 'hello' | 'proving' | 'open';
  /** The challenge being answered (proving) or the open session's nonce. */
  nonce: number;
  seq: number;
  /** The highest version the follower acknowledged. */
  acked: number;
}

/** A follower's sessions with one sender. */
export interface SenderSession {
  current: { nonce: number; lastSeq: number } | null;
  /** The challenge it sent and awaits a proof for. */
  pending: number | null;
}

export type RejectReason = 'mac' | 'replay' | 'session';

export interface ReplicaState {
  settings: TrustSettings;
  version: number;
  value: number | null;
  links: Record<string, FollowerLink>;
  /** Clients' writes waiting for a majority. */
  pending: { client: string; req: number; version: number }[];
  sessions: Record<string, SenderSession>;
  applied: number;
  rejected: Record<RejectReason, number>;
}

export interface ReplicaPersisted {
  version: number;
  value: number | null;
  settings: TrustSettings;
}

export function isPrimary(ctx: Pick<NodeContext, 'id' | 'roster'>): boolean {
  return (ctx.roster[SERVER_ROLE] ?? [])[0] === ctx.id;
}

function followers(ctx: NodeContext): string[] {
  return (ctx.roster[SERVER_ROLE] ?? []).slice(1);
}

const NONCE_MAX = 0x7fffffff;

function freshLinks(ctx: NodeContext, settings: TrustSettings, acked: Record<string, number> = {}): Record<string, FollowerLink> {
  const links: Record<string, FollowerLink> = {};
  for (const id of followers(ctx)) links[id] = { phase: settings.replayProtection === 'nonce' ? 'hello' : 'open', nonce: 0, seq: 0, acked: acked[id] ?? 0 };
  return links;
}

/** Starts (or restarts) every link: a Hello where sessions are needed. */
function openLinks(state: ReplicaState, ctx: NodeContext, out: Effect[]): ReplicaState {
  if (!isPrimary(ctx)) return state;
  const acked = Object.fromEntries(Object.entries(state.links).map(([id, link]) => [id, link.acked]));
  const links = freshLinks(ctx, state.settings, acked);
  for (const [id, link] of Object.entries(links)) if (link.phase === 'hello') transmit(ctx, state.settings.auth, { type: 'Hello', dst: id }, out);
  return { ...state, links };
}

function start(version: number, value: number | null, settings: TrustSettings, ctx: NodeContext): Step<ReplicaState> {
  const out: Effect[] = [];
  const state: ReplicaState = { settings, version, value, links: {}, pending: [], sessions: {}, applied: 0, rejected: { mac: 0, replay: 0, session: 0 } };
  const opened = openLinks(state, ctx, out);
  if (isPrimary(ctx)) out.push({ kind: 'set-timer', timer: RESEND_TIMER, afterMs: trustParams(ctx.params).resendMs, quiet: true });
  return [opened, out];
}

/** Sends the primary's whole state to a follower whose link is open, as the next packet. */
function replicateTo(state: ReplicaState, id: string, ctx: NodeContext, out: Effect[]): ReplicaState {
  const link = state.links[id];
  if (!link || link.phase !== 'open' || state.value === null) return state;
  const seq = link.seq + 1;
  const body: Omit<Packet, 'src' | 'mac'> = { type: 'Replicate', dst: id, version: state.version, value: state.value };
  if (state.settings.replayProtection === 'nonce') Object.assign(body, { sess: link.nonce, seq });
  transmit(ctx, state.settings.auth, body, out);
  return { ...state, links: { ...state.links, [id]: { ...link, seq } } };
}

/** The highest version a majority of the servers (the primary included) holds. */
export function majorityVersion(state: ReplicaState, servers: number): number {
  const versions = [state.version, ...Object.values(state.links).map((link) => link.acked)].sort((a, b) => b - a);
  return versions[Math.floor(servers / 2)] ?? 0;
}

function answerClients(state: ReplicaState, ctx: NodeContext, out: Effect[]): ReplicaState {
  const committed = majorityVersion(state, (ctx.roster[SERVER_ROLE] ?? []).length);
  const done = state.pending.filter((write) => write.version <= committed);
  if (done.length === 0) return state;
  for (const write of done) out.push({ kind: 'send', to: write.client, message: { type: 'WriteOk', req: write.req, version: write.version } });
  return { ...state, pending: state.pending.filter((write) => write.version > committed) };
}

function reject(state: ReplicaState, reason: RejectReason, packet: Packet, out: Effect[]): Step<ReplicaState> {
  const why = reason === 'mac' ? 'its tag does not match' : reason === 'replay' ? `its sequence number ${packet.seq ?? packet.nonce} is not new` : `it belongs to no open session (${packet.sess ?? 'none'})`;
  out.push({ kind: 'note', tag: `rejected-${reason}`, text: `rejected a ${packet.type} claiming to be from ${packet.src}: ${why}`, data: { reason, type: packet.type, mark: packet.mark ?? null } });
  out.push({ kind: 'metric', name: 'rejected', metric: 'count' });
  return [{ ...state, rejected: { ...state.rejected, [reason]: state.rejected[reason] + 1 } }, out];
}

/** The tag check, when nodes authenticate. */
function authentic(state: ReplicaState, packet: Packet): boolean {
  return state.settings.auth !== 'mac' || verifyTag(packet);
}

function challenge(state: ReplicaState, src: string, ctx: NodeContext, out: Effect[]): ReplicaState {
  const nonce = ctx.rng.rangeInclusive(1, NONCE_MAX);
  transmit(ctx, state.settings.auth, { type: 'Challenge', dst: src, nonce }, out);
  const session = state.sessions[src] ?? { current: null, pending: null };
  return { ...state, sessions: { ...state.sessions, [src]: { ...session, pending: nonce } } };
}

// --- the primary's side ---------------------------------------------------------------------

function onClientWrite(state: ReplicaState, client: string, req: number, value: number, ctx: NodeContext): Step<ReplicaState> {
  const out: Effect[] = [];
  let next: ReplicaState = { ...state, version: state.version + 1, value, pending: [...state.pending, { client, req, version: state.version + 1 }] };
  for (const id of Object.keys(next.links)) next = replicateTo(next, id, ctx, out);
  return [answerClients(next, ctx, out), out];
}

function primaryReceives(state: ReplicaState, packet: Packet, ctx: NodeContext): Step<ReplicaState> {
  const out: Effect[] = [];
  const link = state.links[packet.src];
  if (!link) return [state, []];
  if (!authentic(state, packet)) return reject(state, 'mac', packet, out);
  if (packet.type === 'Challenge' && state.settings.replayProtection === 'nonce' && typeof packet.nonce === 'number') {
    transmit(ctx, state.settings.auth, { type: 'Proof', dst: packet.src, nonce: packet.nonce }, out);
    return [{ ...state, links: { ...state.links, [packet.src]: { ...link, phase: 'proving', nonce: packet.nonce, seq: 0 } } }, out];
  }
  if (packet.type === 'Welcome' && link.phase === 'proving' && packet.nonce === link.nonce) {
    out.push({ kind: 'note', tag: 'session-open', text: `${ctx.id} opened session ${packet.nonce} with ${packet.src}` });
    const opened: ReplicaState = { ...state, links: { ...state.links, [packet.src]: { ...link, phase: 'open' } } };
    return [replicateTo(opened, packet.src, ctx, out), out];
  }
  if (packet.type === 'Ack' && typeof packet.version === 'number' && packet.version > link.acked && packet.version <= state.version) {
    const acked: ReplicaState = { ...state, links: { ...state.links, [packet.src]: { ...link, acked: packet.version } } };
    return [answerClients(acked, ctx, out), out];
  }
  return [state, out];
}

function primaryTick(state: ReplicaState, ctx: NodeContext): Step<ReplicaState> {
  const out: Effect[] = [{ kind: 'set-timer', timer: RESEND_TIMER, afterMs: trustParams(ctx.params).resendMs, quiet: true }];
  let next = state;
  for (const [id, link] of Object.entries(state.links)) {
    if (link.phase !== 'open') {
      transmit(ctx, state.settings.auth, { type: 'Hello', dst: id }, out);
      if (link.phase !== 'hello') next = { ...next, links: { ...next.links, [id]: { ...link, phase: 'hello' } } };
    } else if (link.acked < state.version) {
      next = replicateTo(next, id, ctx, out);
    }
  }
  return [next, out];
}

// --- a follower's side ----------------------------------------------------------------------

function followerReceives(state: ReplicaState, packet: Packet, ctx: NodeContext): Step<ReplicaState> {
  const out: Effect[] = [];
  const nonceMode = state.settings.replayProtection === 'nonce';
  const session = state.sessions[packet.src] ?? { current: null, pending: null };
  if (packet.type === 'Hello') return nonceMode ? [challenge(state, packet.src, ctx, out), out] : [state, []];
  if (packet.type !== 'Proof' && packet.type !== 'Replicate') return [state, []];
  if (!authentic(state, packet)) return reject(state, 'mac', packet, out);
  if (packet.type === 'Proof') {
    if (!nonceMode) return [state, []];
    if (session.pending === null || packet.nonce !== session.pending) return reject(state, 'replay', packet, out);
    transmit(ctx, state.settings.auth, { type: 'Welcome', dst: packet.src, nonce: packet.nonce }, out);
    out.push({ kind: 'note', tag: 'peer-authenticated', text: `${packet.src} answered ${ctx.id}'s challenge ${packet.nonce}${state.settings.auth === 'mac' ? ' with the right tag' : ' (unauthenticated: anyone could have)'}` });
    return [{ ...state, sessions: { ...state.sessions, [packet.src]: { current: { nonce: packet.nonce, lastSeq: 0 }, pending: null } } }, out];
  }
  if (typeof packet.version !== 'number' || typeof packet.value !== 'number') return [state, []];
  let next = state;
  if (nonceMode) {
    const current = session.current;
    if (current === null || packet.sess !== current.nonce) {
      // With no session at all (a restart lost it), ask the sender to prove itself again.
      const [rejected] = reject(state, 'session', packet, out);
      return [current === null ? challenge(rejected, packet.src, ctx, out) : rejected, out];
    }
    if (typeof packet.seq !== 'number' || packet.seq <= current.lastSeq) return reject(state, 'replay', packet, out);
    next = { ...state, sessions: { ...state.sessions, [packet.src]: { ...session, current: { ...current, lastSeq: packet.seq } } } };
  }
  next = { ...next, version: packet.version, value: packet.value, applied: next.applied + 1 };
  if (packet.version < state.version) out.push({ kind: 'note', tag: 'rolled-back', text: `${ctx.id} went back from version ${state.version} to ${packet.version}` });
  // Instrumentation, not protocol: the checks count what an attack got through. The decision
  // above never looked at `mark`, as no real receiver could.
  if (packet.mark) out.push({ kind: 'note', tag: `accepted-${packet.mark}`, text: `${ctx.id} took a ${packet.mark} Replicate as ${packet.src}'s: x=${packet.value} at version ${packet.version}` });
  transmit(ctx, state.settings.auth, { type: 'Ack', dst: packet.src, version: packet.version }, out);
  return [next, out];
}

// --- the protocol ---------------------------------------------------------------------------

export const replica: Protocol<ReplicaState, ReplicaPersisted> = {
  id: 'trust-replica',
  init: (ctx) => start(0, null, settingsOf(trustParams(ctx.params)), ctx),
  onMessage(state, from, message, ctx) {
    if (message.type === 'Write' && isPrimary(ctx) && typeof message.value === 'number' && typeof message.req === 'number') {
      return onClientWrite(state, from, message.req, message.value, ctx);
    }
    if (!isPacket(message) || message.dst !== ctx.id) return [state, []];
    return isPrimary(ctx) ? primaryReceives(state, message, ctx) : followerReceives(state, message, ctx);
  },
  onTimer(state, timer, ctx) {
    return timer === RESEND_TIMER && isPrimary(ctx) ? primaryTick(state, ctx) : [state, []];
  },
  onControl(state, control, ctx) {
    if (control.do !== 'configure') return [state, []];
    const settings = control.settings as TrustSettings;
    const out: Effect[] = [];
    const sessionsChanged = settings.replayProtection !== state.settings.replayProtection;
    let next: ReplicaState = { ...state, settings };
    if (sessionsChanged) {
      next = { ...next, sessions: {} };
      next = openLinks(next, ctx, out);
    }
    return [next, out];
  },
  // The register is on disk; sessions, links and waiting clients are not.
  persisted: (state) => ({ version: state.version, value: state.value, settings: state.settings }),
  recover: (saved, ctx) => start(saved.version, saved.value, saved.settings, ctx),
  view(state): NodeView {
    const value = state.value === null ? '∅' : String(state.value);
    const rejected = state.rejected.mac + state.rejected.replay + state.rejected.session;
    const openLinks = Object.values(state.links).filter((link) => link.phase === 'open').length;
    return {
      role: Object.keys(state.links).length > 0 ? 'primary' : 'replica',
      summary: `x=${value} at version ${state.version}${rejected > 0 ? `, rejected ${rejected}` : ''}`,
      badge: `x=${value}`,
      details: {
        version: state.version, value: state.value, applied: state.applied,
        rejectedBadTag: state.rejected.mac, rejectedReplays: state.rejected.replay, rejectedNoSession: state.rejected.session,
        ...(Object.keys(state.links).length > 0 ? { openLinks, waitingClients: state.pending.length } : {}),
      },
    };
  },
};
