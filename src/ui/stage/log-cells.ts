// Which log entries fit under a node and which palette slot colours each term.

export const LOG_CELLS_MAX = 10;
/** Slots in the colour-blind-safe term palette (Okabe–Ito), see theme.css `--term-N`. */
export const TERM_PALETTE_SIZE = 8;

export interface LogEntryLike {
  term: number;
  index: number;
  label: string;
  committed: boolean;
}

/** Term t uses palette slot t mod 8, so neighbouring terms always differ. */
export function termSlot(term: number): number {
  return ((Math.trunc(term) % TERM_PALETTE_SIZE) + TERM_PALETTE_SIZE) % TERM_PALETTE_SIZE;
}

/** The newest `max` entries and how many older ones are hidden. */
export function visibleLog<T extends LogEntryLike>(
  log: readonly T[] | undefined,
  max: number = LOG_CELLS_MAX,
): { cells: T[]; hidden: number } {
  const entries = log ?? [];
  const hidden = Math.max(0, entries.length - max);
  return { cells: entries.slice(hidden), hidden };
}

export function logEntryName(entry: LogEntryLike): string {
  const label = entry.label ? ` ${entry.label}` : '';
  return `#${entry.index} term ${entry.term}${label}, ${entry.committed ? 'committed' : 'not committed'}`;
}
