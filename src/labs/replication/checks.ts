// The replication lab's part of a frame and of a CLI run line, from engine state and checkers:
// acknowledged writes missing from the newest primary's log, session guarantees broken by
// follower reads, which models of the consistency map hold over the latest operations,
// replication lag, availability, and how often two primaries accepted writes.
import { recentAvailability, recentOperations } from '../../checkers/recent';
import { checkConsistencyMap, checkHistory, checkSessions, pairOperations, type ConsistencyMapResult, type HistoryOperation } from '../../checkers/index';
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
  /** The map of consistency models over the latest LIVE_MAX_OPS operations (checked from an
   * unknown start once older ones are left out), bounded by LIVE_MAP_BUDGET_STEPS; null or absent
   * until the first check or when the history is unreadable. */
  consistency?: ConsistencyMapResult | null;
  availability: { ok: number; total: number; windowMs: number };
  /** Writes an older primary acknowledged after a newer one had; when the latest was. */
  splitBrain: { writes: number; sentence: string | null; lastAtMs: number | null };
}

export const AVAILABILITY_WINDOW_MS = 3000;
/** How many lost writes and session violations a frame lists (the counts cover them all). */
const RECENT = 6;
/** At most this many operations are checked live for the consistency map; older ones are left out. */
export const LIVE_MAX_OPS = 1500;
/** Steps per live check of the consistency map: enough for lab-sized histories, small enough to keep frames prompt. */
export const LIVE_MAP_BUDGET_STEPS = 200_000;

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

function sessionViews(operations: readonly HistoryOperation[]): ReplicationView['sessions'] {
  const violations = checkSessions(operations);
  const recent = violations.slice(-RECENT).map((v) => ({
    guarantee: v.guarantees.join(' / '),
    client: v.session,
    sentence: v.sentence,
    operations: [v.earlier, v.later, v.operation].filter((op): op is HistoryOperation => op !== null).map((op) => op.callIndex),
    timeMs: v.operation.callTime ?? 0,
  }));
  return { count: violations.length, recent };
}

/** The consistency map over the latest operations, from an unknown start when older ones were dropped. */
function consistencyMap(operations: readonly HistoryOperation[]): ConsistencyMapResult {
  const { kept, dropped } = recentOperations(operations, LIVE_MAX_OPS);
  return checkConsistencyMap(kept, { budgetSteps: LIVE_MAP_BUDGET_STEPS, initialState: dropped > 0 ? 'unknown' : 'nil' });
}

/** Session violations and the consistency map over the whole client history (plain data). */
function historyChecks(history: readonly HistoryEvent[]): Pick<ReplicationView, 'sessions' | 'consistency'> {
  const paired = pairOperations(history);
  if (!paired.ok) return { sessions: { count: 0, recent: [] }, consistency: null };
  return { sessions: sessionViews(paired.operations), consistency: consistencyMap(paired.operations) };
}

function splitBrain(sim: Simulation): ReplicationView['splitBrain'] {
  const index = sim.system.invariants.indexOf(noSplitBrain);
  const ghost = (index >= 0 ? sim.world.ghosts[index] : null) as AckGhost | null;
  const violation = sim.world.violations.find((v) => v.invariant === noSplitBrain.name);
  return { writes: ghost?.splitAcks ?? 0, sentence: violation?.message ?? null, lastAtMs: ghost?.last?.atMs ?? null };
}


/** Makes the projection for one session; the history checks (sessions, consistency map) are
 * redone only when the history changes: it grows, or a seek or a fork replaces its last event. */
export function replicationProjection(): (sim: Simulation) => ReplicationView {
  let checkedKey = '';
  let checked: Pick<ReplicationView, 'sessions' | 'consistency'> = { sessions: { count: 0, recent: [] }, consistency: null };
  return (sim) => {
    const history = sim.world.history;
    const lastEvent = history[history.length - 1];
    const key = `${history.length}:${lastEvent?.time ?? -1}:${lastEvent?.process ?? -1}:${lastEvent?.type ?? ''}`;
    if (key !== checkedKey) {
      checked = historyChecks(history);
      checkedKey = key;
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
      sessions: checked.sessions,
      consistency: checked.consistency,
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
