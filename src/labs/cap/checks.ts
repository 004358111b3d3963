// The CAP lab's live verdicts, computed where the history is (the worker, the CLI): is the
// history linearizable since the cluster last switched into CP (a switch makes the register's
// value at that moment unknown to the checker), do sessions keep their guarantees, which models of
// the consistency map hold over the same window, have the replicas converged once the network is
// quiet, and how available was the system lately.
import { calledAt } from '../../checkers/describe';
import { recentOperations, recentAvailability } from '../../checkers/recent';
import {
  checkConsistencyMap,
  checkConvergence,
  checkLinearizability,
  checkSessions,
  IncrementalLinearizability,
  OperationPairing,
  pairOperations,
  type IncrementalResult,
  type ConsistencyMapResult,
  type ConvergenceResult,
  type HistoryOperation,
  type LinearizabilityResult,
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
  /** The map of consistency models over the window's latest LIVE_MAX_OPS operations (bounded by
   * LIVE_MAP_BUDGET_STEPS), its linearizable model the verdict above; null or absent until the
   * first check. */
  consistency?: ConsistencyMapResult | null;
  /** Session-guarantee violations per client (read-your-writes, monotonic reads, …). */
  sessions: { guarantee: string; client: string; sentence: string; operations: number[] }[];
  /** After healing and quiet: do all replicas hold the same values? null while not quiet. */
  converged: boolean | null;
  divergent: string[];
  /** Share of operations completed ok among those that completed in the last `windowMs`. */
  availability: { ok: number; total: number; windowMs: number };
  /** Operations of the window the linearizability verdict covers. */
  checkedOps: number;
  /** Operations of the window left out of the live check, oldest first (the rest is checked from
   * an unknown starting value): those before a stretch too costly to follow exactly (see
   * checkers/incremental.ts); with `incremental: false`, all but the latest LIVE_MAX_OPS. */
  droppedOps: number;
}

/** The consistency map and the session guarantees cover at most this many operations of a window
 * (so did the linearizability check before it was incremental); older ones are left out. */
export const LIVE_MAX_OPS = 1500;

/** Steps per live check (the incremental check's tail; an explanation's search): enough for
 * lab-sized histories, small enough to keep frames prompt. */
export const LIVE_BUDGET_STEPS = 400_000;
/** Steps per live check of the consistency map's other models (sequential, causal, …). */
export const LIVE_MAP_BUDGET_STEPS = 200_000;
export const AVAILABILITY_WINDOW_MS = 5000;
/** Quiet time after the last fault before replicas are expected to agree. */
export const CONVERGENCE_QUIET_MS = 2000;

/** Faults that disturb replication (mode switches and network settings do not reset quiet). */
const FAULT_KINDS = new Set(['crash', 'restart', 'pause', 'resume', 'cut', 'heal', 'partition', 'skew']);

export interface CapChecksOptions {
  /** Follow the window's linearizability incrementally (default), or check the whole window
   * (its latest LIVE_MAX_OPS operations) again whenever the history grows, as before: the
   * bench's baseline. */
  incremental?: boolean;
}

type WindowVerdicts = Pick<CheckSummary, 'linearizable' | 'explanation' | 'consistency' | 'sessions' | 'checkedOps' | 'droppedOps'>;

/** Remembers the last verdict so an unchanged history is not checked twice, and a violation,
 * once found in a window, stays found (adding operations cannot make a history linearizable).
 * Linearizability is followed incrementally: each check costs about what the operations added
 * since the last one cost (see checkers/incremental.ts). */
export class CapChecks {
  private checkedLength = -1;
  private checkedAtEvent = -1;
  private windowStartMs = -1;
  private historyDropped = -1;
  private last: WindowVerdicts | null = null;
  private pairing: OperationPairing | null = null;
  private linearizability: IncrementalLinearizability | null = null;
  /** The history's last event when it was last checked: a history changed other than by growing
   * (a world restored from elsewhere) no longer has it there. */
  private lastEvent: HistoryEvent | undefined;

  constructor(private readonly options: CapChecksOptions = {}) {}

  summarize(sim: Simulation): CheckSummary {
    const world = sim.world;
    const windowStartMs = windowStart(sim);
    const incremental = this.options.incremental !== false;
    // A different window, or a run moved back in time (seek, fork), or (followed incrementally)
    // a history whose oldest events the engine dropped, which shifts every index, or that is not
    // the one checked last: start over.
    const changed = incremental && (world.historyDropped !== this.historyDropped || (this.checkedLength > 0 && world.history[this.checkedLength - 1] !== this.lastEvent));
    if (windowStartMs !== this.windowStartMs || world.trace.count < this.checkedAtEvent || changed) {
      this.windowStartMs = windowStartMs;
      this.historyDropped = world.historyDropped;
      this.checkedLength = -1;
      this.last = null;
      this.pairing = null;
      this.linearizability = null;
    }
    if (this.checkedLength !== world.history.length && this.last?.linearizable === false) {
      // Linearizability stays violated; the weaker models of the map may still change.
      this.last = { ...this.last, consistency: mapAfterViolation(world.history, windowStartMs, this.last.consistency ?? null, incremental ? world.historyDropped : 0) };
      this.checkedLength = world.history.length;
      this.checkedAtEvent = world.trace.count;
    } else if (this.checkedLength !== world.history.length) {
      this.last = incremental ? this.checkIncrementally(world.history, windowStartMs, world.historyDropped) : checkWindow(world.history, windowStartMs);
      this.checkedLength = world.history.length;
      this.checkedAtEvent = world.trace.count;
    }
    this.lastEvent = world.history[world.history.length - 1];
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

  /** The window's verdicts, linearizability followed from the last check; the consistency map
   * and the session guarantees over its latest LIVE_MAX_OPS operations, as `checkWindow`. */
  private checkIncrementally(history: readonly HistoryEvent[], windowStartMs: number, historyDropped: number): WindowVerdicts {
    this.pairing ??= new OperationPairing();
    const paired = this.pairing.update(history);
    if (!paired.ok) return unreadable(paired.error.message);
    // Events the engine dropped (a long run) leave the register's value at the start unknown.
    const initialState = windowStartMs > 0 || historyDropped > 0 ? 'unknown' : 'nil';
    this.linearizability ??= new IncrementalLinearizability({ initialState, tailBudgetSteps: LIVE_BUDGET_STEPS });
    const followed = this.linearizability.update(paired.operations, (op) => belongsToWindow(op, history, windowStartMs));
    const bounded = windowOperations(paired.operations, history, windowStartMs, historyDropped);
    const result: LinearizabilityResult = followed.valid === false ? explainViolation(followed, paired.operations, history, windowStartMs, bounded, initialState) : { valid: followed.valid, ops: followed.ops, steps: followed.steps, perKey: [] };
    return {
      ...verdicts(result, bounded),
      checkedOps: followed.ops - followed.leftOut,
      droppedOps: followed.leftOut,
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

function unreadable(message: string): WindowVerdicts {
  return { linearizable: 'unknown', explanation: { sentence: `history unreadable: ${message}`, operations: [] }, consistency: null, sessions: [], checkedOps: 0, droppedOps: 0 };
}

type BoundedWindow = ReturnType<typeof windowOperations>;

/** Checks the operations in the window; those still pending at its start count if CP
 * served them or their outcome is unknown (they may have taken effect inside the window). */
function checkWindow(history: readonly HistoryEvent[], windowStartMs: number): WindowVerdicts {
  const paired = pairOperations(history);
  if (!paired.ok) return unreadable(paired.error.message);
  const bounded = windowOperations(paired.operations, history, windowStartMs);
  const result = checkLinearizability(bounded.inWindow, { budgetSteps: LIVE_BUDGET_STEPS, initialState: bounded.initialState });
  return { ...verdicts(result, bounded), checkedOps: bounded.inWindow.length, droppedOps: bounded.dropped };
}

/** The linearizability verdict as shown, the map and the session guarantees over the bounded window. */
function verdicts(result: LinearizabilityResult, { inWindow, initialState }: BoundedWindow): Omit<WindowVerdicts, 'checkedOps' | 'droppedOps'> {
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
  };
}

/**
 * A violation the incremental check found, explained as the whole-window check explains it: by
 * the search over the window's latest LIVE_MAX_OPS operations (what the check has always shown),
 * else over all of them; should neither settle it within the budget (a violation that needs
 * older operations, in a long window), a plain sentence naming the stretch without a linearization.
 */
function explainViolation(followed: IncrementalResult, operations: readonly HistoryOperation[], history: readonly HistoryEvent[], windowStartMs: number, bounded: BoundedWindow, initialState: 'nil' | 'unknown'): LinearizabilityResult {
  const latest = checkLinearizability(bounded.inWindow, { budgetSteps: LIVE_BUDGET_STEPS, initialState: bounded.initialState });
  if (latest.valid === false) return latest;
  const window = operations.filter((op) => belongsToWindow(op, history, windowStartMs));
  if (bounded.dropped > 0) {
    const whole = checkLinearizability(window, { budgetSteps: LIVE_BUDGET_STEPS, initialState });
    if (whole.valid === false) return whole;
  }
  const stretch = followed.failure?.operations ?? [];
  const from = stretch.length > 0 ? ` from ${calledAt(stretch[0])}` : '';
  const sentence = `No order of the window's operations respects both real time and what the reads returned: whatever the register held before the ${stretch.length} operation${stretch.length === 1 ? '' : 's'}${from}, they cannot be ordered after it (found stretch by stretch; the search over the whole window ran out of steps before naming fewer).`;
  return { valid: false, ops: followed.ops, steps: followed.steps, perKey: [], explanation: { key: followed.failure?.key ?? null, prefix: [], state: null, stuck: [], sentence, involved: stretch } };
}

/** The window's operations, bounded as `recentOperations` does, and the start they are checked
 * from (unknown after a mode switch, once older operations are left out, or once the engine
 * dropped events of a long run: `historyDropped`, which the old whole-window check ignored). */
function windowOperations(operations: readonly HistoryOperation[], history: readonly HistoryEvent[], windowStartMs: number, historyDropped = 0) {
  const window = operations.filter((op) => belongsToWindow(op, history, windowStartMs));
  const { kept: inWindow, dropped } = recentOperations(window, LIVE_MAX_OPS);
  const initialState: 'nil' | 'unknown' = windowStartMs > 0 || dropped > 0 || historyDropped > 0 ? 'unknown' : 'nil';
  return { inWindow, dropped, initialState };
}

/** The map once linearizability is known to be violated in the window: the other models again,
 * the linearizable verdict kept from before (more operations cannot make it hold). */
function mapAfterViolation(history: readonly HistoryEvent[], windowStartMs: number, previous: ConsistencyMapResult | null, historyDropped = 0): ConsistencyMapResult | null {
  const paired = pairOperations(history);
  if (!paired.ok || !previous) return previous;
  const { inWindow, initialState } = windowOperations(paired.operations, history, windowStartMs, historyDropped);
  const violated = { valid: false as const, ops: inWindow.length, steps: 0, perKey: [] };
  const map = checkConsistencyMap(inWindow, { linearizable: violated, budgetSteps: LIVE_MAP_BUDGET_STEPS, initialState });
  return { ...map, models: { ...map.models, linearizable: previous.models.linearizable } };
}


/** Invoked in the window; or before it, and of unknown outcome (it may have taken effect inside
 * the window) or completed inside it by CP. (The invocation's time is the operation's own: the
 * history's events are read only for the mode of a completion.) */
function belongsToWindow(op: HistoryOperation, history: readonly HistoryEvent[], windowStartMs: number): boolean {
  if ((op.callTime ?? 0) >= windowStartMs) return true;
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

