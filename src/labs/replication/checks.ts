// The replication lab's part of a frame and of a CLI run line, from engine state and checkers:
// acknowledged writes missing from the newest primary's log, session guarantees broken by
// follower reads, replication lag, availability, and how often two primaries accepted writes.
import { recentAvailability } from '../../checkers/recent';
import { checkHistory, checkSessions, pairOperations, type HistoryOperation } from '../../checkers/index';
import type { Simulation } from '../../engine/simulation';
import type { HistoryEvent, NodeSnapshot } from '../../engine/types';
import { findLostWrites, noSplitBrain, type AckGhost, type PrimaryBackupState } from '../../protocols/primary-backup';
import { currentSettings, promotionCandidates } from './controls';
import { followerLag, type FollowerLag } from './lag';

export interface LostWriteView {
  index: number;
  sentence: string;
  timeMs: number;
  /** The mode it was acknowledged in. */
  mode: string | null;
}

export interface SessionViolationView {
  guarantee: string;
  client: string;
  sentence: string;
  operations: number[];
  timeMs: number;
}

/** The replication lab's part of a frame (plain data). */
export interface ReplicationView {
  mode: string;
  reads: string;
  fencing: boolean;
  failover: string;
  primary: string | null;
  epoch: number | null;
  /** Every running node that believes it is primary (two or more: split brain risk). */
  primaries: { node: string; epoch: number }[];
  /** Running followers, most up-to-date first: whom `promote` picks. */
  candidates: string[];
  lag: FollowerLag[];
  lost: { count: number; acknowledged: number; authority: string | null; authorityIsPrimary: boolean; recent: LostWriteView[] };
  sessions: { count: number; recent: SessionViolationView[] };
  availability: { ok: number; total: number; windowMs: number };
  /** Writes an older primary acknowledged after a newer one had; when the latest was. */
  splitBrain: { writes: number; sentence: string | null; lastAtMs: number | null };
}

export const AVAILABILITY_WINDOW_MS = 3000;
/** How many lost writes and session violations a frame lists (the counts cover them all). */
const RECENT = 6;

function servers(sim: Simulation): NodeSnapshot<PrimaryBackupState>[] {
  return sim.snapshots as NodeSnapshot<PrimaryBackupState>[];
}

export function lostWrites(sim: Simulation) {
  return findLostWrites(sim.world.history, servers(sim));
}

function lostView(sim: Simulation): ReplicationView['lost'] {
  const found = lostWrites(sim);
  const recent = found.lost.slice(-RECENT).map((write) => ({
    index: write.index,
    timeMs: write.timeMs,
    mode: write.mode,
    sentence: `${write.client ?? 'a client'}'s write ${write.key}=${JSON.stringify(write.value)}, acknowledged by ${write.node ?? '?'}${write.mode ? ` (${write.mode})` : ''} at ${write.timeMs} ms, is not in ${found.authority}'s log: acknowledged, then lost`,
  }));
  return { count: found.lost.length, acknowledged: found.acknowledged, authority: found.authority, authorityIsPrimary: found.authorityIsPrimary, recent };
}

function sessionViews(history: readonly HistoryEvent[]): ReplicationView['sessions'] {
  const paired = pairOperations(history);
  if (!paired.ok) return { count: 0, recent: [] };
  const violations = checkSessions(paired.operations);
  const recent = violations.slice(-RECENT).map((v) => ({
    guarantee: v.guarantees.join(' / '),
    client: v.session,
    sentence: v.sentence,
    operations: [v.earlier, v.later, v.operation].filter((op): op is HistoryOperation => op !== null).map((op) => op.callIndex),
    timeMs: v.operation.callTime ?? 0,
  }));
  return { count: violations.length, recent };
}

function splitBrain(sim: Simulation): ReplicationView['splitBrain'] {
  const index = sim.system.invariants.indexOf(noSplitBrain);
  const ghost = (index >= 0 ? sim.world.ghosts[index] : null) as AckGhost | null;
  const violation = sim.world.violations.find((v) => v.invariant === noSplitBrain.name);
  return { writes: ghost?.splitAcks ?? 0, sentence: violation?.message ?? null, lastAtMs: ghost?.last?.atMs ?? null };
}


/** Makes the projection for one session; session checks are redone only when the history grows. */
export function replicationProjection(): (sim: Simulation) => ReplicationView {
  let checkedLength = -1;
  let sessions: ReplicationView['sessions'] = { count: 0, recent: [] };
  return (sim) => {
    const history = sim.world.history;
    if (history.length !== checkedLength) {
      sessions = sessionViews(history);
      checkedLength = history.length;
    }
    const snapshots = servers(sim);
    const primary = sim.currentLeader();
    const primaries = snapshots.filter((s) => s.up && s.state?.role === 'primary').map((s) => ({ node: s.id, epoch: s.state!.epoch }));
    return {
      ...currentSettings(sim),
      primary,
      epoch: primaries.find((p) => p.node === primary)?.epoch ?? null,
      primaries,
      candidates: promotionCandidates(sim),
      lag: followerLag(snapshots, primary, sim.world.timeMs),
      lost: lostView(sim),
      sessions,
      availability: recentAvailability(history, sim.world.timeMs, AVAILABILITY_WINDOW_MS),
      splitBrain: splitBrain(sim),
    };
  };
}

/** A CLI run line's fields. A lost acknowledged write in sync mode is a bug, so it fails the run. */
export function replicationVerdict(sim: Simulation): { fields: Record<string, unknown>; failed: boolean } {
  const settings = currentSettings(sim);
  const lost = lostWrites(sim);
  const checked = checkHistory(sim.world.history);
  const fields: Record<string, unknown> = {
    mode: settings.mode,
    reads: settings.reads,
    fencing: settings.fencing,
    acknowledgedWrites: lost.acknowledged,
    lostAcknowledgedWrites: lost.lost.length,
    sessionViolations: checked.ok ? checked.sessions.length : 'unknown',
    linearizable: checked.ok ? checked.linearizability.valid : 'unknown',
    ...(checked.ok && checked.linearizability.explanation ? { explanation: checked.linearizability.explanation.sentence } : {}),
    splitBrainWrites: splitBrain(sim).writes,
  };
  return { fields, failed: settings.mode === 'sync' && lost.lost.length > 0 };
}
