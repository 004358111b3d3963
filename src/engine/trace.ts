// The trace: a bounded ring buffer of recent events plus a running hash over every event ever
// recorded, so two runs agree on the hash exactly when they agree on the whole trace.
import type { TraceEvent } from './frame';

export interface TraceState {
  capacity: number;
  events: TraceEvent[];
  /** Index of the oldest event once the ring is full. */
  start: number;
  count: number;
  hashA: number;
  hashB: number;
  /** Notable events (faults, notes, violations) kept in their own smaller ring for the log. */
  notable: TraceEvent[];
  notableCapacity: number;
  /** Faults and controls only (no protocol notes), so a long run of elections cannot push the
   * partition that caused them out of view. */
  faults: TraceEvent[];
}

const NOTABLE: ReadonlySet<string> = new Set([
  'crash', 'restart', 'pause', 'resume', 'timeout', 'cut', 'heal', 'partition', 'network',
  'skew', 'control', 'note', 'violation',
]);

const FAULT_KINDS: ReadonlySet<string> = new Set([
  'crash', 'restart', 'pause', 'resume', 'timeout', 'cut', 'heal', 'partition', 'network', 'skew', 'control',
]);

export function createTrace(capacity = 4096, notableCapacity = 500): TraceState {
  return { capacity, events: [], start: 0, count: 0, hashA: 0x811c9dc5, hashB: 0x9e3779b9, notable: [], notableCapacity, faults: [] };
}

/** Two 32-bit lanes (FNV-1a and a murmur-style mix) fed field by field: no string is built. */
interface HashLanes {
  a: number;
  b: number;
}

function mixInt(lanes: HashLanes, value: number): void {
  lanes.a = Math.imul(lanes.a ^ (value & 0xffff), 0x01000193);
  lanes.a = Math.imul(lanes.a ^ (value >>> 16), 0x01000193);
  let b = Math.imul(lanes.b ^ value, 0x5bd1e995);
  lanes.b = b ^ (b >>> 15);
}

/** FNV-1a of a string: one multiply per character, cheaper than a memo lookup for short names. */
function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}

function mixText(lanes: HashLanes, text: string | undefined): void {
  mixInt(lanes, text === undefined ? 0x7fffffff : hashText(text));
}

const lanes: HashLanes = { a: 0, b: 0 };

/** Feeds every field that defines behaviour (not `data`, which only decorates) into the hash. */
export function recordEvent(trace: TraceState, event: TraceEvent): void {
  lanes.a = trace.hashA;
  lanes.b = trace.hashB;
  mixInt(lanes, event.timeMs);
  mixText(lanes, event.kind);
  mixText(lanes, event.node);
  mixText(lanes, event.from);
  mixText(lanes, event.to);
  mixInt(lanes, event.messageId ?? -1);
  mixText(lanes, event.messageType);
  mixText(lanes, event.tag);
  mixText(lanes, event.text);
  trace.hashA = lanes.a;
  trace.hashB = lanes.b;
  trace.count++;
  if (trace.events.length < trace.capacity) {
    trace.events.push(event);
  } else {
    trace.events[trace.start] = event;
    trace.start = (trace.start + 1) % trace.capacity;
  }
  if (NOTABLE.has(event.kind)) {
    trace.notable.push(event);
    if (trace.notable.length > trace.notableCapacity) trace.notable.splice(0, trace.notable.length - trace.notableCapacity);
    if (FAULT_KINDS.has(event.kind)) {
      trace.faults.push(event);
      if (trace.faults.length > trace.notableCapacity) trace.faults.splice(0, trace.faults.length - trace.notableCapacity);
    }
  }
}

export function traceHash(trace: TraceState): string {
  return (trace.hashA >>> 0).toString(16).padStart(8, '0') + (trace.hashB >>> 0).toString(16).padStart(8, '0');
}

/** The retained events, oldest first. */
export function recentEvents(trace: TraceState): TraceEvent[] {
  return trace.events.length < trace.capacity
    ? trace.events.slice()
    : trace.events.slice(trace.start).concat(trace.events.slice(0, trace.start));
}
