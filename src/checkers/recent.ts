// Live checks in a long session stay bounded by checking the latest operations only, and measure
// availability over a recent window: shared by every lab whose clients record a history.
import type { HistoryEvent } from '../engine/types';
import type { HistoryOperation } from './operations';

/**
 * At least the last `max` settled operations (and every one of unknown outcome, however old: it
 * may take effect at any later moment), and how many older ones were left out. They are cut where
 * every older settled operation had returned, so none left out overlaps one kept: checking such a
 * suffix from an unknown starting value is sound, never stricter than checking the whole history.
 * (Cut anywhere else, an operation left out may have taken effect after one kept: a write of 2
 * concurrent with a write of 1, then a read of 2, is linearizable; the write of 1 and the read of 2
 * alone are not.)
 */
export function recentOperations(operations: readonly HistoryOperation[], max: number): { kept: HistoryOperation[]; dropped: number } {
  const settled = operations.filter((op) => op.outcome !== 'info' && !op.pending);
  if (settled.length <= max) return { kept: operations.slice(), dropped: 0 };
  const cutAt = quietCutAtOrBefore(settled, settled[settled.length - max].callIndex);
  const kept = operations.filter((op) => op.callIndex >= cutAt || op.outcome === 'info' || op.pending);
  return { kept, dropped: operations.length - kept.length };
}

/** The latest invocation at or before `limit` before which every settled operation invoked
 * returned (the first invocation, failing any other). */
function quietCutAtOrBefore(settled: readonly HistoryOperation[], limit: number): number {
  let cut = settled[0].callIndex;
  let lastReturn = -Infinity;
  for (const op of settled) {
    if (op.callIndex > limit) break;
    if (lastReturn < op.callIndex) cut = op.callIndex;
    if (op.returnIndex > lastReturn) lastReturn = op.returnIndex;
  }
  return cut;
}

/** Share of operations completed ok among those completed in the last `windowMs` before `nowMs`. */
export function recentAvailability(history: readonly HistoryEvent[], nowMs: number, windowMs: number): { ok: number; total: number; windowMs: number } {
  let ok = 0;
  let total = 0;
  for (let i = history.length - 1; i >= 0; i--) {
    const event = history[i];
    if ((event.time ?? 0) < nowMs - windowMs) break;
    if (event.type === 'invoke') continue;
    total++;
    if (event.type === 'ok') ok++;
  }
  return { ok, total, windowMs };
}
