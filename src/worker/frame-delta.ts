// Frames across the worker boundary as deltas. A full Frame carries up to 4,000 history events,
// 1,500 traffic records and 200 notable and fault events; at 60 frames a second, structured-cloning
// them every frame dominates the cost of a long run. So the page names what it already holds (a
// FrameCursor, sent with every request) and the worker answers with a FramePatch: the frame less
// those four lists, plus only their new items. The page rebuilds the same Frame buildFrame gives.
//
// Why this is exact:
// - A world object only ever moves forward; loading, and seeking by restoring a checkpoint, make a
//   new world object. So the world's identity (its epoch, below) names a lineage on which the
//   history and the trace only grow.
// - On one world and while no history events are dropped from its front (`historyDropped` stays
//   the same), an event keeps its index in `world.history`; a frame's history is the window
//   [historyOffset, historyOffset + length) and both ends only move forward.
// - Trace events are numbered by `seq` in the order they are recorded; traffic, notable and faults
//   are each the newest events of one kind, so each is a run of that kind's events ending at the
//   newest, whose first `seq` only moves forward. The page keeps what it holds from that first seq
//   on and appends the events it does not hold (seq above the cursor's).
// Whatever breaks an assumption (another world, a cursor from elsewhere) makes a full patch; the
// page checks each rebuilt list's length and first item against the worker's and, should they ever
// disagree, asks for a full frame instead of drawing a wrong one.
//
// Plain data and pure functions (but for the epoch's WeakMap): no DOM, no Comlink.
import type { Frame, TraceEvent } from '../engine/frame';
import type { HistoryEvent } from '../engine/types';

/** What the page holds: the frame it last rebuilt, named by where its lists end. */
export interface FrameCursor {
  /** The world the frame was built from (see worldEpoch); -1 when the page holds nothing. */
  epoch: number;
  /** The world's `historyDropped` then: the front of its history window. */
  historyDropped: number;
  /** Where the frame's history ends in the world's history window (historyOffset + length). */
  historyEnd: number;
  /** The page holds every traffic, notable and fault event up to this seq that a later frame can
   * still show (-1: none). */
  traceSeq: number;
}

/** The cursor of a page that holds nothing: the answer is a full patch. */
export const NO_CURSOR: FrameCursor = Object.freeze({ epoch: -1, historyDropped: 0, historyEnd: 0, traceSeq: -1 });

export type FrameListKey = 'history' | 'traffic' | 'notable' | 'faults';
export type FrameHead = Omit<Frame, FrameListKey>;

/** A run of the newest events of one kind: the new ones, and the whole list's first seq and length. */
export interface TraceTail {
  added: TraceEvent[];
  /** Seq of the whole list's first event (null when the list is empty). */
  firstSeq: number | null;
  length: number;
}

/** What crosses the boundary instead of a Frame. */
export interface FramePatch {
  /** The frame less its four long lists (small: sent whole every time). */
  head: FrameHead;
  /** The cursor these lists extend; null when they are whole (a reset). */
  base: FrameCursor | null;
  /** The cursor of the frame this patch makes. */
  cursor: FrameCursor;
  history: {
    added: HistoryEvent[];
    /** Window index of `added[0]`; equal to head.historyOffset when the list is whole. */
    from: number;
    length: number;
  };
  traffic: TraceTail;
  notable: TraceTail;
  faults: TraceTail;
}

/** What the page holds: a rebuilt frame and its cursor. */
export interface HeldFrame {
  frame: Frame;
  cursor: FrameCursor;
}

/** Where a frame was built: the world's epoch and the front of its history window. */
export interface WorldMark {
  epoch: number;
  historyDropped: number;
}

const epochs = new WeakMap<object, number>();
let nextEpoch = 0;

/** A number for a world object, the same for as long as it lives and never given to another
 * (a load or a restore from a checkpoint makes a new world: a new epoch). */
export function worldEpoch(world: object): number {
  let epoch = epochs.get(world);
  if (epoch === undefined) {
    epoch = nextEpoch++;
    epochs.set(world, epoch);
  }
  return epoch;
}

/** A cursor read from the page: anything malformed counts as holding nothing. */
export function readCursor(value: unknown): FrameCursor {
  if (typeof value !== 'object' || value === null) return NO_CURSOR;
  const { epoch, historyDropped, historyEnd, traceSeq } = value as Record<string, unknown>;
  const integers = [epoch, historyDropped, historyEnd, traceSeq].every((n) => Number.isSafeInteger(n));
  return integers ? { epoch: epoch as number, historyDropped: historyDropped as number, historyEnd: historyEnd as number, traceSeq: traceSeq as number } : NO_CURSOR;
}

function lastSeq(list: readonly TraceEvent[]): number {
  return list.length === 0 ? -1 : list[list.length - 1].seq;
}

/** The events of a seq-ordered list after `seq`. */
function after(list: TraceEvent[], seq: number): TraceEvent[] {
  let index = list.length;
  while (index > 0 && list[index - 1].seq > seq) index--;
  return index === 0 ? list : list.slice(index);
}

function tail(list: TraceEvent[], since: number | null): TraceTail {
  return { added: since === null ? list : after(list, since), firstSeq: list.length > 0 ? list[0].seq : null, length: list.length };
}

/**
 * The patch that turns the frame the page holds (`since`) into `frame`, built at `at`: only the
 * new history and trace events when `since` is on the same world, the whole lists otherwise.
 * The patch shares the frame's arrays and events (it is cloned when it crosses the boundary).
 */
export function makeDelta(frame: Frame, at: WorldMark, since: FrameCursor): FramePatch {
  const { history, traffic, notable, faults, ...head } = frame;
  const end = frame.historyOffset + history.length;
  const listed = Math.max(lastSeq(traffic), lastSeq(notable), lastSeq(faults));
  const extend = since.epoch >= 0 && since.epoch === at.epoch;
  const cursor: FrameCursor = { epoch: at.epoch, historyDropped: at.historyDropped, historyEnd: end, traceSeq: extend ? Math.max(listed, since.traceSeq) : listed };
  // The history window keeps its indexes while nothing is dropped from its front.
  const historyExtends = extend && since.historyDropped === at.historyDropped && since.historyEnd <= end;
  const from = historyExtends ? Math.max(since.historyEnd, frame.historyOffset) : frame.historyOffset;
  const seq = extend ? since.traceSeq : null;
  return {
    head,
    base: extend ? since : null,
    cursor,
    history: { added: from === frame.historyOffset ? history : history.slice(from - frame.historyOffset), from, length: history.length },
    traffic: tail(traffic, seq),
    notable: tail(notable, seq),
    faults: tail(faults, seq),
  };
}

/** The full frame a patch stands for, on top of what the page holds; null when the patch does not
 * fit it (then ask for a full frame). Lists that did not change are the held frame's own arrays
 * (frames are never changed in place). */
export function applyDelta(held: HeldFrame | null, patch: FramePatch): HeldFrame | null {
  const { head, base, cursor } = patch;
  if (base !== null && (held === null || held.cursor.epoch !== base.epoch)) return null;
  const prev = base === null ? null : held!;
  const history = applyHistory(prev, patch);
  const traffic = applyTail(prev?.frame.traffic ?? null, base, patch.traffic);
  const notable = applyTail(prev?.frame.notable ?? null, base, patch.notable);
  const faults = applyTail(prev?.frame.faults ?? null, base, patch.faults);
  if (!history || !traffic || !notable || !faults) return null;
  return { frame: { ...head, history, traffic, notable, faults } as Frame, cursor };
}

function applyHistory(prev: HeldFrame | null, patch: FramePatch): HistoryEvent[] | null {
  const { added, from, length } = patch.history;
  const offset = patch.head.historyOffset;
  let history: HistoryEvent[];
  if (from === offset) {
    history = added;
  } else {
    // Keep the held events in [offset, from): the held window must cover them, on the same front.
    if (prev === null || prev.cursor.historyDropped !== patch.cursor.historyDropped) return null;
    const held = prev.frame.history;
    const start = offset - prev.frame.historyOffset;
    const stop = from - prev.frame.historyOffset;
    if (start < 0 || stop > held.length || stop < start) return null;
    history = added.length === 0 && start === 0 && stop === held.length ? held : held.slice(start, stop).concat(added);
  }
  return history.length === length ? history : null;
}

function applyTail(prev: TraceEvent[] | null, base: FrameCursor | null, patch: TraceTail): TraceEvent[] | null {
  const { added, firstSeq, length } = patch;
  let list: TraceEvent[];
  if (firstSeq === null) {
    list = [];
  } else if (prev === null || base === null || (added.length > 0 && added[0].seq === firstSeq)) {
    list = added;
  } else {
    // Keep the held events from firstSeq up to the base's seq (a reply to an earlier request
    // may come after the page moved on: then the held list goes past the base).
    let start = 0;
    while (start < prev.length && prev[start].seq < firstSeq) start++;
    let stop = prev.length;
    while (stop > start && prev[stop - 1].seq > base.traceSeq) stop--;
    list = added.length === 0 && start === 0 && stop === prev.length ? prev : prev.slice(start, stop).concat(added);
  }
  if (list.length !== length) return null;
  return length === 0 || list[0].seq === firstSeq ? list : null;
}
