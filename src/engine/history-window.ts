// The client history a long run keeps: at most `limits.historyEvents` events. When it is full the
// oldest quarter is dropped, except the invocations of operations still open at the cut (they
// stay, first in the window, so every kept completion keeps its invocation). Checkers told that
// events were dropped start from an unknown value, and say so in their scope.
import type { HistoryEvent } from './types';

/** Drops the oldest `count` events (keeping open operations' invocations) and returns what was
 * dropped. `history` is changed in place. */
export function dropOldest(history: HistoryEvent[], count: number): { events: number; operations: number } {
  const cut = Math.min(count, history.length);
  const open = new Map<number, HistoryEvent>();
  let operations = 0;
  for (let i = 0; i < cut; i++) {
    const event = history[i];
    if (event.type === 'invoke') {
      open.set(event.process, event);
    } else if (open.delete(event.process)) {
      operations++;
    }
  }
  const kept = [...open.values()].sort((a, b) => (a.time ?? 0) - (b.time ?? 0));
  history.splice(0, cut, ...kept);
  return { events: cut - kept.length, operations };
}
