// The trace: a bounded ring of recent events plus a running hash over every event ever
// recorded, so two runs agree on the hash exactly when they agree on the whole trace.
//
// The ring is columnar: one array per field, filled in place. A message's send and delivery and
// a timer's firing (most of a run's events) are recorded field by field and never become
// objects; an event object is made only when someone reads the ring (a frame, a test). Notable
// events (faults, notes, violations) arrive as objects and are kept as they are.
import type { TraceEvent, TraceKind } from './frame';

export interface TraceRing {
  timeMs: Float64Array;
  messageId: Float64Array;
  kind: (TraceKind | undefined)[];
  node: (string | undefined)[];
  from: (string | undefined)[];
  to: (string | undefined)[];
  messageType: (string | undefined)[];
  tag: (string | undefined)[];
  text: (string | undefined)[];
  /** The event as recorded, for those that came as objects (they may carry `data`). */
  objects: (TraceEvent | null)[];
}

export interface TraceState {
  capacity: number;
  ring: TraceRing;
  /** Events ever recorded; the newest sits at slot (count - 1) % capacity. */
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

function column<T>(capacity: number): T[] {
  return new Array<T>(capacity).fill(undefined as T);
}

export function createTrace(capacity = 4096, notableCapacity = 500): TraceState {
  const ring: TraceRing = {
    timeMs: new Float64Array(capacity), messageId: new Float64Array(capacity),
    kind: column(capacity), node: column(capacity), from: column(capacity), to: column(capacity),
    messageType: column(capacity), tag: column(capacity), text: column(capacity), objects: new Array(capacity).fill(null),
  };
  return { capacity, ring, count: 0, hashA: 0x811c9dc5, hashB: 0x9e3779b9, notable: [], notableCapacity, faults: [] };
}

// Two 32-bit lanes, FNV-1a and a murmur-style mix, fed field by field: no string is built. Each
// lane is a function of its own, so the compiler keeps both in registers.
function laneA(a: number, value: number): number {
  return Math.imul(Math.imul(a ^ (value & 0xffff), 0x01000193) ^ (value >>> 16), 0x01000193);
}

function laneB(b: number, value: number): number {
  const mixed = Math.imul(b ^ value, 0x5bd1e995);
  return mixed ^ (mixed >>> 15);
}

/** FNV-1a of a string: one multiply per character. */
function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}

const ABSENT = 0x7fffffff;

/** The hashes of the names a run repeats in every event (kinds, actor ids, message types, tags),
 * each computed once: a lookup costs about half the hash of a message type's name. Sentences
 * (the `text` field) are hashed each time, so the memo holds only names; it is emptied if a lab
 * ever makes names without end. The hash is a pure function of the string, so a memo shared by
 * every run changes no run. */
const nameHashes = new Map<string, number>();
const MAX_NAMES = 8192;

export function nameHash(name: string | undefined): number {
  if (name === undefined) return ABSENT;
  let hash = nameHashes.get(name);
  if (hash === undefined) {
    if (nameHashes.size >= MAX_NAMES) nameHashes.clear();
    hash = hashText(name);
    nameHashes.set(name, hash);
  }
  return hash;
}

function textHash(text: string | undefined): number {
  return text === undefined ? ABSENT : hashText(text);
}

/**
 * Records one event given field by field (no `data`, which only decorates and is never hashed).
 * Every field that defines behaviour goes into the hash, in a fixed order. Returns the slot.
 */
export function recordFields(
  trace: TraceState, timeMs: number, kind: TraceKind, node: string | undefined, from: string | undefined,
  to: string | undefined, messageId: number | undefined, messageType: string | undefined, tag: string | undefined, text: string | undefined,
): number {
  return recordHashed(
    trace, timeMs, kind, nameHash(kind), node, nameHash(node), from, nameHash(from), to, nameHash(to),
    messageId ?? -1, messageType, nameHash(messageType), tag, nameHash(tag), text,
  );
}

export type TripKind = 'send' | 'deliver' | 'drop';

const TRIP_KIND_HASHES: Record<TripKind, number> = { send: hashText('send'), deliver: hashText('deliver'), drop: hashText('drop') };

/** The hashes of a message's names (see nameHash), worked out once when it is sent and kept
 * with it for its delivery: a message's two trips then look up no name. */
export interface TripHashes {
  fromHash: number;
  toHash: number;
  typeHash: number;
}

export function tripHashes(from: string, to: string, messageType: string): TripHashes {
  return { fromHash: nameHash(from), toHash: nameHash(to), typeHash: nameHash(messageType) };
}

/** Records a message's send, delivery or drop: the same event, and the same hash, as
 * recordFields with no node and no text. */
export function recordTrip(
  trace: TraceState, timeMs: number, kind: TripKind, from: string, to: string, messageId: number, messageType: string,
  hashes: TripHashes, tag: string | undefined,
): number {
  return recordHashed(
    trace, timeMs, kind, TRIP_KIND_HASHES[kind], undefined, ABSENT, from, hashes.fromHash, to, hashes.toHash,
    messageId, messageType, hashes.typeHash, tag, nameHash(tag), undefined,
  );
}

/** Mixes the fields' hashes into the trace's running hash, in their fixed order, and stores the
 * fields in the ring. */
function recordHashed(
  trace: TraceState, timeMs: number, kind: TraceKind, kindHash: number, node: string | undefined, nodeHash: number,
  from: string | undefined, fromHash: number, to: string | undefined, toHash: number, messageId: number,
  messageType: string | undefined, typeHash: number, tag: string | undefined, tagHash: number, text: string | undefined,
): number {
  let a = trace.hashA;
  let b = trace.hashB;
  a = laneA(a, timeMs); b = laneB(b, timeMs);
  a = laneA(a, kindHash); b = laneB(b, kindHash);
  a = laneA(a, nodeHash); b = laneB(b, nodeHash);
  a = laneA(a, fromHash); b = laneB(b, fromHash);
  a = laneA(a, toHash); b = laneB(b, toHash);
  a = laneA(a, messageId); b = laneB(b, messageId);
  a = laneA(a, typeHash); b = laneB(b, typeHash);
  a = laneA(a, tagHash); b = laneB(b, tagHash);
  const textField = textHash(text);
  trace.hashA = laneA(a, textField);
  trace.hashB = laneB(b, textField);
  const slot = trace.count % trace.capacity;
  trace.count++;
  const ring = trace.ring;
  ring.timeMs[slot] = timeMs;
  ring.kind[slot] = kind;
  ring.node[slot] = node;
  ring.from[slot] = from;
  ring.to[slot] = to;
  ring.messageId[slot] = messageId;
  ring.messageType[slot] = messageType;
  ring.tag[slot] = tag;
  ring.text[slot] = text;
  ring.objects[slot] = null;
  return slot;
}

/** Records an event given as an object (its `seq` set to its place in the trace); notable ones
 * are also kept in the log's rings, as they are. */
export function recordEvent(trace: TraceState, event: TraceEvent): void {
  event.seq = trace.count;
  const slot = recordFields(trace, event.timeMs, event.kind, event.node, event.from, event.to, event.messageId, event.messageType, event.tag, event.text);
  trace.ring.objects[slot] = event;
  if (NOTABLE.has(event.kind)) {
    trace.notable.push(event);
    if (trace.notable.length > trace.notableCapacity) trace.notable.splice(0, trace.notable.length - trace.notableCapacity);
    if (FAULT_KINDS.has(event.kind)) {
      trace.faults.push(event);
      if (trace.faults.length > trace.notableCapacity) trace.faults.splice(0, trace.faults.length - trace.notableCapacity);
    }
  }
}

/** Whether a kind of event belongs in the log's notable ring (and so must be recorded whole). */
export function isNotable(kind: TraceKind): boolean {
  return NOTABLE.has(kind);
}

export function traceHash(trace: TraceState): string {
  return (trace.hashA >>> 0).toString(16).padStart(8, '0') + (trace.hashB >>> 0).toString(16).padStart(8, '0');
}

/** How many events the ring holds now. */
export function retainedCount(trace: TraceState): number {
  return Math.min(trace.count, trace.capacity);
}

/** The ring's optional text columns, set on an event only where they hold a value. */
const TEXT_FIELDS = ['node', 'from', 'to', 'messageType', 'tag', 'text'] as const;

/** The event with sequence number `seq` (which must still be in the ring), as an object. */
function eventAt(trace: TraceState, seq: number): TraceEvent {
  const ring = trace.ring;
  const slot = seq % trace.capacity;
  const recorded = ring.objects[slot];
  if (recorded !== null) return recorded;
  const event: TraceEvent = { seq, timeMs: small(ring.timeMs[slot]), kind: ring.kind[slot] as TraceKind };
  for (const field of TEXT_FIELDS) {
    const value = ring[field][slot];
    if (value !== undefined) event[field] = value;
  }
  if (ring.messageId[slot] !== -1) event.messageId = small(ring.messageId[slot]);
  return event;
}

/** A number read from a Float64Array is a boxed double; as a small integer it is cheaper to keep
 * and to send to the page (structured clone writes small integers in a byte or two, doubles in 9). */
function small(value: number): number {
  return value >= 0 && value <= 0x3fffffff && Number.isInteger(value) ? value | 0 : value;
}

/** The retained events, oldest first, in a new array. */
export function recentEvents(trace: TraceState): TraceEvent[] {
  const events: TraceEvent[] = [];
  for (let seq = trace.count - retainedCount(trace); seq < trace.count; seq++) events.push(eventAt(trace, seq));
  return events;
}

/** The newest `max` retained events of the given kinds, oldest first. */
export function recentEventsOfKinds(trace: TraceState, kinds: ReadonlySet<string>, max: number): TraceEvent[] {
  const events: TraceEvent[] = [];
  const kindColumn = trace.ring.kind;
  for (let seq = trace.count - 1; seq >= trace.count - retainedCount(trace) && events.length < max; seq--) {
    if (kinds.has(kindColumn[seq % trace.capacity] as string)) events.push(eventAt(trace, seq));
  }
  return events.reverse();
}
