// Turns a Jepsen-style history into operations (an invoke paired with its completion) and lays
// them out Porcupine-style: one lane per client, a bar per operation on a shared time axis.
import type { HistoryEvent } from '../../engine/types';
import { showValue } from './format';

export type Outcome = 'ok' | 'fail' | 'info' | 'pending';

export interface HistoryOperation {
  /** History index of the invoke event (`historyOffset + i`): what checker explanations cite. */
  index: number;
  /** History index of the completion event, null while pending. */
  completionIndex: number | null;
  process: number;
  client: string;
  f: HistoryEvent['f'];
  key?: string;
  /** What was asked: a write's value, a cas's [expected, new]. */
  input: unknown;
  /** What came back: a read's value (ok only). */
  output: unknown;
  outcome: Outcome;
  startMs: number;
  /** When the client heard back (ok/fail) or gave up (info); null while pending. */
  endMs: number | null;
  node?: string;
  mode?: string;
}

/** The client's name for a lane: its `client` field, or its process when the history has none. */
export function clientOf(event: HistoryEvent): string {
  return event.client ?? `p${event.process}`;
}

/**
 * Pairs each invoke with the next completion of the same process, in history order. Completions
 * whose invoke fell off the front of the frame's tail are skipped; an invoke still open when its
 * process invokes again is left pending (the history would be malformed, but the drawing survives).
 */
export function pairOperations(history: readonly HistoryEvent[], historyOffset = 0): HistoryOperation[] {
  const operations: HistoryOperation[] = [];
  const open = new Map<number, HistoryOperation>();
  let lastTimeMs = 0;
  history.forEach((event, i) => {
    const timeMs = event.time ?? lastTimeMs;
    lastTimeMs = timeMs;
    if (event.type === 'invoke') {
      const operation: HistoryOperation = {
        index: historyOffset + i,
        completionIndex: null,
        process: event.process,
        client: clientOf(event),
        f: event.f,
        key: event.key,
        input: event.value,
        output: undefined,
        outcome: 'pending',
        startMs: timeMs,
        endMs: null,
      };
      operations.push(operation);
      open.set(event.process, operation);
      return;
    }
    const operation = open.get(event.process);
    if (!operation) return;
    open.delete(event.process);
    operation.completionIndex = historyOffset + i;
    operation.outcome = event.type;
    operation.endMs = timeMs;
    if (event.f === 'read' && event.type === 'ok') operation.output = event.value;
    operation.node = event.node;
    operation.mode = event.mode;
  });
  return operations;
}

function keyPrefix(operation: HistoryOperation, showKey: boolean): string {
  return showKey && operation.key !== undefined ? `${operation.key}: ` : '';
}

/** `w 3`, `r→1`, `r→?` (no answer), `cas 1→4`; with `showKey`, `y: w 3`. */
export function operationLabel(operation: HistoryOperation, showKey = false): string {
  const prefix = keyPrefix(operation, showKey);
  if (operation.f === 'write') return `${prefix}w ${showValue(operation.input)}`;
  if (operation.f === 'read') return `${prefix}r→${operation.outcome === 'ok' ? showValue(operation.output) : '?'}`;
  const [expected, next] = Array.isArray(operation.input) ? operation.input : [undefined, operation.input];
  return `${prefix}cas ${showValue(expected)}→${showValue(next)}`;
}

const OUTCOME_WORDS: Record<Outcome, string> = {
  ok: 'ok',
  fail: 'failed (certainly did not happen)',
  info: 'unknown (timed out; may still take effect)',
  pending: 'pending',
};

/** A full sentence for a bar's tooltip and accessible name. */
export function operationDescription(operation: HistoryOperation, nowMs: number): string {
  const key = operation.key ?? 'x';
  let what: string;
  if (operation.f === 'write') what = `write ${key}=${showValue(operation.input)}`;
  else if (operation.f === 'read') what = operation.outcome === 'ok' ? `read ${key}=${showValue(operation.output)}` : `read ${key}`;
  else {
    const [expected, next] = Array.isArray(operation.input) ? operation.input : [undefined, operation.input];
    what = `cas ${key} ${showValue(expected)}→${showValue(next)}`;
  }
  const end = operation.endMs ?? nowMs;
  const span = `${(operation.startMs / 1000).toFixed(3)}–${(end / 1000).toFixed(3)} s`;
  const served = operation.node ? `, answered by ${operation.node}${operation.mode ? ` in ${operation.mode.toUpperCase()} mode` : ''}` : '';
  return `${operation.client} ${what}: ${OUTCOME_WORDS[operation.outcome]}, ${span}${served}`;
}

/** Lane order: workload clients c1…cK by number, then user clients u*, then anything else. */
export function compareClients(a: string, b: string): number {
  const rank = (id: string) => (/^c\d+$/.test(id) ? 0 : /^u\d+$/.test(id) ? 1 : 2);
  const number = (id: string) => Number(/(\d+)$/.exec(id)?.[1] ?? Number.MAX_SAFE_INTEGER);
  return rank(a) - rank(b) || number(a) - number(b) || a.localeCompare(b);
}

export interface PlacedOperation {
  operation: HistoryOperation;
  lane: number;
  /** Row within the lane: operations of one client that overlap in time stack. */
  row: number;
  /** Where the solid bar ends: completion, or now while pending. */
  barEndMs: number;
  /** Info operations: the open-ended tail after the client gave up, up to now. */
  tailEndMs: number | null;
}

export interface Lane {
  client: string;
  /** The first row of this lane, counted over all lanes. */
  firstRow: number;
  rows: number;
}

export interface LanesLayout {
  lanes: Lane[];
  placed: PlacedOperation[];
  rows: number;
}

/**
 * One lane per client (every client of the frame, plus any that only appear in the history), the
 * operations whose bar overlaps [fromMs, nowMs], and a row for each so bars of one lane never
 * overlap (an info operation's open tail may run under later bars of its lane).
 */
export function layoutLanes(operations: readonly HistoryOperation[], clients: readonly string[], fromMs: number, nowMs: number): LanesLayout {
  const names = [...new Set([...clients, ...operations.map((operation) => operation.client)])].sort(compareClients);
  const visible = operations.filter((operation) => (operation.endMs ?? nowMs) >= fromMs && operation.startMs <= nowMs);
  const placed: PlacedOperation[] = [];
  const lanes: Lane[] = [];
  let firstRow = 0;
  for (const client of names) {
    const rowEnds: number[] = [];
    const mine = visible.filter((operation) => operation.client === client).sort((a, b) => a.startMs - b.startMs || a.index - b.index);
    for (const operation of mine) {
      const barEndMs = operation.endMs ?? nowMs;
      let row = rowEnds.findIndex((end) => end < operation.startMs);
      if (row < 0) row = rowEnds.push(barEndMs) - 1;
      else rowEnds[row] = barEndMs;
      const tailEndMs = operation.outcome === 'info' && nowMs > barEndMs ? nowMs : null;
      placed.push({ operation, lane: lanes.length, row: firstRow + row, barEndMs, tailEndMs });
    }
    const rows = Math.max(1, rowEnds.length);
    lanes.push({ client, firstRow, rows });
    firstRow += rows;
  }
  return { lanes, placed, rows: firstRow };
}

/**
 * The time window to draw: the last `windowMs` up to now, widened (up to `maxWindowMs`) so that
 * the operations a violation involves stay in view.
 */
export function timeWindow(nowMs: number, windowMs: number, mustShowMs: readonly number[] = [], maxWindowMs = 60_000): [number, number] {
  const end = Math.max(nowMs, 1000); // at least a second, so the axis never ticks in microseconds
  let start = Math.max(0, end - windowMs);
  for (const timeMs of mustShowMs) start = Math.min(start, Math.max(0, timeMs - 500, end - maxWindowMs));
  return [start, end];
}

/** How much time a plot this wide shows readably: 15 s from 560 px, 10 s from 360 px, else 5 s. */
export function autoWindowMs(plotWidthPx: number): number {
  if (plotWidthPx >= 560) return 15_000;
  if (plotWidthPx >= 360) return 10_000;
  return 5_000;
}
