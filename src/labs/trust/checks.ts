// What the worker tells the page about a run (`frame.labView`) and what a CLI run line reports:
// the settings in force, each replica's register and what it refused, the attacker's tally,
// which attacks got through, which replicas hold a value no client wrote, and what the
// protection costs on the wire. Everything is read from engine state, notes and metrics.
import { metricTotal } from '../../engine/metrics';
import type { Simulation } from '../../engine/simulation';
import type { AttackerState } from './attacker';
import type { ReplicaState } from './replica';
import { currentSettings } from './settings';
import type { TrustSettings } from './params';
import { ATTACKER_ROLE } from './wire';

export interface ReplicaView {
  id: string;
  up: boolean;
  primary: boolean;
  version: number;
  value: number | null;
  rejected: number;
  /** Versions behind the primary (0 for the primary). */
  behind: number;
}

export interface TrustCounts {
  rejected: number;
  rejectedBadTag: number;
  rejectedReplays: number;
  rejectedNoSession: number;
  acceptedTampered: number;
  acceptedReplayed: number;
  acceptedForged: number;
  rollbacks: number;
  sessionsOpened: number;
  tampered: number;
  dropped: number;
  replayed: number;
  forged: number;
  writesOk: number;
  writesUnknown: number;
  messages: number;
  handshakeMessages: number;
  bytes: number;
  latencyP50: number;
}

export interface TrustView {
  settings: TrustSettings;
  replicas: ReplicaView[];
  attacker: { id: string; attack: string; captured: number } | null;
  counts: TrustCounts;
  /** Replicas holding a value that no client ever wrote. */
  foreign: { id: string; value: number }[];
}

const mark = (sim: Simulation, tag: string): number => sim.world.marks[tag] ?? 0;

/** Whether a value is one the clients' counter handed out (every client write takes one). */
export function writtenByClient(sim: Simulation, value: number | null): boolean {
  const issued = sim.world.counters['trust-value'] ?? 1;
  return value === null || (Number.isInteger(value) && value >= 1 && value < issued);
}

export function replicaViews(sim: Simulation): ReplicaView[] {
  const world = sim.world;
  const primaryId = world.nodeIds[0];
  const primary = world.nodes[primaryId].state as ReplicaState | null;
  return world.nodeIds.map((id) => {
    const node = world.nodes[id];
    const state = (node.up ? node.state : null) as ReplicaState | null;
    const persisted = node.persisted as { version: number; value: number | null } | null;
    const version = state?.version ?? persisted?.version ?? 0;
    const value = state?.value ?? persisted?.value ?? null;
    const rejected = state ? state.rejected.mac + state.rejected.replay + state.rejected.session : 0;
    return { id, up: node.up, primary: id === primaryId, version, value, rejected, behind: id === primaryId || !primary ? 0 : Math.max(0, primary.version - version) };
  });
}

export function trustCounts(sim: Simulation): TrustCounts {
  const metrics = sim.world.metrics;
  const rejectedBadTag = mark(sim, 'rejected-mac');
  const rejectedReplays = mark(sim, 'rejected-replay');
  const rejectedNoSession = mark(sim, 'rejected-session');
  return {
    rejected: rejectedBadTag + rejectedReplays + rejectedNoSession,
    rejectedBadTag, rejectedReplays, rejectedNoSession,
    acceptedTampered: mark(sim, 'accepted-tampered'),
    acceptedReplayed: mark(sim, 'accepted-replayed'),
    acceptedForged: mark(sim, 'accepted-forged'),
    rollbacks: mark(sim, 'rolled-back'),
    sessionsOpened: mark(sim, 'session-open'),
    tampered: mark(sim, 'tampered'),
    dropped: mark(sim, 'attacker-dropped'),
    replayed: mark(sim, 'replayed'),
    forged: mark(sim, 'forged'),
    writesOk: metricTotal(metrics, 'writes-ok', 'rate'),
    writesUnknown: metricTotal(metrics, 'writes-unknown', 'rate'),
    messages: metricTotal(metrics, 'messages', 'rate'),
    handshakeMessages: metricTotal(metrics, 'handshake-messages', 'rate'),
    bytes: metricTotal(metrics, 'bytes', 'rate'),
    latencyP50: metricTotal(metrics, 'write-latency', 'p50'),
  };
}

export function trustView(sim: Simulation): TrustView {
  const replicas = replicaViews(sim);
  const attackerId = sim.world.roster[ATTACKER_ROLE]?.[0];
  const attackerState = attackerId ? (sim.world.nodes[attackerId].state as AttackerState | null) : null;
  return {
    settings: currentSettings(sim),
    replicas,
    attacker: attackerId && attackerState ? { id: attackerId, attack: attackerState.attack, captured: attackerState.captured.length } : null,
    counts: trustCounts(sim),
    foreign: replicas.filter((r) => r.value !== null && !writtenByClient(sim, r.value)).map((r) => ({ id: r.id, value: r.value as number })),
  };
}

export function trustProjection(): (sim: Simulation) => TrustView {
  return trustView;
}

/** A CLI run line's fields; a run fails when a replica ends holding a value no client wrote. */
export function trustVerdict(sim: Simulation): { fields: Record<string, unknown>; failed: boolean } {
  const view = trustView(sim);
  const c = view.counts;
  return {
    fields: {
      attack: view.settings.attack,
      auth: view.settings.auth,
      replayProtection: view.settings.replayProtection,
      rejectedMessages: c.rejected,
      rejectedBadTag: c.rejectedBadTag,
      rejectedReplays: c.rejectedReplays,
      acceptedTampered: c.acceptedTampered,
      acceptedReplayed: c.acceptedReplayed,
      acceptedForged: c.acceptedForged,
      rollbacks: c.rollbacks,
      foreignValues: view.foreign.length,
      writesOk: c.writesOk,
      messages: c.messages,
      bytes: c.bytes,
      writeLatencyP50: c.latencyP50,
    },
    failed: view.foreign.length > 0,
  };
}
