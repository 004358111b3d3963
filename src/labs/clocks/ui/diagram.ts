// The clocks lab's event diagram as data: one lane per process, events left to right in the
// order they happened, a line per message between its send and receive, and each event's label in
// the chosen clock. Pure, so it is tested without a DOM.
import type { ClockEvent } from '../../../protocols/clocks/events';
import { showHlc } from '../../../protocols/clocks/hybrid';
import { showVector } from '../../../protocols/clocks/vector';

export type StampKind = 'lamport' | 'vector' | 'physical' | 'hybrid';

export const STAMP_LABELS: Record<StampKind, string> = { lamport: 'Lamport', vector: 'Vector', physical: 'Physical', hybrid: 'HLC' };

export const LANE_GAP = 44;
export const STEP = 34;
export const LEFT = 40;
export const TOP = 24;

export interface PlacedEvent {
  event: ClockEvent;
  x: number;
  y: number;
  label: string;
}

export interface PlacedMessage {
  key: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface Diagram {
  width: number;
  height: number;
  lanes: { id: string; y: number }[];
  events: PlacedEvent[];
  messages: PlacedMessage[];
}

export function stampOf(event: ClockEvent, kind: StampKind): string {
  switch (kind) {
    case 'lamport':
      return String(event.lamport);
    case 'vector':
      return showVector(event.vector);
    case 'physical':
      return String(event.physicalMs);
    case 'hybrid':
      return showHlc(event.hlc);
  }
}

export function buildDiagram(processes: readonly string[], events: readonly ClockEvent[], stamp: StampKind): Diagram {
  const lanes = processes.map((id, i) => ({ id, y: TOP + i * LANE_GAP }));
  const laneY = new Map(lanes.map((lane) => [lane.id, lane.y]));
  const step = stamp === 'vector' ? STEP * 1.6 : STEP;
  const placed = events
    .filter((event) => laneY.has(event.node))
    .map((event, i) => ({ event, x: LEFT + 20 + i * step, y: laneY.get(event.node)!, label: stampOf(event, stamp) }));
  const byId = new Map(placed.map((p) => [p.event.id, p]));
  const messages = placed
    .filter((p) => p.event.kind === 'receive' && p.event.sendId !== undefined && byId.has(p.event.sendId))
    .map((p) => {
      const send = byId.get(p.event.sendId!)!;
      return { key: `${send.event.id}>${p.event.id}`, x1: send.x, y1: send.y, x2: p.x, y2: p.y };
    });
  const width = Math.max(320, LEFT + 40 + placed.length * step);
  const height = TOP + Math.max(1, processes.length) * LANE_GAP;
  return { width, height, lanes, events: placed, messages };
}
