// The lab's part of a frame, computed in the worker from engine state: the coordinator's
// transaction and phase, each participant's balance and lock, who is blocked and for how long,
// whether the money adds up, the transfers' outcomes and what the readers saw.
import { metricTotal } from '../../engine/metrics';
import type { Simulation } from '../../engine/simulation';
import { writingCommit, type CoordinatorState, type RecoveryRecord, type TxPhase } from './coordinator';
import type { TxNodeState } from './node';
import { txParams, type CoordinatorLog, type InDoubtPolicy, type TxSettings } from './params';
import { ReadJudge, type Anomaly } from './reads';
import { currentSettings } from './settings';

export interface ParticipantRow {
  id: string;
  up: boolean;
  /** Null while it is down (its balance is on its disk, not readable). */
  balance: number | null;
  lockedBy: number | null;
  /** How long it has been in doubt (voted yes, no decision), in whole retry intervals. */
  inDoubtMs: number;
  last: string | null;
}

export interface CoordinatorRow {
  id: string;
  up: boolean;
  tx: number | null;
  protocol: string | null;
  phase: TxPhase | null;
  /** Every vote is yes and the commit record is being written (not yet durable). */
  writing: boolean;
  /** Participants it is waiting on in this phase. */
  waitingFor: string[];
  queued: number;
  finished: number;
  recovered: RecoveryRecord | null;
}

export interface TxView {
  settings: TxSettings;
  inDoubt: InDoubtPolicy;
  coordinatorLog: CoordinatorLog;
  coordinator: CoordinatorRow;
  participants: ParticipantRow[];
  /** Participants that voted yes and are still waiting for the decision, holding their lock. */
  blocked: { id: string; tx: number; inDoubtMs: number }[];
  money: { opening: number; total: number | null; quiescent: boolean };
  counts: {
    committed: number;
    aborted: number;
    compensated: number;
    /** Time participants spent blocked, summed over the run. */
    blockedMs: number;
    /** The longest a participant waited in doubt before it learned a decision. */
    longestBlockMs: number;
    reads: number;
    readsBlocked: number;
    anomalies: number;
  };
  lastAnomaly: Anomaly | null;
}

function waitingFor(state: CoordinatorState): string[] {
  const active = state.active;
  if (active === null) return [];
  switch (active.phase) {
    case 'preparing':
      return active.parts.filter((p) => active.votes[p.id] === undefined).map((p) => p.id);
    case 'committing':
    case 'aborting':
      return active.parts.filter((p) => !active.acks.includes(p.id)).map((p) => p.id);
    case 'forward':
      return [active.parts[active.step].id];
    case 'compensating':
      return active.undo.slice(0, 1);
  }
}

export function openingTotal(sim: Simulation): number {
  return txParams(sim.world.config.params).balance * (sim.world.nodeIds.length - 1);
}

export class TxChecks {
  private readonly reads = new ReadJudge();

  summarize(sim: Simulation): TxView {
    const world = sim.world;
    const params = txParams(world.config.params);
    const [coordinatorId, ...participantIds] = world.nodeIds;
    const coordinatorNode = world.nodes[coordinatorId];
    const coordinator = (coordinatorNode.up ? coordinatorNode.state : coordinatorNode.persisted) as CoordinatorState | null;
    const participants: ParticipantRow[] = participantIds.map((id) => {
      const node = world.nodes[id];
      const state = node.up ? (node.state as TxNodeState) : null;
      if (state === null || state.kind !== 'participant') return { id, up: false, balance: null, lockedBy: null, inDoubtMs: 0, last: null };
      return {
        id, up: true, balance: state.balance, lockedBy: state.prepared?.tx ?? null, inDoubtMs: state.prepared?.waitedMs ?? 0,
        last: state.last ? `tx ${state.last.tx} ${state.last.outcome}` : null,
      };
    });
    const opening = openingTotal(sim);
    const allUp = participants.every((p) => p.up);
    const total = allUp ? participants.reduce((sum, p) => sum + (p.balance ?? 0), 0) : null;
    const active = coordinatorNode.up ? coordinator?.active ?? null : null;
    const findings = this.reads.judge(world.history, opening);
    const metrics = world.metrics;
    return {
      settings: currentSettings(sim),
      inDoubt: params.inDoubt,
      coordinatorLog: params.coordinatorLog,
      coordinator: {
        id: coordinatorId, up: coordinatorNode.up, tx: active?.tx ?? null, protocol: active?.protocol ?? null, phase: active?.phase ?? null, writing: active !== null && writingCommit(active),
        waitingFor: coordinatorNode.up && coordinator ? waitingFor(coordinator) : [], queued: coordinatorNode.up ? coordinator?.queue.length ?? 0 : 0,
        finished: coordinator?.finished ?? 0, recovered: coordinatorNode.up ? coordinator?.recovered ?? null : null,
      },
      participants,
      blocked: participants.filter((p) => p.lockedBy !== null && p.inDoubtMs > 0).map((p) => ({ id: p.id, tx: p.lockedBy!, inDoubtMs: p.inDoubtMs })),
      money: { opening, total, quiescent: coordinatorNode.up && active === null && allUp && participants.every((p) => p.lockedBy === null) },
      counts: {
        committed: metricTotal(metrics, 'committed', 'rate'),
        aborted: metricTotal(metrics, 'aborted', 'rate'),
        compensated: metricTotal(metrics, 'compensated', 'rate'),
        blockedMs: metricTotal(metrics, 'blocked-ms', 'rate'),
        longestBlockMs: metricTotal(metrics, 'blocked-wait', 'max'),
        reads: findings.ok,
        readsBlocked: findings.blocked,
        anomalies: findings.anomalies,
      },
      lastAnomaly: findings.lastAnomaly,
    };
  }
}
