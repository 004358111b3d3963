// The quorum lab's live checks, computed where the history is (the worker, the CLI): stale reads
// and t-visibility for the settings in force, the linearizability checker and the session
// checker over the same window (since the settings last changed), which models of the consistency
// map hold over it, and writes LWW dropped.
import { recentOperations } from '../../checkers/recent';
import { checkConsistencyMap, checkLinearizability, checkSessions, pairOperations, type ConsistencyMapResult, type HistoryOperation } from '../../checkers/index';
import type { Simulation } from '../../engine/simulation';
import type { HistoryEvent } from '../../engine/types';
import { fallbacks, preferenceList, quorumsOverlap, type CoordinatedWrite, type DynamoState, type QuorumConfig } from '../../protocols/dynamo/index';
import { readWorkload } from '../../protocols/client/workload';
import { findLostWrites } from './lost-writes';
import { configuredAtMs, currentConfig } from './settings';
import { measureStaleness, type StalenessBucket } from './staleness';

/** A finding with the history indexes (of invoke events) of the operations it names. */
export interface Finding {
  sentence: string;
  operations: number[];
  timeMs: number;
}

export interface QuorumView {
  config: QuorumConfig;
  /** W + R > N. */
  overlap: boolean;
  /** Each workload key's replicas and stand-ins, in ring order. */
  placement: { key: string; replicas: string[]; fallbacks: string[] }[];
  /** Where the window of the checks starts: the last settings change, or 0. */
  windowStartMs: number;
  /** Reads in the window that could be stale, those that were, and t-visibility. */
  reads: number;
  staleReads: number;
  staleness: StalenessBucket[];
  /** The latest stale reads of the window, newest last. */
  stale: Finding[];
  linearizable: true | false | 'unknown';
  explanation: Finding | null;
  /** The map of consistency models over the same operations as `linearizable` (bounded by
   * LIVE_MAP_BUDGET_STEPS); null or absent until the first check or when the history is unreadable. */
  consistency?: ConsistencyMapResult | null;
  /** Read-your-writes (and other session) violations in the window. */
  sessions: Finding[];
  /** Writes LWW dropped in favour of an earlier one, over the whole run (newest last, at most 5). */
  lostWrites: number;
  lost: Finding[];
  checkedOps: number;
  droppedOps: number;
  /** Engine facts over the whole run. */
  siblingReads: number;
  sloppyWrites: number;
  handoffs: number;
  hintsHeld: number;
}

export const LIVE_MAX_OPS = 1500;
export const LIVE_BUDGET_STEPS = 400_000;
/** Steps per live check of the consistency map's other models (sequential, causal, …). */
export const LIVE_MAP_BUDGET_STEPS = 200_000;

/** Every server's coordinated writes (a crashed server's log is on its disk). */
export function coordinatedWrites(sim: Simulation): CoordinatedWrite[] {
  return sim.world.nodeIds.flatMap((id) => (sim.world.nodes[id].state as DynamoState | null)?.writes ?? []);
}

function hintsHeld(sim: Simulation): number {
  return sim.world.nodeIds.reduce((sum, id) => sum + ((sim.world.nodes[id].state as DynamoState | null)?.hints.length ?? 0), 0);
}

const finding = (history: readonly HistoryEvent[], sentence: string, ops: HistoryOperation[]): Finding => ({
  sentence,
  operations: ops.map((op) => op.callIndex),
  timeMs: history[ops[0].callIndex]?.time ?? 0,
});

/** Remembers the last result so an unchanged history is not checked twice. */
export class QuorumChecks {
  private key = '';
  private last: QuorumView | null = null;

  summarize(sim: Simulation): QuorumView {
    const world = sim.world;
    // A seek or a fork changes the history's length or its last event; a settings change (even at
    // time 0, where the window does not move) the settings.
    const lastEvent = world.history[world.history.length - 1];
    const key = `${world.history.length}:${configuredAtMs(sim)}:${JSON.stringify(currentConfig(sim))}:${lastEvent?.time ?? -1}:${lastEvent?.process ?? -1}:${lastEvent?.type ?? ''}`;
    if (this.last && key === this.key) return { ...this.last, ...engineFacts(sim) };
    this.key = key;
    this.last = { ...summarize(sim), ...engineFacts(sim) };
    return this.last;
  }
}

function engineFacts(sim: Simulation): Pick<QuorumView, 'siblingReads' | 'sloppyWrites' | 'handoffs' | 'hintsHeld'> {
  const marks = sim.world.marks;
  return { siblingReads: marks.siblings ?? 0, sloppyWrites: marks['sloppy-write'] ?? 0, handoffs: marks.handoff ?? 0, hintsHeld: hintsHeld(sim) };
}

function summarize(sim: Simulation): Omit<QuorumView, 'siblingReads' | 'sloppyWrites' | 'handoffs' | 'hintsHeld'> {
  const config = currentConfig(sim);
  const windowStartMs = configuredAtMs(sim);
  const history = sim.world.history;
  const keys = readWorkload(sim.world.config.params)?.keys ?? ['x'];
  const base = {
    config, overlap: quorumsOverlap(config), windowStartMs,
    placement: keys.map((key) => ({ key, replicas: preferenceList(key, sim.world.nodeIds, config.n), fallbacks: fallbacks(key, sim.world.nodeIds, config.n) })),
  };
  const paired = pairOperations(history);
  if (!paired.ok) {
    return { ...base, reads: 0, staleReads: 0, staleness: [], stale: [], linearizable: 'unknown', explanation: { sentence: `history unreadable: ${paired.error.message}`, operations: [], timeMs: 0 }, consistency: null, sessions: [], lostWrites: 0, lost: [], checkedOps: 0, droppedOps: 0 };
  }
  // Operations not over before the window began (unknown outcomes never are): what the checks judge.
  const window = paired.operations.filter((op) => (op.returnTime ?? Infinity) >= windowStartMs);
  const staleness = measureStaleness(window);
  const lost = findLostWrites(paired.operations, coordinatedWrites(sim));
  const { kept, dropped } = recentOperations(window, LIVE_MAX_OPS);
  const initialState = windowStartMs > 0 || dropped > 0 ? ('unknown' as const) : ('nil' as const);
  const result = checkLinearizability(kept, { budgetSteps: LIVE_BUDGET_STEPS, initialState });
  const involved = result.explanation?.involved ?? [];
  return {
    ...base,
    reads: staleness.reads,
    staleReads: staleness.stale,
    staleness: staleness.buckets,
    stale: staleness.recent.map((s) => finding(history, s.sentence, [s.read, s.missed])),
    linearizable: result.valid,
    explanation: result.explanation ? { sentence: result.explanation.sentence, operations: involved.map((op) => op.callIndex), timeMs: history[involved[0]?.callIndex ?? 0]?.time ?? 0 } : null,
    consistency: checkConsistencyMap(kept, { linearizable: result, budgetSteps: LIVE_MAP_BUDGET_STEPS, initialState }),
    sessions: checkSessions(kept).slice(-5).map((v) => finding(history, v.sentence, [v.operation, v.earlier, v.later].filter((op): op is HistoryOperation => op !== null))),
    lostWrites: lost.length,
    lost: lost.slice(-5).map((l) => finding(history, l.sentence, [l.write, l.winner])),
    checkedOps: kept.length,
    droppedOps: dropped,
  };
}

