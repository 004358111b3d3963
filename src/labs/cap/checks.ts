// The CAP lab's live verdicts, computed where the history is (the worker, the CLI): is the
// history linearizable since the cluster last switched into CP (a switch makes the register's
// value at that moment unknown to the checker), do sessions keep their guarantees, which models of
// the consistency map hold over the same window, have the replicas converged once the network is
// quiet, and how available was the system lately.
import { recentOperations, recentAvailability } from '../../checkers/recent';
import {
  checkConsistencyMap,
  checkConvergence,
  checkLinearizability,
  checkSessions,
  pairOperations,
  type ConsistencyMapResult,
  type ConvergenceResult,
  type HistoryOperation,
} from '../../checkers/index';
import { Simulation } from '../../engine/simulation';
import type { HistoryEvent, NodeSnapshot } from '../../engine/types';
import { quiesced, type ClientState } from '../../protocols/client/register-client';
import { replicaValues, type RegisterState } from '../../protocols/register';
import { currentMode, modeSinceMs } from './mode';

/** Live checker verdicts over the client history. Computed in the worker from the history; the
 * page only shows them. */
export interface CheckSummary {
  /** The verdict over the operations since `windowStartMs` (the last mode switch, or 0). */
  linearizable: true | false | 'unknown';
  windowStartMs: number;
  mode: string | null;
  /** On a violation: one sentence, and the history indexes (of the invoke events) involved. */
  explanation: { sentence: string; operations: number[] } | null;
  /** The map of consistency models over the same operations as `linearizable` (bounded by
   * LIVE_MAP_BUDGET_STEPS); null or absent until the first check. */
  consistency?: ConsistencyMapResult | null;
  /** Session-guarantee violations per client (read-your-writes, monotonic reads, …). */
  sessions: { guarantee: string; client: string; sentence: string; operations: number[] }[];
  /** After healing and quiet: do all replicas hold the same values? null while not quiet. */
  converged: boolean | null;
  divergent: string[];
  /** Share of operations completed ok among those that completed in the last `windowMs`. */
  availability: { ok: number; total: number; windowMs: number };
  checkedOps: number;
  /** Operations of the window left out of the live check, oldest first, to keep each check
   * bounded in a long session (the rest is checked from an unknown starting value). */
  droppedOps: number;
}

/** At most this many operations of a window are checked live; older ones are left out. */
export const LIVE_MAX_OPS = 1500;

/** Steps per live check: enough for lab-sized histories, small enough to keep frames prompt. */
export const LIVE_BUDGET_STEPS = 400_000;
/** Steps per live check of the consistency map's other models (sequential, causal, …). */
export const LIVE_MAP_BUDGET_STEPS = 200_000;
export const AVAILABILITY_WINDOW_MS = 5000;
/** Quiet time after the last fault before replicas are expected to agree. */
export const CONVERGENCE_QUIET_MS = 2000;

/** Faults that disturb replication (mode switches and network settings do not reset quiet). */
const FAULT_KINDS = new Set(['crash', 'restart', 'pause', 'resume', 'cut', 'heal', 'partition', 'skew']);

/** Remembers the last verdict so an unchanged history is not checked twice, and a violation,
 * once found in a window, stays found (adding operations cannot make a history linearizable). */
export class CapChecks {
  private checkedLength = -1;
  private checkedAtEvent = -1;
  private windowStartMs = -1;
  private last: Pick<CheckSummary, 'linearizable' | 'explanation' | 'consistency' | 'sessions' | 'checkedOps' | 'droppedOps'> | null = null;

  summarize(sim: Simulation): CheckSummary {
    const world = sim.world;
    const windowStartMs = windowStart(sim);
    // A different window, or a run moved back in time (seek, fork): start over.
    if (windowStartMs !== this.windowStartMs || world.trace.count < this.checkedAtEvent) {
      this.windowStartMs = windowStartMs;
      this.checkedLength = -1;
      this.last = null;
    }
    if (this.checkedLength !== world.history.length && this.last?.linearizable === false) {
      // Linearizability stays violated; the weaker models of the map may still change.
      this.last = { ...this.last, consistency: mapAfterViolation(world.history, windowStartMs, this.last.consistency ?? null) };
      this.checkedLength = world.history.length;
      this.checkedAtEvent = world.trace.count;
    } else if (this.checkedLength !== world.history.length) {
      this.last = checkWindow(world.history, windowStartMs);
      this.checkedLength = world.history.length;
      this.checkedAtEvent = world.trace.count;
    }
    const convergence = this.convergence(sim);
    return {
      ...this.last!,
      windowStartMs,
      mode: currentMode(sim),
      converged: convergence ? convergence.converged : null,
      divergent: convergence ? convergence.differing.map((k) => `${k.key}: ${k.groups.map((g) => `${g.nodes.join(',')}=${JSON.stringify(g.value)}`).join(' vs ')}`) : [],
      availability: recentAvailability(world.history, world.timeMs, AVAILABILITY_WINDOW_MS),
    };
  }

  private convergedAt = -1;
  private convergedResult: ConvergenceResult | null = null;

  /** Once the network has been quiet a while: would the replicas agree if writes stopped now?
   * A copy of the world answers it by running on (no new writes) for the settle time. At most
   * once per simulated second, since it runs the protocol. */
  private convergence(sim: Simulation): ConvergenceResult | null {
    const quiet = quietSince(sim);
    if (quiet === null || sim.world.timeMs - quiet < CONVERGENCE_QUIET_MS) return null;
    if (this.convergedResult && Math.abs(sim.world.timeMs - this.convergedAt) < 1000) return this.convergedResult;
    this.convergedAt = sim.world.timeMs;
    this.convergedResult = convergesOnceQuiet(sim);
    return this.convergedResult;
  }
}

/** Replicas after the writes stop and the cluster runs on for CONVERGENCE_QUIET_MS, on a copy. */
export function convergesOnceQuiet(sim: Simulation): ConvergenceResult {
  const copy = new Simulation(sim.system, structuredClone(sim.world), [], false);
  quiesceClients(copy);
  copy.runUntil(copy.world.timeMs + CONVERGENCE_QUIET_MS, Infinity, false);
  return checkConvergence(replicaValues(copy.snapshots as NodeSnapshot<RegisterState>[]));
}

/** Every client stops drawing new operations (those in flight still finish). */
function quiesceClients(sim: Simulation): void {
  for (const id of sim.world.actorIds) {
    if (sim.isServer(id)) continue;
    const node = sim.world.nodes[id];
    if (node.state !== null) sim.setState(id, quiesced(node.state as ClientState));
  }
}

/** The window starts when the cluster last switched into CP; before any switch, at 0. */
function windowStart(sim: Simulation): number {
  return currentMode(sim) === 'cp' ? modeSinceMs(sim) : lastSwitchIntoCp(sim);
}

function lastSwitchIntoCp(sim: Simulation): number {
  const notes = sim.world.trace.faults;
  for (let i = notes.length - 1; i >= 0; i--) {
    if (notes[i].tag === 'setMode' && notes[i].data?.mode === 'cp') return notes[i].timeMs;
  }
  return 0;
}

/** Checks the operations in the window; those still pending at its start count if CP
 * served them or their outcome is unknown (they may have taken effect inside the window). */
function checkWindow(history: readonly HistoryEvent[], windowStartMs: number) {
  const paired = pairOperations(history);
  if (!paired.ok) {
    return { linearizable: 'unknown' as const, explanation: { sentence: `history unreadable: ${paired.error.message}`, operations: [] }, consistency: null, sessions: [], checkedOps: 0, droppedOps: 0 };
  }
  const { inWindow, dropped, initialState } = windowOperations(paired.operations, history, windowStartMs);
  const result = checkLinearizability(inWindow, { budgetSteps: LIVE_BUDGET_STEPS, initialState });
  const involved = result.explanation?.involved ?? [];
  return {
    linearizable: result.valid,
    explanation: result.explanation ? { sentence: result.explanation.sentence, operations: involved.map((op) => op.callIndex) } : null,
    consistency: checkConsistencyMap(inWindow, { linearizable: result, budgetSteps: LIVE_MAP_BUDGET_STEPS, initialState }),
    sessions: checkSessions(inWindow).map((v) => ({
      guarantee: v.guarantees.join(' / '),
      client: v.session,
      sentence: v.sentence,
      operations: [v.operation, v.earlier, v.later].filter((op): op is HistoryOperation => op !== null).map((op) => op.callIndex),
    })),
    checkedOps: inWindow.length,
    droppedOps: dropped,
  };
}

/** The window's operations, bounded as `recentOperations` does, and the start they are checked from. */
function windowOperations(operations: readonly HistoryOperation[], history: readonly HistoryEvent[], windowStartMs: number) {
  const window = operations.filter((op) => belongsToWindow(op, history, windowStartMs));
  const { kept: inWindow, dropped } = recentOperations(window, LIVE_MAX_OPS);
  const initialState: 'nil' | 'unknown' = windowStartMs > 0 || dropped > 0 ? 'unknown' : 'nil';
  return { inWindow, dropped, initialState };
}

/** The map once linearizability is known to be violated in the window: the other models again,
 * the linearizable verdict kept from before (more operations cannot make it hold). */
function mapAfterViolation(history: readonly HistoryEvent[], windowStartMs: number, previous: ConsistencyMapResult | null): ConsistencyMapResult | null {
  const paired = pairOperations(history);
  if (!paired.ok || !previous) return previous;
  const { inWindow, initialState } = windowOperations(paired.operations, history, windowStartMs);
  const violated = { valid: false as const, ops: inWindow.length, steps: 0, perKey: [] };
  const map = checkConsistencyMap(inWindow, { linearizable: violated, budgetSteps: LIVE_MAP_BUDGET_STEPS, initialState });
  return { ...map, models: { ...map.models, linearizable: previous.models.linearizable } };
}


function belongsToWindow(op: HistoryOperation, history: readonly HistoryEvent[], windowStartMs: number): boolean {
  const invokedAt = history[op.callIndex].time ?? 0;
  if (invokedAt >= windowStartMs) return true;
  if (op.outcome === 'info' || op.pending) return true;
  const completion = history[op.returnIndex];
  return completion !== undefined && (completion.time ?? 0) >= windowStartMs && completion.mode === 'cp';
}

/** Time of the last fault if every link is up and every node is running now; otherwise null. */
function quietSince(sim: Simulation): number | null {
  const world = sim.world;
  if (Object.keys(world.network.cut).length > 0) return null;
  if (world.nodeIds.some((id) => !world.nodes[id].up || world.nodes[id].pausedUntilMs !== null)) return null;
  const faults = world.trace.faults;
  for (let i = faults.length - 1; i >= 0; i--) if (FAULT_KINDS.has(faults[i].kind)) return faults[i].timeMs;
  return 0;
}

