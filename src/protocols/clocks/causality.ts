// A checker of clocks against the ground truth: happens-before rebuilt from the events themselves
// (process order plus send → receive), never from the clocks under test. Over a sliding window of
// events it verifies the clock condition (a → b ⇒ L(a) < L(b), and HLC likewise), the vector
// clocks' strong condition (a → b ⇔ V(a) < V(b)), and counts what Lamport cannot tell: concurrent
// pairs it orders anyway. It also counts causal pairs whose physical timestamps run backwards and
// last-writer-wins decisions that kept a write over a causally later one.
import type { ClockEvent } from './events';
import { compareHlc, showHlc } from './hybrid';
import { compareVectors, showVector } from './vector';

/** Events kept for pair checks; older ones leave the window (and pairs with them go unchecked). */
export const CAUSALITY_WINDOW = 600;

/** An event with its ground-truth causal frontier: for each process, how many of its events
 * happened before or at this one. */
export interface CausalEvent extends ClockEvent {
  frontier: number[];
}

export interface CausalityStats {
  events: number;
  /** Pairs judged (within the window). */
  pairs: number;
  happensBefore: number;
  concurrent: number;
  /** Concurrent pairs with different Lamport stamps: Lamport "orders" them though neither came first. */
  lamportOrderedConcurrent: number;
  /** a → b but b's physical timestamp is smaller. */
  physicalInversions: number;
  /** Last-writer-wins kept a write and dropped one that causally followed it. */
  lwwCausalLosses: number;
  /** Last-writer-wins dropped a concurrent write (an arbitrary but legal choice). */
  lwwConcurrentDrops: number;
  /** Clock-condition breaches found (Lamport, HLC) and strong-condition breaches (vectors). */
  lamportViolations: number;
  hlcViolations: number;
  vectorViolations: number;
}

export interface CausalityGhost {
  recent: CausalEvent[];
  /** Each process's latest event (its frontier carries on from there). */
  last: Record<string, CausalEvent>;
  stats: CausalityStats;
  /** The latest concurrent pair Lamport ordered, causal pair with a physical inversion, and
   * causally later write dropped by LWW: event ids, for the page to show. */
  concurrentExample: [number, number] | null;
  inversionExample: [number, number] | null;
  lwwLossExample: { kept: number; dropped: number; at: number } | null;
  /** Events whose message's send had left the window (their frontier misses that path). */
  unmatchedReceives: number;
}

export function createCausalityGhost(): CausalityGhost {
  return {
    recent: [],
    last: {},
    stats: {
      events: 0, pairs: 0, happensBefore: 0, concurrent: 0, lamportOrderedConcurrent: 0, physicalInversions: 0,
      lwwCausalLosses: 0, lwwConcurrentDrops: 0, lamportViolations: 0, hlcViolations: 0, vectorViolations: 0,
    },
    concurrentExample: null,
    inversionExample: null,
    lwwLossExample: null,
    unmatchedReceives: 0,
  };
}

/** The event with this id in the window (ids ascend), or undefined. */
export function findEvent(recent: readonly CausalEvent[], id: number): CausalEvent | undefined {
  let low = 0;
  let high = recent.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (recent[mid].id === id) return recent[mid];
    if (recent[mid].id < id) low = mid + 1;
    else high = mid - 1;
  }
  return undefined;
}

/** Ground truth: did `a` happen before `b`? (b's frontier has reached a.) */
export function happenedBefore(a: CausalEvent, b: CausalEvent): boolean {
  return a.id !== b.id && (b.frontier[a.index] ?? 0) >= a.seq;
}

function frontierOf(ghost: CausalityGhost, event: ClockEvent, processes: number): number[] {
  const previous = ghost.last[event.node]?.frontier ?? new Array<number>(processes).fill(0);
  const frontier = previous.slice();
  if (event.kind === 'receive' && event.sendId !== undefined) {
    const send = findEvent(ghost.recent, event.sendId);
    if (send) send.frontier.forEach((value, i) => (frontier[i] = Math.max(frontier[i] ?? 0, value)));
    else ghost.unmatchedReceives++;
  }
  frontier[event.index] = event.seq;
  return frontier;
}

/**
 * Adds one event (events must arrive in id order) and judges it against every event it still
 * remembers. Returns a sentence for the first clock-condition breach it finds, else null.
 */
export function ingestEvent(ghost: CausalityGhost, event: ClockEvent, processes: number): string | null {
  const record: CausalEvent = { ...event, frontier: frontierOf(ghost, event, processes) };
  let violation: string | null = null;
  for (const earlier of ghost.recent) {
    const found = judgePair(ghost, earlier, record);
    violation ??= found;
  }
  violation ??= judgeLww(ghost, record);
  ghost.stats.events++;
  ghost.last[event.node] = record;
  ghost.recent.push(record);
  if (ghost.recent.length > CAUSALITY_WINDOW) ghost.recent.splice(0, ghost.recent.length - CAUSALITY_WINDOW);
  return violation;
}

const label = (e: ClockEvent) => `e${e.id} (${e.node} ${e.kind})`;

/** `a` is older than `b`, so b cannot have happened before a. */
function judgePair(ghost: CausalityGhost, a: CausalEvent, b: CausalEvent): string | null {
  const stats = ghost.stats;
  stats.pairs++;
  if (happenedBefore(a, b)) {
    stats.happensBefore++;
    if (b.physicalMs < a.physicalMs) {
      stats.physicalInversions++;
      ghost.inversionExample = [a.id, b.id];
    }
    if (a.lamport >= b.lamport) {
      stats.lamportViolations++;
      return `${label(a)} → ${label(b)}, yet Lamport ${a.lamport} ≥ ${b.lamport}`;
    }
    if (compareVectors(a.vector, b.vector) !== 'before') {
      stats.vectorViolations++;
      return `${label(a)} → ${label(b)}, yet vector ${showVector(a.vector)} is not below ${showVector(b.vector)}`;
    }
    if (compareHlc(a.hlc, b.hlc) >= 0) {
      stats.hlcViolations++;
      return `${label(a)} → ${label(b)}, yet HLC ${showHlc(a.hlc)} ≥ ${showHlc(b.hlc)}`;
    }
    return null;
  }
  stats.concurrent++;
  if (a.lamport !== b.lamport) {
    stats.lamportOrderedConcurrent++;
    ghost.concurrentExample = [a.id, b.id];
  }
  if (compareVectors(a.vector, b.vector) !== 'concurrent') {
    stats.vectorViolations++;
    return `${label(a)} and ${label(b)} are concurrent, yet vectors ${showVector(a.vector)} and ${showVector(b.vector)} are ordered`;
  }
  return null;
}

/** A write discarded by last-writer-wins: unsafe when the kept write happened before it. */
function judgeLww(ghost: CausalityGhost, event: CausalEvent): null {
  if (!event.lww) return null;
  const kept = event.lww.kept === event.id ? event : findEvent(ghost.recent, event.lww.kept);
  const dropped = event.lww.dropped === event.id ? event : findEvent(ghost.recent, event.lww.dropped);
  if (!kept || !dropped) return null;
  if (happenedBefore(kept, dropped)) {
    ghost.stats.lwwCausalLosses++;
    ghost.lwwLossExample = { kept: kept.id, dropped: dropped.id, at: event.id };
  } else if (!happenedBefore(dropped, kept)) {
    ghost.stats.lwwConcurrentDrops++;
  }
  return null;
}

export type Relation = 'before' | 'after' | 'concurrent' | 'same';

export interface Comparison {
  relation: Relation;
  /** For before/after: a chain of events from the earlier to the later, each step either the
   * next event on a process or a message (send → its receive). Empty when concurrent. */
  path: number[];
}

/**
 * How two events of a contiguous run of events relate, and why: the path of process steps and
 * messages from the earlier to the later, or none. Rebuilt from the events alone.
 */
export function compareEvents(events: readonly ClockEvent[], aId: number, bId: number): Comparison | null {
  const a = events.find((e) => e.id === aId);
  const b = events.find((e) => e.id === bId);
  if (!a || !b) return null;
  if (a.id === b.id) return { relation: 'same', path: [a.id] };
  const [first, second] = a.id < b.id ? [a, b] : [b, a];
  const path = causalPath(events, first, second);
  if (path.length === 0) return { relation: 'concurrent', path: [] };
  return { relation: first === a ? 'before' : 'after', path };
}

/** A path from `from` to `to` through later events, by breadth-first search over the process and
 * message edges; empty if there is none. */
function causalPath(events: readonly ClockEvent[], from: ClockEvent, to: ClockEvent): number[] {
  const between = events.filter((e) => e.id >= from.id && e.id <= to.id).sort((x, y) => x.id - y.id);
  const previous = new Map<number, number>();
  const queue = [from];
  const seen = new Set([from.id]);
  while (queue.length > 0) {
    const here = queue.shift()!;
    if (here.id === to.id) break;
    for (const next of successors(between, here)) {
      if (seen.has(next.id)) continue;
      seen.add(next.id);
      previous.set(next.id, here.id);
      queue.push(next);
    }
  }
  if (!seen.has(to.id)) return [];
  const path = [to.id];
  while (path[0] !== from.id) path.unshift(previous.get(path[0])!);
  return path;
}

function successors(events: readonly ClockEvent[], event: ClockEvent): ClockEvent[] {
  const out: ClockEvent[] = [];
  const nextLocal = events.find((e) => e.node === event.node && e.id > event.id);
  if (nextLocal) out.push(nextLocal);
  if (event.kind === 'send') out.push(...events.filter((e) => e.kind === 'receive' && e.sendId === event.id));
  return out;
}
