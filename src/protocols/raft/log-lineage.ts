// Where a log array came from. Logs are copy-on-write: every change makes a new array that
// shares the old one's entry objects up to some index. Recording that index when the array is
// made lets the invariants tell how far two logs they saw agree without walking them entry by
// entry (a walk made every check cost the length of the log, and a long run quadratic).
//
// Only the functions that make a log record its lineage; an array made any other way (a
// checkpoint's clone, an installed snapshot) has none, and callers fall back to comparing
// entries. Only the newest array of a line remembers its ancestors, and only a few, nearest
// first, so the chain cannot keep a long run's old logs alive.
//
// Appending does not copy: an array with a lineage belongs to one node's line of states, and
// entries are pushed onto it in place (growableLog). Copying the whole log for every append made
// a run without compaction quadratic. This is sound because a state handed to a handler is
// used up: the engine keeps only the state a handler returns and never reads the old one again
// (see Protocol). Whoever keeps an older state to look at later remembers its log's length
// with it (the invariants' SeenLog), or freezes it, as the tests do: a frozen log is copied.
import { hide } from '../owned-record';
import type { LogEntry } from './types';

export interface Lineage {
  ancestors: LogEntry[][];
  /** keptUpTo[i]: the highest index up to which this array holds ancestors[i]'s entries. */
  keptUpTo: number[];
}

const MAX_ANCESTORS = 4;
/** Kept on the array under a hidden symbol: structured clone leaves it out (a checkpoint's
 * copy has no lineage), and a WeakMap churned by every log change made the
 * collector's work grow with it. */
const LINEAGE: unique symbol = Symbol('lineage');
type Traced = LogEntry[] & { [LINEAGE]?: Lineage | undefined };

/** Records that `child` was made from `parent` and holds its very entries up to `keptUpTo`
 * (every index both hold in memory, at or below it). Returns `child`. */
export function derivedLog(parent: LogEntry[], child: LogEntry[], keptUpTo: number): LogEntry[] {
  const ancestors = [parent];
  const kept = [keptUpTo];
  const older = (parent as Traced)[LINEAGE];
  if (older !== undefined) {
    for (let i = 0; i < older.ancestors.length && ancestors.length < MAX_ANCESTORS; i++) {
      ancestors.push(older.ancestors[i]);
      kept.push(Math.min(keptUpTo, older.keptUpTo[i]));
    }
    // The child carries the parent's ancestry on; the parent letting go of its own keeps every
    // chain at most MAX_ANCESTORS long (a record held by a live array keeps its ancestors alive).
    if (Object.isExtensible(parent)) (parent as Traced)[LINEAGE] = undefined; // tests freeze states
  }
  hide(child, LINEAGE, { ancestors, keptUpTo: kept });
  return child;
}

/** The array to push entries onto after index `last` (the log's last): `log` itself if it
 * may grow in place, else a copy that records its lineage and may grow from then on. An array
 * with no lineage (a fresh node's, a clone's, one a test built and may share) or a frozen one
 * is copied. */
export function growableLog(log: LogEntry[], last: number): LogEntry[] {
  return (log as Traced)[LINEAGE] !== undefined && Object.isExtensible(log) ? log : derivedLog(log, log.slice(), last);
}

/** The highest index up to which `later` holds the very entries of `earlier`, when `later`
 * was made from it in the last few changes; undefined when that is not known. */
export function sharedUpTo(earlier: LogEntry[], later: LogEntry[]): number | undefined {
  const lineage = (later as Traced)[LINEAGE];
  if (lineage === undefined) return undefined;
  const at = lineage.ancestors.indexOf(earlier);
  return at < 0 ? undefined : lineage.keptUpTo[at];
}

/** The arrays `log` was made from, nearest first, with how far it holds each one's entries. */
export function lineageOf(log: LogEntry[]): Lineage | undefined {
  return (log as Traced)[LINEAGE];
}
