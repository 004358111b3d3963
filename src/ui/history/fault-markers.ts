// Faults and mode flips from the frame's notable events, as labelled marks on the history's time axis.
import type { TraceEvent } from '../../engine/frame';

export type MarkerKind = 'partition' | 'heal' | 'crash' | 'restart' | 'skew' | 'mode';

export interface FaultMarker {
  seq: number;
  timeMs: number;
  kind: MarkerKind;
  /** Short label drawn by the line: "partition", "heal", "crash n3", "→ CP". */
  label: string;
  /** The event's own sentence, for the tooltip. */
  text: string;
}

/** "mode switched to CP" → "CP"; null when the sentence names no mode. */
export function modeFromText(text: string | undefined): string | null {
  const match = /\bto ([A-Za-z]+)\s*$/.exec(text ?? '');
  return match ? match[1].toUpperCase() : null;
}

function markerOf(event: TraceEvent): Omit<FaultMarker, 'seq' | 'timeMs' | 'text'> | null {
  switch (event.kind) {
    case 'partition':
      return { kind: 'partition', label: 'partition' };
    case 'heal':
      // Healing one link is a detail; healing everything ends a partition.
      return event.from || event.to ? null : { kind: 'heal', label: 'heal' };
    case 'crash':
      return { kind: 'crash', label: event.node ? `crash ${event.node}` : 'crash' };
    case 'restart':
      return { kind: 'restart', label: event.node ? `restart ${event.node}` : 'restart' };
    case 'skew':
      return { kind: 'skew', label: event.node ? `skew ${event.node}` : 'skew' };
    case 'control': {
      // A lab action that switches a mode says so in its data (the CAP lab's CP/AP switch).
      if (typeof event.data?.mode !== 'string') return null;
      const mode = modeFromText(event.text) ?? event.data.mode.toUpperCase();
      return { kind: 'mode', label: mode ? `→ ${mode}` : 'mode' };
    }
    default:
      return null;
  }
}

/** The markers among `events` that fall inside [fromMs, toMs], oldest first. */
export function faultMarkers(events: readonly TraceEvent[], fromMs = -Infinity, toMs = Infinity): FaultMarker[] {
  const markers: FaultMarker[] = [];
  for (const event of events) {
    if (event.timeMs < fromMs || event.timeMs > toMs) continue;
    const marker = markerOf(event);
    if (marker) markers.push({ ...marker, seq: event.seq, timeMs: event.timeMs, text: event.text ?? marker.label });
  }
  return markers;
}

/**
 * A label row for each marker so labels close together in x do not overlap: the first row whose
 * last label ends before this one starts (x positions in pixels, `charWidth` per character).
 */
export function labelRows(positions: readonly { x: number; label: string }[], charWidth = 6.5, gap = 6): { rows: number[]; count: number } {
  const rowEnds: number[] = [];
  const rows = positions.map(({ x, label }) => {
    let row = rowEnds.findIndex((end) => end + gap <= x);
    if (row < 0) row = rowEnds.push(0) - 1;
    rowEnds[row] = x + label.length * charWidth;
    return row;
  });
  return { rows, count: Math.max(1, rowEnds.length) };
}

export interface MarkerMemory {
  markers: FaultMarker[];
  eventCount: number;
}

/**
 * The frame carries only the most recent notable events, so a chatty run (elections on a cut-off
 * minority) pushes its partition out of view. This keeps every marker seen so far, up to `limit`,
 * and starts over when the run goes back (a seek or a reload: the event count drops).
 */
export function rememberMarkers(previous: MarkerMemory | null, events: readonly TraceEvent[], eventCount: number, limit = 200): MarkerMemory {
  const fresh = faultMarkers(events);
  if (!previous || eventCount < previous.eventCount) return { markers: fresh.slice(-limit), eventCount };
  const known = new Set(previous.markers.map((marker) => marker.seq));
  const added = fresh.filter((marker) => !known.has(marker.seq));
  if (added.length === 0) return { markers: previous.markers, eventCount };
  const markers = [...previous.markers, ...added].sort((a, b) => a.seq - b.seq);
  return { markers: markers.slice(-limit), eventCount };
}
