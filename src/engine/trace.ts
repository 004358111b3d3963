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
}

const NOTABLE: ReadonlySet<string> = new Set([
  'crash', 'restart', 'pause', 'resume', 'timeout', 'cut', 'heal', 'partition', 'network',
  'skew', 'control', 'note', 'violation',
]);

export function createTrace(capacity = 4096, notableCapacity = 500): TraceState {
  return { capacity, events: [], start: 0, count: 0, hashA: 0x811c9dc5, hashB: 0x9e3779b9, notable: [], notableCapacity };
}

/** The canonical text of an event that the hash covers: every field that defines behaviour. */
export function canonicalEvent(event: TraceEvent): string {
  return `${event.timeMs}|${event.kind}|${event.node ?? ''}|${event.from ?? ''}|${event.to ?? ''}|${event.messageId ?? ''}|${event.messageType ?? ''}|${event.tag ?? ''}|${event.text ?? ''}`;
}

export function recordEvent(trace: TraceState, event: TraceEvent): void {
  const text = canonicalEvent(event);
  let a = trace.hashA;
  let b = trace.hashB;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  // A separator between events, so "ab"+"c" and "a"+"bc" hash differently.
  trace.hashA = Math.imul(a ^ 0x0a, 0x01000193);
  trace.hashB = Math.imul(b ^ 0x0a, 0x5bd1e995);
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
