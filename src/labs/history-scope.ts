// What a whole-run check of the client history covers: all of it, or (in a run long enough that
// the engine dropped its oldest operations) the window that is left, read from an unknown
// starting value. Verdicts pass `initialState` to the checker and add `fields` to the CLI line.
import type { Simulation } from '../engine/simulation';

export interface HistoryScope {
  initialState: 'nil' | 'unknown';
  fields: Record<string, unknown>;
}

export function historyScope(sim: Simulation): HistoryScope {
  const { historyDroppedOps, history } = sim.world;
  if (historyDroppedOps === 0 && sim.world.historyDropped === 0) return { initialState: 'nil', fields: {} };
  return {
    initialState: 'unknown',
    fields: { droppedOps: historyDroppedOps, checkedFromMs: history[0]?.time ?? sim.world.timeMs },
  };
}
